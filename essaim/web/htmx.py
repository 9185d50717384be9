"""Small helpers for views that answer htmx requests with a fragment and others with a page."""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def is_htmx_partial(request) -> bool:
    """An htmx request that wants a fragment (a history restore wants the whole page)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def render_page_or_fragment(request, page_template: str, fragment_template: str, context: dict, **kwargs):
    """The fragment for htmx, the whole page otherwise; `Vary: HX-Request` so caches keep both apart.

    The context gets `partial` (True for the fragment), e.g. to add out-of-band swaps.
    """
    partial = is_htmx_partial(request)
    context = {**context, "partial": partial}
    response = render(request, fragment_template if partial else page_template, context, **kwargs)
    patch_vary_headers(response, ["HX-Request"])
    return response
