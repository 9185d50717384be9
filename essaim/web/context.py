"""Context shared by every page: who runs this instance, its accessibility status, the demo, and
the count of new contact requests the navigation shows (computed only when a page asks for it)."""

from functools import cache

from django.conf import settings

from essaim.web.public.pages import conformity
from essaim.web.workspace.inbox import inbox_badge


def site(request) -> dict:
    """`ESSAIM.operator` (settings.OPERATOR, empty values dropped), `ESSAIM.accessibility` (the
    RGAA status the footer must show), `ESSAIM.demo` and `ESSAIM.new_contact_requests` (None for
    someone who reads no requests; read only where a template asks, kept a minute in the session)."""
    operator = {key: value for key, value in settings.OPERATOR.items() if value}
    return {
        "ESSAIM": {
            "operator": operator,
            "accessibility": conformity(settings.ACCESSIBILITY_AUDIT).status,
            "demo": settings.DEMO,
            "new_contact_requests": cache(lambda: inbox_badge(request)),
        }
    }
