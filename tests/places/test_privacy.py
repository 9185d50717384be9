"""A person's bookings and memberships: in their export, anonymised or deleted on erasure (the
occupancy facts stay), and anonymised by the retention purge once long over."""

import datetime as dt

import pytest
from django.utils import timezone

from essaim.accounts.privacy import account_erase, personal_data_export
from essaim.core import retention
from essaim.places.models import Booking, PlaceMembership
from tests.places.factories import BookingFactory, MembershipFactory, at

pytestmark = pytest.mark.django_db


def test_export_lists_bookings_and_memberships():
    booking = BookingFactory(note="Comité")
    MembershipFactory(user=booking.user, programme=booking.resource.programme, monthly_allowance_minutes=600)
    data = personal_data_export(user=booking.user)["places"]
    assert [(b["resource"], b["note"]) for b in data["bookings"]] == [(booking.resource.name, "Comité")]
    assert [m["monthly_allowance_minutes"] for m in data["memberships"]] == [600]


def test_erasure_keeps_the_period_and_forgets_the_person():
    booking = BookingFactory(note="Comité")
    MembershipFactory(user=booking.user, programme=booking.resource.programme)
    account_erase(user=booking.user)
    booking.refresh_from_db()
    assert (booking.user_id, booking.note, booking.is_anonymised, booking.state) == (
        None,
        "",
        True,
        "confirmed",
    )
    assert PlaceMembership.objects.count() == 0


def test_retention_anonymises_bookings_long_over(settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "place_bookings": 730}
    old = BookingFactory(starts_at=at(days=-731, hour=10), ends_at=at(days=-731, hour=11), note="Vieux")
    recent = BookingFactory(starts_at=at(days=-729, hour=10), ends_at=at(days=-729, hour=11), note="Récent")
    done = retention.purge(now=timezone.now(), kinds=["place_bookings"])
    assert done["place_bookings"] == 1
    assert list(Booking.objects.filter(is_anonymised=True).values_list("pk", flat=True)) == [old.pk]
    recent.refresh_from_db()
    assert (recent.note, recent.user_id is not None) == ("Récent", True)
    assert old.starts_at < timezone.now() - dt.timedelta(days=730)
