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


# The bounds are those of essaim.api.pagination.parse_page (at most 9 digits).
PAGE = documented(
    {"type": "integer", "minimum": 1, "maximum": 999_999_999, "default": 1, "description": "Numéro de page."}
)
PAGE_SIZE = documented(
    {"type": "integer", "minimum": 1, "maximum": 100, "default": 20, "description": "Résultats par page."}
)
