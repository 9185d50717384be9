"""Query parameters documented in OpenAPI with their real type, read as plain strings.

Handlers validate them themselves (with the domain's parsers) so that one 400 names every
bad field at once, with our French messages, instead of stopping at the first type error.
Declare them as a schema and take it with `params: Query[MyQuery]` (the handler then reads
`request.GET` through the domain parser).
"""

from typing import Annotated

from pydantic import WithJsonSchema


def documented(schema: dict):
    """`str | None` for validation, `schema` for the OpenAPI document."""
    return Annotated[str | None, WithJsonSchema(schema)]


def choice(values, description: str):
    return documented({"type": "string", "enum": list(values), "description": description})


def text(description: str):
    return documented({"type": "string", "description": description})


def required_text(description: str):
    """A parameter the handler requires: at least one visible character (pattern `\\S`); list
    its name in the schema's `required` with `model_config = ConfigDict(json_schema_extra=
    required(...))`."""
    return documented({"type": "string", "pattern": r"\S", "description": description})


def repeated_choice(values, description: str):
    """A repeatable parameter (`need=a&need=b`) taking one of `values` each time."""
    schema = {"type": "array", "items": {"type": "string", "enum": list(values)}, "description": description}
    return Annotated[list[str] | None, WithJsonSchema(schema)]


def integer(minimum: int, maximum: int, default: int, description: str):
    return documented(
        {
            "type": "integer",
            "minimum": minimum,
            "maximum": maximum,
            "default": default,
            "description": description,
        }
    )


def required(*names: str):
    """`json_schema_extra` marking parameters required in OpenAPI (the handler checks them, so
    that one 400 names every bad parameter with our own messages)."""

    def extra(schema: dict) -> None:
        schema["required"] = sorted({*schema.get("required", []), *names})

    return extra


# The bounds are those of essaim.api.pagination.parse_page (at most 9 digits).
PAGE = documented(
    {"type": "integer", "minimum": 1, "maximum": 999_999_999, "default": 1, "description": "Numéro de page."}
)
PAGE_SIZE = documented(
    {"type": "integer", "minimum": 1, "maximum": 100, "default": 20, "description": "Résultats par page."}
)
