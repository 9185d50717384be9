"""Monthly allowances: the cap (membership + credits, None when uncapped) and the minutes used in
the month (confirmed bookings of rooms of this place only)."""

import datetime as dt

import pytest
from django.utils import timezone

from essaim.places import allowances
from essaim.places.models import ResourceKind
from tests.places.factories import BookingFactory, MembershipFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def _at(day, hour):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_used_minutes_count_confirmed_rooms_of_the_place_in_the_month():
    room = ResourceFactory()
    membership = MembershipFactory(programme=room.programme, monthly_allowance_minutes=300)
    user = membership.user
    day = dt.date(2027, 5, 10)
    BookingFactory(resource=room, user=user, starts_at=_at(day, 9), ends_at=_at(day, 11))
    BookingFactory(resource=room, user=user, starts_at=_at(day, 14), ends_at=_at(day, 15), state="cancelled")
    desk = ResourceFactory(programme=room.programme, kind=ResourceKind.DESK)
    BookingFactory(resource=desk, user=user, starts_at=_at(day, 9), ends_at=_at(day, 17))
    BookingFactory(resource=ResourceFactory(), user=user, starts_at=_at(day, 9), ends_at=_at(day, 12))
    BookingFactory(
        resource=room, user=user, starts_at=_at(dt.date(2027, 6, 1), 9), ends_at=_at(dt.date(2027, 6, 1), 10)
    )
    assert allowances.minutes_used(user, room.programme_id, 2027, 5) == 120
    assert allowances.status(user, room.programme_id, day) == {
        "month": dt.date(2027, 5, 1),
        "cap": 300,
        "used": 120,
        "left": 180,
    }


def test_no_membership_and_no_credits_is_not_capped():
    room = ResourceFactory()
    member = MembershipFactory(programme=room.programme)
    assert allowances.monthly_cap(member.user, room.programme_id) is None
    assert allowances.status(member.user, room.programme_id, dt.date(2027, 5, 1)) is None
