"""Field types of the API's request bodies, declared in OpenAPI exactly as the server checks them.

pydantic's lax mode would accept `"5"` or `5.0` for an integer, `0` for a boolean and a Unix
timestamp for a date, none of which the OpenAPI document allows; these types are strict, and
dates keep to the plausible range of `essaim.core.dates` (with a pattern saying so in OpenAPI).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.utils.translation import gettext as _
from pydantic import AfterValidator, BeforeValidator, Field, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

from essaim.core.dates import DATE_PATTERN, is_plausible, out_of_range_message

StrictInt = Annotated[int, Strict()]
StrictBool = Annotated[bool, Strict()]


def people_error(message: str) -> PydanticCustomError:
    """A validation error whose message is already for people (French, translated): the API's
    error mapping (`essaim.api.errors.field_message`) shows it as is."""
    return PydanticCustomError("essaim", "{message}", {"message": str(message)})


def _date_text(value):
    if not isinstance(value, str | dt.date):
        raise people_error(_("Une date AAAA-MM-JJ est attendue."))
    return value


def _plausible(value: dt.date) -> dt.date:
    if not is_plausible(value):
        raise people_error(out_of_range_message())
    return value


Date = Annotated[
    dt.date,
    BeforeValidator(_date_text),
    AfterValidator(_plausible),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]


def bounded_int(minimum: int, maximum: int, message: str | None = None):
    """A strict integer in [minimum, maximum], with the bounds in OpenAPI; `message` (lazy) replaces
    pydantic's when the value is out of bounds."""
    if message is None:
        return Annotated[int, Strict(), Field(ge=minimum, le=maximum)]

    def check(value: int) -> int:
        if not minimum <= value <= maximum:
            raise people_error(message)
        return value

    schema = {"type": "integer", "minimum": minimum, "maximum": maximum}
    return Annotated[int, Strict(), AfterValidator(check), WithJsonSchema(schema)]


# An identifier sent in a body or as a JSON object key: what our primary keys can be.
ID_MAX = 2**31 - 1
Id = bounded_int(1, ID_MAX)
ID_KEY_PATTERN = r"^[1-9][0-9]{0,8}$"


def text(*, max_length: int | None = None, required: bool = False):
    """A string; `required` ones must hold a visible character (OpenAPI pattern `\\S`)."""
    constraints = {"max_length": max_length} if max_length else {}
    if required:
        constraints["pattern"] = r"\S"
    return Annotated[str, Field(**constraints)]


def not_nullable(*names: str):
    """For `model_config = ConfigDict(json_schema_extra=not_nullable("a", "b"))`: optional fields
    declared `X | None = None` that the server refuses as `null` are shown in OpenAPI as plain `X`
    (they may be left out, not sent empty)."""

    def extra(schema: dict, model) -> None:
        for name in names:
            prop = schema["properties"][name]
            kept = [alt for alt in prop.pop("anyOf", []) if alt.get("type") != "null"]
            if len(kept) == 1:
                prop.update(kept[0])
            elif kept:
                prop["anyOf"] = kept
            if prop.get("default", "") is None:
                del prop["default"]

    return extra
