"""GET /api/v1/skills: who reads what, suppression, bad input, wrong method."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from essaim.accounts.services import token_create
from essaim.territories.models import Commune
from tests.factories.calls import JobOfferFactory
from tests.replication.factories import build_world
from tests.skills.sources_world import populate

URL = "/api/v1/skills"


def _headers(user):
    _token, clear = token_create(user=user, name="test")
    return {"Authorization": f"Bearer {clear}"}


@pytest.fixture
def w(db):
    w = build_world()
    narbonne = Commune.objects.get(code="11262")
    at = timezone.make_aware(dt.datetime(2025, 5, 1))
    for _ in range(6):
        JobOfferFactory(
            programme=w.pc, commune=narbonne, title="Poste", skills_profile="Comptabilité", published_at=at
        )
    JobOfferFactory(
        programme=w.po, commune=narbonne, title="Poste", skills_profile="Numérique", published_at=at
    )
    return w


def test_viewer_reads_suppressed_aggregates(client, w):
    body = client.get(URL, {"territory": "departement:11", "year": 2025}, headers=_headers(w.viewer)).json()
    assert body["suppressed_outside"] is True
    assert [(line["family"], line["demand"], line["gap"]) for line in body["lines"]] == [
        ("finance", 6, 6),
        ("digital", "< 5", "< 5"),
    ]


def test_staff_read_their_programmes_exactly(client, w):
    body = client.get(URL, {"territory": "departement:11", "year": 2025}, headers=_headers(w.o_staff)).json()
    assert (body["own_programmes_only"], [(x["family"], x["demand"]) for x in body["lines"]]) == (
        True,
        [("digital", 1)],
    )


def test_who_may_not(client, w):
    params = {"territory": "departement:11", "year": 2025}
    assert client.get(URL, params).status_code == 401
    assert client.get(URL, params, headers=_headers(w.carrier)).status_code == 403
    assert client.get(URL, {"territory": "departement:31"}, headers=_headers(w.viewer)).status_code == 403


@pytest.mark.parametrize(
    ("params", "field", "status"),
    [  # 400: not as the document says; 422: a territory that does not exist (decision 0021)
        ({"territory": "departement:999"}, "territory", 422),
        ({"territory": "x"}, "territory", 422),
        ({"territory": "departement:11", "year": 1800}, "year", 400),
    ],
)
def test_bad_input_is_400_or_422_naming_the_field(client, w, params, field, status):
    response = client.get(URL, params, headers=_headers(w.viewer))
    assert response.status_code == status
    assert field in response.json()["errors"]


def test_wrong_method(client, w):
    assert client.post(URL, headers=_headers(w.viewer)).status_code == 405


def test_query_count_does_not_grow_with_the_sources(client, w, django_assert_max_num_queries):
    headers, params = _headers(w.viewer), {"territory": "departement:11", "year": 2025}
    populate(w.pc, 1)
    client.get(URL, params, headers=headers)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, params, headers=headers)
    populate(w.pc, 6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(URL, params, headers=headers).json()
    lines = {line["family"]: line for line in body["lines"]}
    assert (lines["mobility"]["demand"], lines["digital"]["supply"], lines["care"]["supply"]) == (14, 28, 7)
    assert (lines["legal"]["demand"], lines["trade"]["supply"], lines["food"]["supply"]) == (7, 7, 7)
