import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from essaim.accompaniment.models import Checkin
from essaim.accompaniment.services import checkin_validate
from essaim.accompaniment.workflows import schedule_checkins
from essaim.evidence.facts import facts_refresh, months_between
from essaim.evidence.models import ProjectFact, StageFact, YearFact
from essaim.financing.models import FinancingResource
from tests.factories.accounts import MembershipFactory
from tests.factories.evidence import created_project, move
from tests.factories.financing import (
    FinancingPlanFactory,
    FinancingResourceFactory,
    FunderFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 1, 1)


def test_months_between():
    assert months_between(dt.date(2020, 1, 31), dt.date(2020, 2, 29)) == 0
    assert months_between(dt.date(2020, 1, 15), dt.date(2021, 1, 15)) == 12
    assert months_between(dt.date(2020, 5, 1), dt.date(2019, 1, 1)) == 0


def test_fact_of_a_ceased_enterprise():
    project = created_project(
        created_on=dt.date(2018, 3, 1),
        commune_id="34172",
        observations=[
            (dt.date(2019, 3, 1), "active", "2.5"),
            (dt.date(2020, 9, 15), "ceased", "0", dt.date(2020, 9, 1)),
        ],
    )
    facts_refresh([project.pk], today=TODAY)
    fact = ProjectFact.objects.get(project=project)
    assert (fact.region, fact.departement, fact.commune) == ("76", "34", "34172")
    assert (fact.survival_months, fact.ceased, fact.fte) == (30, True, Decimal("0"))
    assert list(YearFact.objects.filter(fact=fact).values_list("year", "fte")) == [
        (2018, Decimal("0")),
        (2019, Decimal("2.5")),
    ]


def test_fact_of_an_active_enterprise_is_censored_at_last_checkin():
    project = created_project(
        created_on=dt.date(2019, 1, 10),
        observations=[(dt.date(2020, 1, 10), "active", "1"), (dt.date(2022, 1, 10), "taken_over", "4")],
    )
    facts_refresh([project.pk], today=TODAY)
    fact = ProjectFact.objects.get(project=project)
    assert (fact.survival_months, fact.ceased, fact.fte, fact.region) == (36, False, Decimal("4"), "")
    assert list(YearFact.objects.filter(fact=fact).order_by("year").values_list("year", "fte")) == [
        (2019, Decimal("0")),
        (2020, Decimal("1")),
        (2021, Decimal("1")),
        (2022, Decimal("4")),
        # carried forward two years past the last check-in
        (2023, Decimal("4")),
        (2024, Decimal("4")),
    ]


def test_superseded_checkins_do_not_count():
    project = created_project(
        created_on=dt.date(2019, 1, 10),
        observations=[(dt.date(2021, 1, 10), "ceased", "0", dt.date(2020, 1, 10))],
    )
    project.checkins.update(status="superseded")
    facts_refresh([project.pk], today=TODAY)
    fact = ProjectFact.objects.get(project=project)
    assert (fact.survival_months, fact.ceased) == (0, False)


def test_stage_visits_from_transitions():
    project = ProjectFactory(started_on=dt.date(2020, 1, 1), stage_key="incubation")
    move(project, None, "selection", dt.datetime(2020, 1, 1, 9, tzinfo=dt.UTC))
    move(project, "selection", "opportunite_faisabilite", dt.datetime(2020, 1, 31, 9, tzinfo=dt.UTC))
    move(project, "opportunite_faisabilite", "incubation", dt.datetime(2020, 4, 30, 9, tzinfo=dt.UTC))
    abandoned = ProjectFactory(started_on=dt.date(2021, 1, 1), status="abandoned")
    move(abandoned, None, "selection", dt.datetime(2021, 1, 1, 9, tzinfo=dt.UTC))
    move(
        abandoned, "selection", "selection", dt.datetime(2021, 1, 11, 9, tzinfo=dt.UTC), to_status="abandoned"
    )
    facts_refresh([project.pk, abandoned.pk], today=TODAY)
    assert list(
        StageFact.objects.filter(fact__project=project)
        .order_by("position")
        .values_list("stage", "outcome", "days")
    ) == [
        ("selection", "passed", 30),
        ("opportunite_faisabilite", "passed", 90),
        ("incubation", "ongoing", (TODAY - dt.date(2020, 4, 30)).days),
    ]
    assert list(
        StageFact.objects.filter(fact__project=abandoned).values_list("stage", "outcome", "days")
    ) == [("selection", "dropped", 10)]
    assert ProjectFact.objects.get(project=abandoned).abandoned is True


