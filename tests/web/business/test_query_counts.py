"""Every list page of the business flows: the number of queries does not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.business.conftest import add_routed

PAGES = [
    ("offers", [], "buyer_user"),
    ("requests", [], "buyer_user"),
    ("request", ["request"], "buyer_user"),
    ("inbox", [], "supplier"),
    ("figures", [], "admin"),
]


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(("name", "args", "actor"), PAGES, ids=[p[0] for p in PAGES])
def test_list_pages_make_as_many_queries_with_more_rows(client, web, name, args, actor):
    client.force_login(getattr(web, actor))
    url = reverse(f"business:{name}", args=[getattr(web, a).pk for a in args])
    client.get(url)  # warm-up: sessions, caches
    add_routed(web, 1)
    few = _count(client, url)
    add_routed(web, 5)
    assert _count(client, url) == few
