"""Forms of the programme staff: per-project indicator targets, programme budget per year."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from essaim.audit.models import Event as AuditEvent
from essaim.core.actors import SYSTEM
from essaim.core.dates import latest_year
from essaim.evidence.facts import facts_refresh
from essaim.evidence.models import IndicatorTarget, ProgrammeBudget
from essaim.evidence.selectors import parse_scope, report
from essaim.evidence.services import indicator_follow
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.evidence import IndicatorFactory, created_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return created_project(
        created_on=dt.date(2021, 4, 1), observations=[(dt.date(2022, 4, 3), "active", "4")]
    )


@pytest.fixture
def indicator(project):
    indicator = IndicatorFactory(name="Personnes en emploi d'insertion")
    indicator_follow(programme=project.programme, indicator=indicator, by=SYSTEM)
    return indicator


def _staff(client, programme, role="member"):
    user = MembershipFactory(organisation=programme.organisation, role=role).user
    client.force_login(user)
    return user


# --- Targets ---------------------------------------------------------------------------------


def test_staff_sets_a_target_and_it_is_audited(client, project, indicator):
    user = _staff(client, project.programme)
    page = client.get(reverse("reports:outcomes", args=[project.pk])).content.decode()
    assert reverse("reports:target_add", args=[project.pk]) in page
    response = client.post(
        reverse("reports:target_add", args=[project.pk]),
        {"cib-indicator": indicator.pk, "cib-value": "12,5", "cib-due_on": "2024-12-31"},
    )
    assert response.status_code == 302
    target = IndicatorTarget.objects.get()
    assert (target.project_id, target.value, target.due_on) == (
        project.pk,
        Decimal("12.50"),
        dt.date(2024, 12, 31),
    )
    event = AuditEvent.objects.get(object_type="evidence.indicatortarget")
    assert (event.actor_id, event.project_id, event.action, event.object_id) == (
        user.pk,
        project.pk,
        "create",
        target.pk,
    )
    assert event.changes["value"] == [None, "12.50"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"cib-value": "beaucoup"}, "« beaucoup » n&#x27;est pas un nombre."),
        ({"cib-value": ""}, "Ce champ est obligatoire."),
        ({"cib-value": "1e15"}, "Nombre trop grand."),
        ({"cib-due_on": "31/02/2024"}, "Date attendue au format JJ/MM/AAAA."),
        (
            {"cib-due_on": "2019-01-01"},
            "L&#x27;échéance ne peut pas précéder le début de l&#x27;accompagnement.",
        ),
        ({"cib-indicator": "999999"}, "Choisissez un indicateur chiffré suivi par le dispositif."),
    ],
)
def test_bad_target_saves_nothing(client, project, indicator, data, message):
    _staff(client, project.programme)
    good = {"cib-indicator": indicator.pk, "cib-value": "10", "cib-due_on": ""}
    response = client.post(reverse("reports:target_add", args=[project.pk]), {**good, **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert IndicatorTarget.objects.count() == 0
    assert AuditEvent.objects.filter(object_type="evidence.indicatortarget").count() == 0


def test_target_on_an_indicator_not_followed_is_refused(client, project):
    other = IndicatorFactory()
    _staff(client, project.programme)
    response = client.post(
        reverse("reports:target_add", args=[project.pk]), {"cib-indicator": other.pk, "cib-value": "3"}
    )
    assert response.status_code == 400
    assert IndicatorTarget.objects.count() == 0


def test_target_actor_matrix(client, project, indicator):
    url = reverse("reports:target_add", args=[project.pk])
    data = {"cib-indicator": indicator.pk, "cib-value": "3"}
    client.logout()
    assert client.post(url, data).status_code == 302  # login redirect
    assert client.post(url, data)["Location"].startswith(reverse("web:login"))
    carrier = UserFactory(carrier=True)
    project.carriers.add(carrier)
    client.force_login(carrier)
    assert client.post(url, data).status_code == 403
    client.force_login(MembershipFactory().user)  # another tenant: the project id does not exist
    assert client.post(url, data).status_code == 404
    _staff(client, project.programme)
    assert client.get(url).status_code == 405
    assert IndicatorTarget.objects.count() == 0
    assert client.post(url, data).status_code == 302
    assert list(IndicatorTarget.objects.values_list("project_id", "value")) == [(project.pk, Decimal("3.00"))]


# --- Budget ----------------------------------------------------------------------------------


def test_staff_records_budgets_used_for_cost_per_job(client, project):
    user = _staff(client, project.programme)
    url = reverse("reports:programme_budget", args=[project.programme.slug])
    assert client.get(url).status_code == 200
    assert client.post(url, {"bud-year": "2022", "bud-amount": "100 000"}).status_code == 302
    assert client.post(url, {"bud-year": "2022", "bud-amount": "120000,00"}).status_code == 302
    assert list(ProgrammeBudget.objects.values_list("year", "amount")) == [(2022, Decimal("120000.00"))]
    events = AuditEvent.objects.filter(object_type="evidence.programmebudget").order_by("pk")
    assert [(e.action, e.actor_id, e.programme_id) for e in events] == [
        ("create", user.pk, project.programme_id),
        ("update", user.pk, project.programme_id),
    ]
    assert events[1].changes["amount"] == ["100000.00", "120000.00"]
    facts_refresh([project.pk], today=dt.date(2025, 1, 1))
    figures = report(parse_scope(f"programme:{project.programme.slug}"), inside=True)
    assert figures.cost_per_job == Decimal("30000")  # 120 000 € ÷ 4 jobs
    page = client.get(url)
    assert [(b.year, b.amount) for b in page.context["budgets"]] == [(2022, Decimal("120000.00"))]
    assert '<th scope="row">2022</th>' in page.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"bud-year": "deux mille", "bud-amount": "1000"},
            "year",
            f"Année attendue entre 1990 et {latest_year()}.",
        ),
        (
            {"bud-year": "1890", "bud-amount": "1000"},
            "year",
            f"Année attendue entre 1990 et {latest_year()}.",
        ),
        ({"bud-year": "2022", "bud-amount": "mille"}, "amount", "« mille » n&#x27;est pas un nombre."),
        ({"bud-year": "2022", "bud-amount": "-5"}, "amount", "La valeur ne peut pas être négative."),
        ({"bud-year": "2022", "bud-amount": ""}, "amount", "Ce champ est obligatoire."),
        ({"bud-year": "2022", "bud-amount": "1e12"}, "amount", "Nombre trop grand."),
    ],
)
def test_bad_budget_saves_nothing(client, project, data, field, message):
    _staff(client, project.programme)
    response = client.post(reverse("reports:programme_budget", args=[project.programme.slug]), data)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert message in response.content.decode()
    assert ProgrammeBudget.objects.count() == 0
    assert AuditEvent.objects.filter(object_type="evidence.programmebudget").count() == 0


def test_budget_actor_matrix(client, project):
    url = reverse("reports:programme_budget", args=[project.programme.slug])
    data = {"bud-year": "2022", "bud-amount": "1000"}
    assert client.get(url)["Location"].startswith(reverse("web:login"))
    assert client.post(url, data).status_code == 302
    client.force_login(MembershipFactory().user)  # staff of another programme
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
    carrier = UserFactory(carrier=True)
    project.carriers.add(carrier)
    client.force_login(carrier)
    assert client.get(url).status_code == 404
    assert ProgrammeBudget.objects.count() == 0
    _staff(client, project.programme)
    assert client.put(url, data).status_code == 405
    assert client.get(reverse("reports:programme_budget", args=["inconnu"])).status_code == 404


def test_target_form_offers_only_followed_quantitative_indicators(client, project, indicator):
    question = IndicatorFactory(name="Question évaluative", kind="qualitative")
    indicator_follow(programme=project.programme, indicator=question, by=SYSTEM)
    IndicatorFactory(name="Non suivi")
    _staff(client, project.programme)
    response = client.get(reverse("reports:outcomes", args=[project.pk]))
    assert list(response.context["target_form"].fields["indicator"].queryset) == [indicator]
    refused = client.post(
        reverse("reports:target_add", args=[project.pk]), {"cib-indicator": question.pk, "cib-value": "2"}
    )
    assert refused.status_code == 400
    assert IndicatorTarget.objects.count() == 0


def test_budget_page_query_count_does_not_grow(client, project, django_assert_num_queries):
    _staff(client, project.programme)
    url = reverse("reports:programme_budget", args=[project.programme.slug])
    ProgrammeBudget.objects.create(programme=project.programme, year=2020, amount=1000)
    with django_assert_num_queries(6) as ctx:  # + the lines by source
        assert client.get(url).status_code == 200
    count = len(ctx.captured_queries)
    for year in range(2021, 2027):
        ProgrammeBudget.objects.create(programme=project.programme, year=year, amount=1000)
    with django_assert_num_queries(count):
        response = client.get(url)
    assert [b.year for b in response.context["budgets"]] == list(range(2026, 2019, -1))
