"""/api/v1/budgets: a programme's economic model and setting one of its lines, for its staff only
(404 for anyone else, another programme's staff included), through `budget_line_set`."""

from decimal import Decimal

import pytest

from essaim.accounts.services import token_create
from essaim.audit.models import Event
from essaim.core.actors import SYSTEM
from essaim.evidence.models import ProgrammeBudget, ProgrammeBudgetLine
from essaim.evidence.services import budget_line_set
from tests.factories.accompaniment import build_world

BASE = "/api/v1/budgets"


@pytest.fixture
def w(db):
    world = build_world()
    for year, source, amount in [
        (2023, "state", "60000"),
        (2023, "services", "20000"),
        (2024, "state", "40000"),
        (2024, "region", "20000"),
        (2024, "services", "30000"),
        (2024, "contributions", "10000"),
    ]:
        budget_line_set(programme=world.programme_a, year=year, source=source, amount=amount, by=SYSTEM)
    budget_line_set(programme=world.programme_b, year=2024, source="state", amount="99", by=SYSTEM)
    return world


def _headers(w, role):
    if role == "anonymous":
        return {}
    _token, clear = token_create(user=getattr(w, role), name="test")
    return {"Authorization": f"Bearer {clear}"}


def test_staff_read_their_programme_s_economic_model(client, w):
    body = client.get(f"{BASE}/incubateur-a", headers=_headers(w, "member_a")).json()
    assert body["programme"] == "incubateur-a"
    assert [y["year"] for y in body["years"]] == [2024, 2023]
    latest = body["years"][0]
    assert Decimal(latest["total"]) == Decimal("100000")
    assert [(line["source"], Decimal(line["amount"])) for line in latest["lines"]] == [
        ("state", Decimal("40000")),
        ("region", Decimal("20000")),
        ("services", Decimal("30000")),
        ("contributions", Decimal("10000")),
    ]
    shares = {s["group"]: s["share"] for s in latest["shares"]}
    assert shares == {"subsidies": 0.6, "services": 0.3, "contributions": 0.1, "private": 0.0, "other": 0.0}
    assert latest["diversification"] == pytest.approx(1 - (0.16 + 0.04 + 0.09 + 0.01))
    assert body["trend"] == {"first": 2023, "last": 2024, "subsidies_points": -15.0, "earned_points": 15.0}


def test_a_programme_without_lines_has_no_years_and_no_trend(client, w):
    ProgrammeBudgetLine.objects.filter(budget__programme=w.programme_a).delete()
    body = client.get(f"{BASE}/incubateur-a", headers=_headers(w, "platform_admin")).json()
    assert body == {"programme": "incubateur-a", "years": [], "trend": None}


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 401), ("staff_b", 404), ("viewer", 404), ("carrier", 404), ("member_a", 200)],
)
def test_only_the_programme_s_staff_read_it(client, w, role, status):
    response = client.get(f"{BASE}/incubateur-a", headers=_headers(w, role))
    assert response.status_code == status
    if status == 200:
        assert response.json()["programme"] == "incubateur-a"
    else:
        assert "40000" not in response.content.decode()


def test_another_programme_s_staff_read_their_own_not_a_s(client, w):
    headers = _headers(w, "staff_b")
    assert client.get(f"{BASE}/pepiniere-b", headers=headers).json()["years"][0]["total"] == "99.00"
    assert client.get(f"{BASE}/incubateur-a", headers=headers).status_code == 404
    assert client.get(f"{BASE}/inconnu", headers=headers).status_code == 404


def test_the_model_takes_a_fixed_number_of_queries(client, w, django_assert_max_num_queries):
    headers = _headers(w, "member_a")
    for year in range(2000, 2020):
        budget_line_set(programme=w.programme_a, year=year, source="other", amount="1", by=SYSTEM)
    with django_assert_max_num_queries(6):
        body = client.get(f"{BASE}/incubateur-a", headers=headers).json()
    assert len(body["years"]) == 22


def test_staff_set_a_line_by_post_and_by_put(client, w):
    headers = _headers(w, "member_a")
    response = client.post(
        f"{BASE}/incubateur-a/lines",
        {"year": 2025, "source": "foundations", "amount": "5000.50"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200
    assert response.json() == {
        "programme": "incubateur-a",
        "year": 2025,
        "source": "foundations",
        "amount": "5000.50",
        "year_total": "5000.50",
    }
    response = client.put(
        f"{BASE}/incubateur-a/lines/2024/services",
        {"amount": "35000"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200
    assert response.json()["year_total"] == "105000.00"
    assert ProgrammeBudget.objects.get(programme=w.programme_a, year=2024).amount == Decimal("105000")
    line = ProgrammeBudgetLine.objects.get(
        budget__programme=w.programme_a, budget__year=2024, source="services"
    )
    assert Event.objects.filter(object_type="evidence.programmebudgetline", object_id=str(line.pk)).exists()


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("staff_b", 404), ("viewer", 404)])
def test_others_cannot_write_a_s_lines(client, w, role, status):
    headers = _headers(w, role)
    body = {"year": 2024, "source": "state", "amount": "1"}
    post = client.post(f"{BASE}/incubateur-a/lines", body, content_type="application/json", headers=headers)
    put = client.put(
        f"{BASE}/incubateur-a/lines/2024/state",
        {"amount": "1"},
        content_type="application/json",
        headers=headers,
    )
    assert (post.status_code, put.status_code) == (status, status)
    assert ProgrammeBudget.objects.get(programme=w.programme_a, year=2024).amount == Decimal("100000")


@pytest.mark.parametrize(
    "body",
    [
        {"year": 1890, "source": "state", "amount": "1"},
        {"year": 2024, "source": "loterie", "amount": "1"},
        {"year": 2024, "source": "state", "amount": "-1"},
        {"year": 2024, "source": "state", "amount": 12.5},
        {"year": 2024, "source": "state", "amount": "1.234"},
        {"year": 2024, "source": "state", "amount": "10000000000"},
        {"year": "2024", "source": "state"},
        [],
    ],
)
def test_bad_bodies_are_a_400_naming_the_field_and_nothing_is_saved(client, w, body):
    response = client.post(
        f"{BASE}/incubateur-a/lines", body, content_type="application/json", headers=_headers(w, "member_a")
    )
    assert response.status_code == 400
    assert response.json()["detail"]
    assert ProgrammeBudgetLine.objects.filter(budget__programme=w.programme_a).count() == 6


def test_a_bad_year_or_source_in_the_address_is_a_400(client, w):
    headers = _headers(w, "member_a")
    for path in ("1890/state", "2024/loterie"):
        response = client.put(
            f"{BASE}/incubateur-a/lines/{path}",
            {"amount": "1"},
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == 400


def test_a_year_s_total_past_the_ceiling_is_a_422(client, w):
    headers = _headers(w, "member_a")
    for source in ("state", "eu"):
        response = client.put(
            f"{BASE}/incubateur-a/lines/2024/{source}",
            {"amount": "9999999999"},
            content_type="application/json",
            headers=headers,
        )
    assert response.status_code == 422
    assert "plafond" in response.json()["errors"]["amount"]
    assert ProgrammeBudget.objects.get(programme=w.programme_a, year=2024).amount < Decimal(10) ** 12


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", ""),
        ("put", ""),
        ("delete", ""),
        ("get", "/lines"),
        ("delete", "/lines/2024/state"),
        ("get", "/lines/2024/state"),
    ],
)
def test_wrong_methods_are_refused(client, w, method, path):
    response = getattr(client, method)(f"{BASE}/incubateur-a{path}", headers=_headers(w, "member_a"))
    assert response.status_code == 405
