"""Field types of the API's request bodies, declared in OpenAPI exactly as the server checks them.

pydantic's lax mode would accept `"5"` for an integer, `0` for a boolean and a Unix timestamp
for a date, none of which the OpenAPI document allows; these types accept exactly what JSON Schema
does (an integer is any JSON number without a fractional part, `5.0` included), and dates keep to
the plausible range of `essaim.core.dates` — 1900 to ten years from today, checked against today
at each request, with a pattern saying so in OpenAPI (`DATE_PATTERN`, built when the process
starts). Request bodies derive from `Body`, which refuses anything but a JSON object.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, Field, Strict, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from essaim.core.dates import DATE_PATTERN, is_plausible, out_of_range_message

StrictBool = Annotated[bool, Strict()]


def people_error(message: str) -> PydanticCustomError:
    """A validation error whose message is already for people (French, translated): the API's
    error mapping (`essaim.api.errors.field_message`) shows it as is."""
    return PydanticCustomError("essaim", "{message}", {"message": str(message)})


class Body(Schema):
    """A request body: a JSON object (a list or a string is a 400, not an empty object)."""

    @model_validator(mode="before")
    @classmethod
    def _object_only(cls, data):
        if not isinstance(getattr(data, "_obj", data), dict):  # ninja wraps the value in a DjangoGetter
            raise people_error(_("Un objet JSON est attendu."))
        return data


def _json_integer(value):
    """JSON Schema's integer: a number with no fractional part, never a string or a boolean."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise people_error(_("Un nombre entier est attendu."))
    if isinstance(value, float):
        if not value.is_integer():
            raise people_error(_("Un nombre entier est attendu."))
        return int(value)
    return value


Integer = Annotated[int, BeforeValidator(_json_integer)]

# An amount in euros as a string: above 0, below 10^12, at most two decimals (core.bounds), so
# that the document says exactly what the server takes ("9000", "8500.50"; never a float).
AMOUNT_PATTERN = r"^(?:[1-9][0-9]{0,11}(?:\.[0-9]{1,2})?|0\.(?:[1-9][0-9]?|0[1-9]))$"


def _amount_text(value):
    if not isinstance(value, str) or not re.fullmatch(AMOUNT_PATTERN, value):
        raise people_error(
            _("Un montant en euros est attendu, au-dessus de 0 et avec deux décimales au plus.")
        )
    return Decimal(value)


AMOUNT_SCHEMA = {"type": "string", "pattern": AMOUNT_PATTERN, "examples": ["9000", "8500.50"]}
Amount = Annotated[Decimal, BeforeValidator(_amount_text), WithJsonSchema(AMOUNT_SCHEMA)]


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
        # Field first: after a BeforeValidator, pydantic would write `ge`/`le` into the JSON Schema
        # instead of `minimum`/`maximum`.
        return Annotated[int, Field(ge=minimum, le=maximum), BeforeValidator(_json_integer)]

    def check(value: int) -> int:
        if not minimum <= value <= maximum:
            raise people_error(message)
        return value

    schema = {"type": "integer", "minimum": minimum, "maximum": maximum}
    return Annotated[int, BeforeValidator(_json_integer), AfterValidator(check), WithJsonSchema(schema)]


def one_of(values, message: str):
    """A string among `values` (an enum in OpenAPI); `message` (lazy) for any other value."""
    allowed = tuple(values)

    def check(value: str) -> str:
        if value not in allowed:
            raise people_error(message)
        return value

    return Annotated[str, AfterValidator(check), WithJsonSchema({"type": "string", "enum": list(allowed)})]


# An identifier sent in a body or as a JSON object key: what our primary keys can be.
ID_MAX = 2**31 - 1
Id = bounded_int(1, ID_MAX)
ID_KEY_PATTERN = r"^[1-9][0-9]{0,8}$"


def text(*, max_length: int | None = None, required: bool = False, message: str | None = None):
    """A string; `required` ones must hold a visible character (OpenAPI pattern `\\S`), else
    `message` (lazy) or "Ce champ ne peut pas être vide."."""
    if not required:
        return Annotated[str, Field(max_length=max_length)] if max_length else str

    def check(value: str) -> str:
        if not value.strip():
            raise people_error(message or _("Ce champ ne peut pas être vide."))
        if max_length and len(value) > max_length:
            raise people_error(_("Au plus %(max_length)s caractères.") % {"max_length": max_length})
        return value

    schema = {"type": "string", "pattern": r"\S", **({"maxLength": max_length} if max_length else {})}
    return Annotated[str, AfterValidator(check), WithJsonSchema(schema)]


def openapi_fixes(*, not_nullable: tuple[str, ...] = (), id_keyed: tuple[str, ...] = ()):
    """For `model_config = ConfigDict(json_schema_extra=openapi_fixes(...))`: say in OpenAPI what
    pydantic's schema leaves out.

    - `not_nullable`: optional fields declared `X | None = None` that the server refuses as `null`
      are shown as plain `X` (they may be left out, not sent empty);
    - `id_keyed`: objects keyed by identifiers (`dict[IdKey, ...]`) accept no other key.
    """

    def extra(schema: dict, model) -> None:
        for name in not_nullable:
            prop = schema["properties"][name]
            kept = [alt for alt in prop.pop("anyOf", []) if alt.get("type") != "null"]
            if len(kept) == 1:
                prop.update(kept[0])
            elif kept:
                prop["anyOf"] = kept
            if prop.get("default", "") is None:
                del prop["default"]
        for name in id_keyed:
            schema["properties"][name]["additionalProperties"] = False

    return extra


# An identifier as a JSON object key: "12", never "012", "-1" or "x" (with openapi_fixes(id_keyed=)).
IdKey = Annotated[int, WithJsonSchema({"type": "string", "pattern": ID_KEY_PATTERN})]