def test_project_without_transitions_has_one_ongoing_visit():
    project = ProjectFactory(started_on=dt.date(2024, 12, 1), stage_key="incubation")
    facts_refresh([project.pk], today=TODAY)
    assert list(StageFact.objects.values_list("stage", "outcome", "days")) == [("incubation", "ongoing", 31)]


def test_secured_money_split_public_private():
    plan = FinancingPlanFactory()
    FinancingResourceFactory(plan=plan, amount=Decimal("10000"), status="granted")
    FinancingResourceFactory(plan=plan, amount=Decimal("1000"), status="refused")
    FinancingResourceFactory(
        plan=plan,
        funder=FunderFactory(kind="bank"),
        instrument="bank_loan",
        amount=Decimal("30000"),
        status="paid",
    )
    FinancingResourceFactory(plan=plan, funder=None, instrument="earned_revenue", amount=Decimal("500"))
    facts_refresh([plan.project_id], today=TODAY)
    fact = ProjectFact.objects.get(project_id=plan.project_id)
    assert (fact.public_amount, fact.private_amount) == (Decimal("10000"), Decimal("30000"))


def test_refresh_after_commit(django_capture_on_commit_callbacks):
    plan = FinancingPlanFactory()
    with django_capture_on_commit_callbacks(execute=True):
        FinancingResourceFactory(plan=plan, amount=Decimal("700"), status="paid")
    assert ProjectFact.objects.get(project_id=plan.project_id).public_amount == Decimal("700")
    with django_capture_on_commit_callbacks(execute=True):
        FinancingResource.objects.filter(plan=plan).first().delete()
    assert ProjectFact.objects.get(project_id=plan.project_id).public_amount == Decimal("0")


def test_refresh_query_count_does_not_grow_with_projects(django_assert_num_queries):
    one = [created_project(observations=[(dt.date(2019, 3, 1), "active", "1")]).pk]
    many = [created_project(observations=[(dt.date(2019, 3, 1), "active", "1")]).pk for _ in range(6)]
    facts_refresh(one, today=TODAY)
    facts_refresh(many, today=TODAY)
    with django_assert_num_queries(14) as ctx:
        facts_refresh(one, today=TODAY)
    single = len(ctx.captured_queries)
    with django_assert_num_queries(single):
        facts_refresh(many, today=TODAY)


def staff_of(project):
    return MembershipFactory(organisation=project.programme.organisation).user


@pytest.fixture
def scheduled():
    project = created_project(created_on=dt.date(2022, 3, 1))
    schedule_checkins(project)
    facts_refresh([project.pk])
    return project, project.checkins.order_by("months_after").first()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"observed_on": dt.date(2022, 2, 1), "enterprise_status": "active", "fte": 1}, "observed_on"),
        (
            {
                "observed_on": dt.date(2022, 9, 1),
                "enterprise_status": "ceased",
                "ceased_on": dt.date(2021, 12, 1),
            },
            "ceased_on",
        ),
        ({"observed_on": dt.date(2022, 9, 1), "enterprise_status": "active", "fte": -2}, "fte"),
        ({"observed_on": dt.date(2022, 9, 1), "enterprise_status": "active", "headcount": -1}, "headcount"),
    ],
)
def test_bad_checkin_is_refused_and_changes_nothing(scheduled, data, field):
    project, checkin = scheduled
    with pytest.raises(ValidationError) as exc:
        checkin_validate(checkin=checkin, by=staff_of(project), **data)
    assert field in exc.value.message_dict
    assert Checkin.objects.filter(project=project, status="validated").count() == 0
    facts_refresh([project.pk])
    fact = ProjectFact.objects.get(project=project)
    assert (fact.ceased, fact.survival_months, fact.fte) == (False, 0, 0)


def test_valid_checkin_moves_the_figures(scheduled, django_capture_on_commit_callbacks):
    project, checkin = scheduled
    with django_capture_on_commit_callbacks(execute=True):
        checkin_validate(
            checkin=checkin,
            by=staff_of(project),
            observed_on=dt.date(2023, 3, 15),
            enterprise_status="ceased",
            ceased_on=dt.date(2023, 3, 1),
            fte=0,
        )
    fact = ProjectFact.objects.get(project=project)
    assert (fact.ceased, fact.survival_months) == (True, 12)
