import pytest

from tests.web.html import inline_code_problems


def test_clean_page_has_no_problem():
    html = '<html><head><script src="/static/a.js" defer></script><link rel="stylesheet" href="/a.css"></head><body><p class="x">ok</p></body></html>'
    assert inline_code_problems(html) == []


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<script>alert(1)</script>", "<script> sans src"),
        ("<style>p{}</style>", "<style>"),
        ('<p style="color:red">x</p>', "attribut style= sur <p>"),
        ('<button onclick="x()">x</button>', "gestionnaire onclick= sur <button>"),
        ('<div hx-on:click="x()">x</div>', "hx-on sur <div>"),
        ('<a href="javascript:x()">x</a>', "URL javascript: sur <a>"),
    ],
)
def test_each_kind_of_inline_code_is_reported(html, problem):
    assert problem in inline_code_problems(html)


# --- The site's header and footer, rendered once (issue 15, essaim/web/context.py) ---------

SHELL_PATHS = sorted(
    [
        "/",
        "/annuaire/",
        "/appels/",
        "/compte/",
        "/compte/connexion/",
        "/ecosystemes/",
        "/espace/",
        "/espace/demandes/",
        "/evenements/",
        "/nulle-part/",
        "/offres/",
        "/orientation/",
        "/orientation/resultats/",
        "/rapports/",
        "/territoires/",
        "/territoires/x/",
    ]
)


def _shell_request(path: str, user):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django.urls import Resolver404, resolve

    request = RequestFactory().get(path, {"q": '<b>"l\'été"</b>', "page": "2"})
    request.user = user or AnonymousUser()
    request.session = {}
    try:
        request.resolver_match = resolve(path)
    except Resolver404:
        request.resolver_match = None
    return request


def _plain(template: str, request) -> str:
    """The partial rendered by the template engine with every context processor, as base.html
    rendered it before it was precomputed."""
    from django.template.loader import render_to_string

    return render_to_string(template, request=request).removesuffix("\n")


def _without_token(html: str) -> str:
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", html)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("path", SHELL_PATHS)
def test_the_precomputed_header_and_footer_are_the_plain_rendering(path, signed_in, language):
    from django.utils import translation

    from essaim.web.context import site
    from tests.factories.accounts import UserFactory

    user = UserFactory() if signed_in else None
    with translation.override(language):
        for _ in range(2):  # the first renders and keeps, the second reuses
            request = _shell_request(path, user)
            essaim = site(request)["ESSAIM"]
            header, footer = str(essaim["header"]()), str(essaim["footer"]())
            assert _without_token(header) == _without_token(_plain("web/_site_header.html", request))
            assert footer == _plain("web/_site_footer.html", request)
    assert 'lang="en"' in header if language == "fr" else 'lang="fr"' in header
    assert "q=%3Cb%3E%22l%27%C3%A9t%C3%A9%22%3C%2Fb%3E&amp;page=2" in header  # the page's own address
    assert ("Se déconnecter" in header or "Log out" in header) == signed_in


@pytest.mark.django_db
def test_each_request_gets_its_own_csrf_token_in_the_cached_header():
    from django.middleware.csrf import get_token

    from essaim.web.context import site

    tokens = set()
    for _ in range(2):
        request = _shell_request("/annuaire/", None)
        header = str(site(request)["ESSAIM"]["header"]())
        token = get_token(request)
        assert "EssaimShell" not in header
        import re

        (shown,) = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', header)
        from django.middleware.csrf import _unmask_cipher_token

        assert _unmask_cipher_token(shown) == _unmask_cipher_token(token)
        tokens.add(shown)
    assert len(tokens) == 2


def test_the_header_uses_the_request_only_in_forms_the_key_covers():
    from django.template.loader import get_template

    from essaim.web.context import HEADER, header_conditions, unknown_request_uses

    source = get_template(HEADER).template.source
    assert unknown_request_uses(source) == []
    assert len(header_conditions(source)) >= 10  # the navigation's current-page tests


@pytest.mark.django_db
def test_a_settings_change_is_seen_by_the_footer(client, settings):
    client.get("/")
    settings.OPERATOR = {**settings.OPERATOR, "name": "Coopérative Exemple"}
    assert "Site exploité par Coopérative Exemple." in client.get("/").content.decode()
