"""`route(name, *args)`: `reverse(name, args=args)` without resolving the URL name each time.

Pages that build many links (a results page's cards and territory links, the board's attention
panel) reversed the same names hundreds of times a page. Each name is reversed once per number of
arguments, script prefix and URL configuration, with markers in place of the arguments, and the
values are put in the markers' place. Values must be what the route's converters accept as they
are (ids, slugs, INSEE codes): they are not quoted, as `reverse()` would not need to quote them.
"""

from django.urls import get_script_prefix, get_urlconf, reverse

# Digits no real id, slug or code has: every converter the routes use (int, slug, str) takes them.
_MARKS = ("987654321001", "987654321002", "987654321003", "987654321004")
_routes: dict = {}


def route(name: str, *args) -> str:
    key = (name, len(args), get_script_prefix(), get_urlconf())
    found = _routes.get(key)
    if found is None:
        found = _routes[key] = reverse(name, args=_MARKS[: len(args)])
    for mark, value in zip(_MARKS, args, strict=False):
        found = found.replace(mark, str(value), 1)
    return found
