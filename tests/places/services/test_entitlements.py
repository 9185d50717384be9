"""Entitlements: granted by people who run both the project's programme and the place; a desk
opens that desk to the project's carriers, credits open the rooms and add to their monthly cap;
bad input and the wrong people change nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from essaim.audit.models import Event
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.places import allowances, rules, services
from essaim.places.models import Entitlement, ResourceKind
from tests.factories.accompaniment import ProjectFactory
from tests.factories.accounts import UserFactory
from tests.factories.directory import ProgrammeFactory
from tests.places.factories import MembershipFactory, ResourceFactory, staff_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    room = ResourceFactory(name="Salle A")
    place = room.programme
    desk = ResourceFactory(programme=place, kind=ResourceKind.DESK, name="Poste 1")
    incubator = ProgrammeFactory(organisation=place.organisation)
    carrier = UserFactory(carrier=True)
    project = ProjectFactory(programme=incubator, carriers=[carrier])
    return {
        "place": place,
        "room": room,
        "desk": desk,
        "project": project,
        "carrier": carrier,
        "staff": staff_of(place),
    }


def test_a_desk_opens_that_desk_only(world):
    carrier = world["carrier"]
    assert not rules.may_book(carrier, world["desk"])
    granted = services.entitlement_grant(
        place=world["place"], project=world["project"], by=world["staff"], kind="desk", resource=world["desk"]
    )
    assert (granted.kind, granted.resource_id, granted.monthly_minutes) == ("desk", world["desk"].pk, None)
    assert rules.may_book(carrier, world["desk"])
    assert not rules.may_book(carrier, world["room"])
    assert Event.objects.filter(object_id=granted.pk, action="create").count() == 1


def test_credits_open_the_rooms_and_cap_them(world):
    carrier, room = world["carrier"], world["room"]
    services.entitlement_grant(
        place=world["place"], project=world["project"], by=world["staff"], kind="credits", monthly_minutes=120
    )
    assert rules.may_book(carrier, room)
    assert allowances.monthly_cap(carrier, world["place"].pk) == 120
    day = timezone.localdate() + dt.timedelta(days=3)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    services.booking_create(resource=room, by=carrier, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    assert allowances.status(carrier, world["place"].pk, day)["left"] == 0
    with pytest.raises(ValidationError, match="il vous reste 0"):
        services.booking_create(
            resource=room,
            by=carrier,
            starts_at=start + dt.timedelta(hours=3),
            ends_at=start + dt.timedelta(hours=4),
        )


def test_credits_add_to_a_capped_membership_but_not_to_an_uncapped_one(world):
    carrier, place = world["carrier"], world["place"]
    membership = MembershipFactory(programme=place, user=carrier, monthly_allowance_minutes=60)
    services.entitlement_grant(
        place=place, project=world["project"], by=world["staff"], kind="credits", monthly_minutes=120
    )
    assert allowances.monthly_cap(carrier, place.pk) == 180
    membership.monthly_allowance_minutes = None
    membership.save()
    assert allowances.monthly_cap(carrier, place.pk) is None


def test_an_ended_entitlement_opens_nothing(world):
    granted = services.entitlement_grant(
        place=world["place"],
        project=world["project"],
        by=world["staff"],
        kind="desk",
        resource=world["desk"],
        starts_on=timezone.localdate() - dt.timedelta(days=10),
    )
    services.entitlement_end(
        entitlement=granted, by=world["staff"], on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert not rules.may_book(world["carrier"], world["desk"])


BAD = sorted(
    {
        "desk_without_resource": ({"kind": "desk"}, "resource"),
        "desk_on_a_room": ({"kind": "desk", "resource": "room"}, "resource"),
        "credits_zero": ({"kind": "credits", "monthly_minutes": 0}, "monthly_minutes"),
        "credits_too_many": ({"kind": "credits", "monthly_minutes": 10**6}, "monthly_minutes"),
        "unknown_kind": ({"kind": "château"}, "kind"),
        "end_before_start": (
            {"kind": "credits", "monthly_minutes": 60, "ends_on": dt.date(2020, 1, 1)},
            "ends_on",
        ),
    }.items()
)


@pytest.mark.parametrize(("case", "fields_and_field"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_names_the_field_and_writes_nothing(world, case, fields_and_field):
    fields, field = fields_and_field
    if fields.get("resource") == "room":
        fields = {**fields, "resource": world["room"]}
    with pytest.raises(ValidationError) as exc:
        services.entitlement_grant(
            place=world["place"], project=world["project"], by=world["staff"], **fields
        )
    assert list(exc.value.message_dict) == [field]
    assert Entitlement.objects.count() == 0


def test_staff_of_the_place_alone_may_not_grant_to_another_team_s_project(world):
    other_project = ProjectFactory()  # another organisation's programme
    with pytest.raises(PermissionDenied):
        services.entitlement_grant(
            place=world["place"], project=other_project, by=world["staff"], kind="credits", monthly_minutes=60
        )
    with pytest.raises(PermissionDenied):
        services.entitlement_grant(
            place=world["place"],
            project=world["project"],
            by=world["carrier"],
            kind="credits",
            monthly_minutes=60,
        )
    assert Entitlement.objects.count() == 0
