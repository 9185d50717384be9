"""The programme budget page's lines by source (issue 11 §3): entry, shares, diversification,
trend; permissions and query count."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from essaim.audit.models import Event as AuditEvent
from essaim.core.actors import SYSTEM
from essaim.evidence.facts import facts_refresh
from essaim.evidence.models import ProgrammeBudget, ProgrammeBudgetLine
from essaim.evidence.selectors import parse_scope, report
from essaim.evidence.services import budget_line_set
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import ProgrammeFactory
from tests.factories.evidence import created_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return ProgrammeFactory()


def _staff(client, programme):
    user = MembershipFactory(organisation=programme.organisation).user
    client.force_login(user)
    return user


def _url(programme):
    return reverse("reports:budget_line_set", args=[programme.slug])


def _page(programme):
    return reverse("reports:programme_budget", args=[programme.slug])


def test_staff_enters_lines_and_sees_shares_index_and_trend(client, programme):
    user = _staff(client, programme)
    for year, source, amount in [
        ("2020", "state", "80 000"),
        ("2020", "services", "20000"),
        ("2024", "region", "40000"),
        ("2024", "services", "40000"),
        ("2024", "contributions", "20000"),
    ]:
        response = client.post(
            _url(programme), {"lig-year": year, "lig-source": source, "lig-amount": amount}
        )
        assert response.status_code == 302
        assert response["Location"] == _page(programme)
    assert list(ProgrammeBudget.objects.order_by("year").values_list("year", "amount")) == [
        (2020, Decimal("100000.00")),
        (2024, Decimal("100000.00")),
    ]
    events = AuditEvent.objects.filter(object_type="evidence.programmebudgetline")
    assert {(e.actor_id, e.programme_id) for e in events} == {(user.pk, programme.pk)}
    assert events.count() == 5
    response = client.get(_page(programme))
    model = response.context["model"]
    assert [(y.year, y.total) for y in model.years] == [(2024, Decimal("100000")), (2020, Decimal("100000"))]
    assert model.years[0].percents == [40.0, 40.0, 20.0, 0.0, 0.0]
    assert model.years[0].diversification == pytest.approx(0.64)  # 1 − (0.16 + 0.16 + 0.04)
    assert (model.trend.subsidies_points, model.trend.earned_points) == (-40.0, 40.0)
    page = response.content.decode()
    trend = " ".join(page.split('id="budget-trend">')[1].split("</p>")[0].split())
    assert trend == (
        "De 2020 à 2024, la part des subventions publiques a varié de -40,0 points, "
        "celle des prestations vendues et des cotisations de 40,0 points."
    )
    assert "0,64" in page
    lines_table = page.split('id="budget-lines"')[1].split("</table>")[0]
    assert "Subvention de la région" in lines_table and "Union européenne" not in lines_table
    assert [label for label, _ in response.context["sources"]] == [
        "Subvention de l'État",
        "Subvention de la région",
        "Prestations vendues",
        "Cotisations des membres",
    ]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"lig-year": "1890", "lig-source": "state", "lig-amount": "1"}, "year"),
        ({"lig-year": "2023", "lig-source": "loterie", "lig-amount": "1"}, "source"),
        ({"lig-year": "2023", "lig-source": "state", "lig-amount": "-3"}, "amount"),
        ({"lig-year": "2023", "lig-source": "state", "lig-amount": "1e12"}, "amount"),
        ({"lig-year": "2023", "lig-source": "state", "lig-amount": ""}, "amount"),
    ],
)
def test_bad_line_is_400_and_saves_nothing(client, programme, data, field):
    _staff(client, programme)
    response = client.post(_url(programme), data)
    assert response.status_code == 400
    assert list(response.context["line_form"].errors) == [field]
    assert (
        ProgrammeBudget.objects.count(),
        ProgrammeBudgetLine.objects.count(),
        AuditEvent.objects.count(),
    ) == (
        0,
        0,
        0,
    )


def test_year_with_lines_refuses_a_bare_total(client, programme):
    _staff(client, programme)
    budget_line_set(programme=programme, year=2023, source="state", amount="500", by=SYSTEM)
    response = client.post(_page(programme), {"bud-year": "2023", "bud-amount": "9000"})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["amount"]
    assert ProgrammeBudget.objects.get().amount == Decimal("500.00")


def test_line_actor_matrix(client, programme):
    data = {"lig-year": "2023", "lig-source": "state", "lig-amount": "1000"}
    assert client.post(_url(programme), data)["Location"].startswith(reverse("web:login"))
    other = ProgrammeFactory()
    intruder = _staff(client, other)  # staff of another programme
    assert client.post(_url(programme), data).status_code == 404
    assert client.get(_page(programme)).status_code == 404
    client.force_login(UserFactory())
    assert client.post(_url(programme), data).status_code == 404
    assert ProgrammeBudgetLine.objects.count() == 0
    # the intruder's own programme accepts them; the line lands there only
    client.force_login(intruder)
    assert client.post(_url(other), data).status_code == 302
    assert list(ProgrammeBudgetLine.objects.values_list("budget__programme_id", flat=True)) == [other.pk]
    _staff(client, programme)
    assert client.get(_url(programme)).status_code == 405
    assert client.post(reverse("reports:budget_line_set", args=["inconnu"]), data).status_code == 404


def test_page_query_count_does_not_grow_with_lines(client, programme, django_assert_max_num_queries):
    _staff(client, programme)
    budget_line_set(programme=programme, year=2020, source="state", amount="1000", by=SYSTEM)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(_page(programme)).status_code == 200
    count = len(ctx.captured_queries)
    for year in range(2021, 2027):
        for source in ("state", "eu", "services", "contributions", "foundations"):
            budget_line_set(programme=programme, year=year, source=source, amount="1000", by=SYSTEM)
    with django_assert_max_num_queries(count):
        response = client.get(_page(programme))
    assert [y.year for y in response.context["model"].years] == list(range(2026, 2019, -1))


def test_programme_report_costs_per_job_and_per_enterprise_from_the_lines(client):
    project = created_project(
        created_on=dt.date(2021, 4, 1), observations=[(dt.date(2022, 4, 3), "active", "4")]
    )
    programme = project.programme
    budget_line_set(programme=programme, year=2022, source="state", amount="70000", by=SYSTEM)
    budget_line_set(programme=programme, year=2022, source="services", amount="50000", by=SYSTEM)
    facts_refresh([project.pk], today=dt.date(2025, 1, 1))
    figures = report(parse_scope(f"programme:{programme.slug}"), inside=True)
    # 120 000 € ÷ 4 jobs; ÷ 1 created enterprise
    assert (figures.cost_per_job, figures.cost_per_enterprise) == (Decimal("30000"), Decimal("120000"))
    _staff(client, programme)
    page = client.get(reverse("reports:programme", args=[programme.slug])).content.decode()
    assert "Coût par entreprise créée (€)" in page
