"""Context shared by every page: who runs this instance, its accessibility status, the demo, the
count of new contact requests the navigation shows (computed only when a page asks for it), and
the site's header and footer, rendered once and reused (issue 15).

The header (`web/_site_header.html`) and the footer (`web/_site_footer.html`) cost more than a
page's own content when the template engine renders them on each request (about a millisecond:
a dozen `{% url %}`, `{% static %}` and `{% translate %}`, the navigation's conditions). What
they depend on is small and known:
- the footer: the language, the settings (operator, accessibility audit), the URL set;
- the header of an anonymous person: the same, plus which navigation link is the current page
  (a few booleans read from the template's own conditions on `request.path` and
  `request.resolver_match.url_name`), plus two values spliced in per request: the CSRF token
  and the page's address (the language switch's `next`).
They are rendered once per such key, never per URL. A signed-in person's header (their inbox
count, the account link) is rendered by the template engine on each request. Any settings
change (tests' `override_settings`) empties the memo.
"""

import re
from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.middleware.csrf import get_token
from django.template import Context
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from essaim.web.public.pages import conformity
from essaim.web.workspace.inbox import inbox_badge

HEADER = "web/_site_header.html"
FOOTER = "web/_site_footer.html"
# Placeholders rendered in place of the per-request values, then replaced (letters only: no
# escaping changes them).
TOKEN, FULL_PATH = "EssaimShellCsrfToken", "EssaimShellFullPath"

_memo: dict = {}


def _forget(**kwargs) -> None:
    _memo.clear()


setting_changed.connect(_forget, dispatch_uid="essaim.web.context.forget")


def site(request) -> dict:
    """`ESSAIM.operator` (settings.OPERATOR, empty values dropped), `ESSAIM.accessibility` (the
    RGAA status the footer must show), `ESSAIM.demo`, `ESSAIM.new_contact_requests` (None for
    someone who reads no requests; read only where a template asks, kept a minute in the session),
    `ESSAIM.header` and `ESSAIM.footer` (rendered when base.html shows them)."""
    essaim = dict(_settings_part())
    essaim["new_contact_requests"] = cache(lambda: inbox_badge(request))
    essaim["header"] = lambda: site_header(request, essaim)
    essaim["footer"] = lambda: site_footer(essaim)
    return {"ESSAIM": essaim}


def _settings_part() -> dict:
    key = ("settings", get_language())
    if key not in _memo:
        _memo[key] = {
            "operator": {key: value for key, value in settings.OPERATOR.items() if value},
            "accessibility": conformity(settings.ACCESSIBILITY_AUDIT).status,
            "demo": settings.DEMO,
        }
    return _memo[key]


# The header's uses of the request, each turned into one boolean of the key.
_CONDITIONS = (
    (re.compile(r"request\.path\|slice:':(\d+)' == '([^']*)'"), lambda r, n, s: r.path[: int(n)] == s),
    (re.compile(r"request\.path == '([^']*)'"), lambda r, s: r.path == s),
    (
        re.compile(r"request\.resolver_match\.url_name == '([^']*)'"),
        lambda r, s: getattr(r.resolver_match, "url_name", None) == s,
    ),
)
# Every other use of `request` the header may make (spliced per request).
_SPLICED = ("request.get_full_path",)


@cache
def header_conditions(source: str) -> tuple:
    """(test, arguments) for each of the template's conditions on the request, in order."""
    found = []
    for pattern, test in _CONDITIONS:
        found += [(test, match.groups()) for match in pattern.finditer(source)]
    return tuple(found)


def unknown_request_uses(source: str) -> list[str]:
    """The template's uses of `request` that the key does not cover (tested to be none)."""
    rest = re.sub(r"{% comment %}.*?{% endcomment %}", "", source, flags=re.S)
    for pattern, _test in _CONDITIONS:
        rest = pattern.sub("", rest)
    for spliced in _SPLICED:
        rest = rest.replace(spliced, "")
    return re.findall(r"\brequest\b[.\w|:' =]*", rest)


class _Probe:
    """The request as the cached header sees it: its path and route, a placeholder address."""

    def __init__(self, request):
        self.path, self.resolver_match = request.path, getattr(request, "resolver_match", None)

    def get_full_path(self) -> str:
        return FULL_PATH


def site_header(request, essaim: dict) -> SafeString:
    template = get_template(HEADER)
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return SafeString(template.render(_plain_context(request, essaim)).removesuffix("\n"))
    conditions = header_conditions(template.template.source)
    states = tuple(test(request, *args) for test, args in conditions)
    key = ("header", get_language(), get_script_prefix(), get_urlconf(), states)
    pieces = _memo.get(key)
    if pieces is None:
        context = {"request": _Probe(request), "user": user, "csrf_token": TOKEN, "ESSAIM": essaim}
        rendered = template.template.render(Context(context, autoescape=True)).removesuffix("\n")
        pieces = _memo[key] = tuple(re.split(f"({TOKEN}|{FULL_PATH})", rendered))
    values = {TOKEN: None, FULL_PATH: None}
    out = []
    for piece in pieces:
        if piece == TOKEN:
            piece = values[TOKEN] = values[TOKEN] or get_token(request)
        elif piece == FULL_PATH:
            piece = values[FULL_PATH] = values[FULL_PATH] or escape(request.get_full_path())
        out.append(piece)
    return SafeString("".join(out))


def _plain_context(request, essaim: dict) -> dict:
    return {"request": request, "user": request.user, "csrf_token": get_token(request), "ESSAIM": essaim}


def site_footer(essaim: dict) -> SafeString:
    key = ("footer", get_language(), get_script_prefix(), get_urlconf())
    if key not in _memo:
        template = get_template(FOOTER).template
        _memo[key] = SafeString(template.render(Context({"ESSAIM": essaim})).removesuffix("\n"))
    return _memo[key]
