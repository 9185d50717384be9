"""Whatever the query string, the public endpoints answer 200, 400 or 404 — never a 500."""

import json
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db

PROGRAMME_PARAMS = ["territory", "stage", "kind", "model", "public", "need", "q", "page", "page_size"]
TERRITORY_PARAMS = ["q", "level", "limit"]

# Values near the real ones (so that some are valid) mixed with arbitrary text.
near_values = st.sampled_from(
    [
        "",
        "0",
        "1",
        "2",
        "100",
        "101",
        "-1",
        "1e3",
        "departement:34",
        "commune:34172",
        "region:76",
        "national",
        "national:FR",
        "epci:243400017",
        "departement:",
        ":34",
        "commune,epci",
        "creation",
        "incubator",
        "both",
        "carriers",
        "financing",
        "montpellier",
        "34000",
        "%",
        "_",
        "'",
        '"; DROP TABLE x; --',
    ]
)
values = near_values | st.text(max_size=60)
hypothesis_settings = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def query(names):
    return st.lists(st.tuples(st.sampled_from(names) | st.text(max_size=10), values), max_size=6)


@pytest.fixture
def programmes(db):
    ProgrammeFactory(slug="a", zone=["departement:34", "region:76"])
    ProgrammeFactory(slug="b", zone=["national"])


@hypothesis_settings
@given(params=query(PROGRAMME_PARAMS))
def test_programmes_never_500(programmes, params):
    response = Client().get("/api/v1/programmes?" + urlencode(params))
    # 404: a page past the last; 422: a territory the resolver does not know (decision 0021)
    assert response.status_code in (200, 400, 404, 422), response.content
    assert response["Content-Type"].startswith("application/json")


@hypothesis_settings
@given(params=query(TERRITORY_PARAMS))
def test_territories_never_500(params):
    response = Client().get("/api/v1/territories?" + urlencode(params))
    assert response.status_code in (200, 400), response.content
    assert response["Content-Type"].startswith("application/json")


@hypothesis_settings
@given(
    level=st.sampled_from(["commune", "epci", "departement", "region", "national"]) | st.text(max_size=12),
    code=values,
)
def test_territory_detail_never_500(level, code):
    response = Client().get(f"/api/v1/territories/{quote(level, safe='')}/{quote(code, safe='')}")
    assert response.status_code in (200, 400, 404), response.content
    assert response["Content-Type"].startswith("application/json")


@hypothesis_settings
@given(slug=values)
def test_programme_detail_never_500(programmes, slug):
    response = Client().get(f"/api/v1/programmes/{quote(slug, safe='')}")
    assert response.status_code in (200, 400, 404), response.content
    assert response["Content-Type"].startswith("application/json")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)
token_bodies = (
    st.fixed_dictionaries(
        {}, optional={"email": json_values | values, "password": json_values, "name": json_values}
    )
    | json_values
)


@hypothesis_settings
@given(body=token_bodies)
def test_token_obtain_never_500(body):
    response = Client().post("/api/v1/auth/token", json.dumps(body), content_type="application/json")
    assert response.status_code in (400, 401, 429), response.content
    assert response["Content-Type"].startswith("application/json")


@hypothesis_settings
@given(raw=st.binary(max_size=80))
def test_token_obtain_raw_bytes_never_500(raw):
    response = Client().post("/api/v1/auth/token", raw, content_type="application/json")
    assert response.status_code in (400, 401, 429), response.content
