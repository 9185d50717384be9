"""No URL pattern hides another: every route of the site, given sample values, resolves to its
own view. The public pages are listed first in essaim/urls.py for speed (issue 15); this test
fails if that order (or any other) made one pattern shadow a later one."""

import re

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import get_converters

SAMPLES = {"int": "7", "slug": "un-exemple", "str": "exemple", "uuid": "0f8fad5b-d9cb-469f-a165-70867728950e"}
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def routes(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def sample(route: str) -> str | None:
    if route.startswith("^") or "(?" in route:  # a regular expression (the admin's, ninja's)
        return None
    return "/" + PARAMETER.sub(lambda m: value_for(m["converter"] or "str"), route)


def value_for(converter: str) -> str:
    """A sample value: the usual ones, or the first choice of a custom converter (`csv|xlsx`)."""
    if converter in SAMPLES:
        return SAMPLES[converter]
    return re.sub(r"[()?:]", "", get_converters()[converter].regex).split("|")[0]


def test_every_route_resolves_to_its_own_view():
    checked, hidden = 0, []
    for route, pattern in routes(get_resolver()):
        path = sample(route)
        if path is None or route.startswith(("admin/", "api/")):
            continue
        match = resolve(path)
        checked += 1
        if match.func is not pattern.callback and match.route != route:
            hidden.append((route, match.route))
    assert checked > 150
    assert hidden == []
