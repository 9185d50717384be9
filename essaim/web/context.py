"""Context shared by every page: who runs this instance, its accessibility status, the demo."""

from django.conf import settings

from essaim.web.public.pages import conformity


def site(request) -> dict:
    """`ESSAIM.operator` (settings.OPERATOR, empty values dropped), `ESSAIM.accessibility` (the
    RGAA status the footer must show) and `ESSAIM.demo`."""
    operator = {key: value for key, value in settings.OPERATOR.items() if value}
    return {
        "ESSAIM": {
            "operator": operator,
            "accessibility": conformity(settings.ACCESSIBILITY_AUDIT).status,
            "demo": settings.DEMO,
        }
    }
