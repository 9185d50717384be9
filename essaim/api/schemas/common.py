"""Schemas shared by every router: the error body, a territory reference."""

from ninja import Schema


class Error(Schema):
    """Every 4xx/5xx body (see essaim/api/errors.py)."""

    detail: str
    errors: dict[str, str] = {}


class PlaceRef(Schema):
    level: str
    code: str
    name: str


# Responses every endpoint may give; merge with `{**ERRORS, 200: ...}`.
# 400: the request does not follow this document; 422: it does, and the domain refuses it
# (decision 0021).
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error, 429: Error}
