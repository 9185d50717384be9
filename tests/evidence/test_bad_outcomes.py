"""Issue 5, bad input on outcomes: the check-in services refuse, nothing is saved, figures stay."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from essaim.accompaniment.models import Checkin
from essaim.accompaniment.services import checkin_validate
from essaim.accompaniment.workflows import schedule_checkins
from essaim.evidence.facts import facts_refresh
from essaim.evidence.models import ProjectFact
from tests.factories.accounts import MembershipFactory
from tests.factories.evidence import created_project

pytestmark = pytest.mark.django_db


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
