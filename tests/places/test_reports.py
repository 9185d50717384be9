"""Usage reports: occupancy by resource and month against the opening hours, members,
domiciliations, and residents vs non-residents with small-cell protection (a group under 5
enterprises hidden, a survival rate hidden once fewer than 5 are observed)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from essaim.evidence.models import ProjectFact
from essaim.evidence.privacy import MASKED, SMALL
from essaim.places import reports
from essaim.places.models import Domiciliation, MailItem
from tests.factories.accompaniment import ProjectFactory
from tests.factories.accounts import UserFactory
from tests.factories.directory import ProgrammeFactory
from tests.places.factories import BookingFactory, MembershipFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def _local(year, month, day, hour):
    return timezone.make_aware(dt.datetime(year, month, day, hour))


def test_occupancy_counts_booked_minutes_against_open_minutes():
    # Open Monday to Friday 9:00–17:00 (8 h); March 2027 has 23 weekdays: 184 h open.
    room = ResourceFactory(hours={d: (dt.time(9), dt.time(17)) for d in range(5)})
    BookingFactory(resource=room, starts_at=_local(2027, 3, 1, 9), ends_at=_local(2027, 3, 1, 13))
    BookingFactory(resource=room, starts_at=_local(2027, 3, 2, 9), ends_at=_local(2027, 3, 2, 10))
    BookingFactory(
        resource=room, starts_at=_local(2027, 4, 1, 9), ends_at=_local(2027, 4, 1, 10), state="cancelled"
    )
    (row,) = reports.occupancy(room.programme, 2027)
    march = row["months"][2]
    assert (march["booked"], march["open"], march["rate"]) == (300, 184 * 60, 3)
    assert row["months"][3]["booked"] == 0
    assert row["booked"] == 300


def test_members_and_domiciliations_are_counted():
    place = ResourceFactory().programme
    MembershipFactory(programme=place, kind="resident", monthly_allowance_minutes=600)
    MembershipFactory(programme=place)
    MembershipFactory(programme=place, ends_on=timezone.localdate() - dt.timedelta(days=1))
    assert reports.members(place) == {"residents": 1, "members": 1, "capped": 1, "entitlements": 0}
    active = Domiciliation.objects.create(
        place=place, name="A", siret="73282932000074", starts_on=dt.date(2026, 2, 1)
    )
    Domiciliation.objects.create(
        place=place,
        name="B",
        siret="73282932000074",
        starts_on=dt.date(2025, 2, 1),
        state="ended",
        ended_on=dt.date(2026, 5, 1),
    )
    MailItem.objects.create(domiciliation=active, received_on=dt.date(2026, 3, 1))
    MailItem.objects.create(
        domiciliation=active, received_on=dt.date(2026, 3, 2), handed_over_on=dt.date(2026, 3, 3)
    )
    assert reports.domiciliations(place, 2026) == {
        "active": 1,
        "started": 1,
        "ended": 1,
        "received": 2,
        "waiting": 1,
    }


def _enterprise(programme, *, months, ceased=False, fte="1", carrier=None):
    project = ProjectFactory(programme=programme, carriers=[carrier] if carrier else [])
    ProjectFact.objects.create(
        project=project,
        programme=programme,
        model="carrier",
        cohort=2022,
        created_on=dt.date(2022, 1, 1),
        survival_months=months,
        ceased=ceased,
        fte=Decimal(fte),
    )
    return project


def test_residents_against_others_with_small_cells_hidden():
    place = ResourceFactory().programme
    incubator = ProgrammeFactory(organisation=place.organisation)
    for i in range(6):
        resident = UserFactory(carrier=True)
        MembershipFactory(programme=place, user=resident, kind="resident")
        _enterprise(incubator, months=40, fte="2", carrier=resident, ceased=(i == 0))
    others = [_enterprise(incubator, months=30, fte="1") for _ in range(5)]
    _enterprise(ProgrammeFactory(), months=40)  # another organisation: not counted
    outcome = reports.residents_outcomes(place)
    assert outcome["residents"]["n"] == 6
    assert outcome["residents"]["jobs"] == Decimal("12")
    assert outcome["residents"]["jobs_mean"] == Decimal("2.0")
    # the ceased one at 40 months: still 6 observed at 12, 24 and 36 months, all alive
    assert outcome["residents"]["survival"] == {12: 100, 24: 100, 36: 100}
    assert outcome["others"]["n"] == 5
    assert outcome["others"]["survival"][24] == 100
    # two others left: they would be the organisation's total minus 6, so both groups read "masqué"
    ProjectFact.objects.filter(project__in=others[:3]).delete()
    outcome = reports.residents_outcomes(place)
    cells = {
        "n": MASKED,
        "survival": dict.fromkeys((12, 24, 36), MASKED),
        "jobs": MASKED,
        "jobs_mean": MASKED,
    }
    assert outcome == {"residents": cells, "others": cells}
    assert str(MASKED) == "masqué"


def test_a_survival_rate_is_hidden_once_fewer_than_five_are_observed():
    place = ResourceFactory().programme
    incubator = ProgrammeFactory(organisation=place.organisation)
    for months in (40, 40, 40, 40, 20, 20):
        _enterprise(incubator, months=months)
    outcome = reports.residents_outcomes(place)
    assert outcome["others"]["n"] == 6
    assert outcome["others"]["survival"] == {12: 100, 24: SMALL, 36: SMALL}
    assert outcome["residents"]["n"] == 0
