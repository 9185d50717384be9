"""No page reached in two clicks scrolls sideways at 390 px, for each role.

For a carrier, staff, a local-authority viewer and a platform admin: from the home page and the
page they land on after signing in, follow every same-site link, then every link of those
pages, and check `document.scrollingElement.scrollWidth <= innerWidth` on each. Pages of one
shape are visited once per role (`/espace/projets/12/` stands for every project), files
(CSV, XLSX, PDF, calendars) and Django's own administration are left out.
"""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from playwright.sync_api import Error as PlaywrightError

from essaim.orientation.services import contact_request_create
from essaim.web.account.landing import landing_url
from tests.factories.accompaniment import MeetingFactory, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SKIPPED_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/compte/deconnexion", "/i18n/")
FILES = re.compile(r"\.(csv|xlsx|pdf|ics|json|xml|txt|zip|svg|png)$")
MAX_PAGES_PER_ROLE = 80  # the sweep's budget: a page of a new shape beyond it is reported


def shape(url: str) -> str:
    """One key per page shape: ids become {id}, the query keeps its names, not its values."""
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/|$)", "/{id}", parts.path)
    keys = sorted({key for key, _value in parse_qsl(parts.query)} - {"page"})
    return path + ("?" + "&".join(keys) if keys else "")


def followable(url: str, origin: str) -> bool:
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return False
    return not parts.path.startswith(SKIPPED_PREFIXES) and not FILES.search(parts.path)


def sign_in(context, live_server, user) -> None:
    """The session of `user`, set as a cookie: the sweep measures pages, not the login form."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


PERSONAL = ("/espace/", "/rapports/", "/compte/", "/demo/")


def sweep(page, origin: str, seeds: list[str], public_seen: set[str]) -> tuple[list[str], set[str]]:
    """Visit the seeds and the pages two clicks away; returns (overflowing pages, shapes seen).

    A public page of a shape another role already measured is followed for its links but not
    measured again (`public_seen`, shared between roles): the sweep stays within a minute."""
    failures, seen, frontier = [], set(), list(seeds)
    for _depth in range(3):  # the seeds, one click, two clicks
        following = []
        for url in frontier:
            key = shape(url)
            if key in seen or (key in public_seen and _depth == 2):
                continue
            seen.add(key)
            if not urlsplit(url).path.startswith(PERSONAL):
                public_seen.add(key)
            if len(seen) > MAX_PAGES_PER_ROLE:
                failures.append(f"over the sweep's budget: {url}")
                continue
            try:
                response = page.goto(url, wait_until="load")
            except PlaywrightError as exc:  # a link that answers with a file (the data export)
                if "Download is starting" in str(exc):
                    continue
                raise
            if response is not None and response.status >= 500:
                failures.append(f"{url}: HTTP {response.status}")
                continue
            width, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
            if width > inner:
                culprits = page.evaluate(
                    """(inner) => [...document.querySelectorAll('body *')]
                        .filter(el => el.getBoundingClientRect().right > inner + 1)
                        .filter(el => !el.closest('.table-wrap, .table-scroll, .kanban'))
                        .slice(0, 3).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))""",
                    inner,
                )
                failures.append(f"{url}: {width} px > {inner} px ({', '.join(culprits)})")
            links = page.eval_on_selector_all(  # SVG links (the map) have an object as `href`
                "a[href]:not([download])",
                "els => els.map(e => new URL(e.getAttribute('href'), document.baseURI).href)",
            )
            following += [link.split("#")[0] for link in links if followable(link, origin)]
        frontier = following
    return failures, seen


@pytest.fixture
def world(territories):
    w = build_world()
    MeetingFactory(project=w.project_a)
    contact_request_create(
        programme=w.programme_a,
        name="Camille Martin",
        email="camille@example.org",
        message="Je prépare une épicerie solidaire.",
        consent=True,
        commune_code="34172",
        stage="emergence",
        needs=["financing"],
        by=AnonymousUser(),
    )
    return w


ROLES = ["carrier", "admin_a", "viewer", "platform_admin"]


def test_no_page_two_clicks_away_scrolls_sideways_on_a_phone(live_server, browser, world):
    failures, public_seen, counts = [], set(), {}
    for role in ROLES:
        user = getattr(world, role)
        context = browser.new_context(viewport=PHONE, locale="fr-FR")
        sign_in(context, live_server, user)
        seeds = [live_server.url + "/", live_server.url + landing_url(user)]
        try:
            found, seen = sweep(context.new_page(), live_server.url, seeds, public_seen)
        finally:
            context.close()
        counts[role] = len(seen)
        failures += [f"{role}: {line}" for line in found]
    print(f"page shapes measured per role: {counts}")
    assert min(counts.values()) > 10, counts  # the sweep did reach each role's pages
    assert failures == [], "\n".join(failures)
