"""The one place that turns a route into an absolute link for e-mails and exports."""

from django.conf import settings
from django.urls import reverse


def site_url(viewname: str | None = None, *args, path: str | None = None, **kwargs) -> str:
    """`site_url("workspace:project", pk)` → `https://essaim.example.org/espace/projets/3/`."""
    base = settings.SITE_URL.rstrip("/")
    if path is None:
        path = reverse(viewname, args=args or None, kwargs=kwargs or None)
    return base + path
