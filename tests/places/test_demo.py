"""The demo's shared place: made through the services, idempotent."""

import pytest

from essaim.demo import accounts as accounts_demo
from essaim.demo import places as places_demo
from essaim.places.models import Booking, PlaceMembership, Resource

pytestmark = pytest.mark.django_db


def test_demo_place_is_seeded_once(study):
    accounts_demo.seed()
    places_demo.seed()
    places_demo.seed()
    assert sorted(Resource.objects.values_list("programme__slug", "name")) == sorted(
        ("la-ruche", r["name"]) for r in places_demo.RESOURCES
    )
    assert list(PlaceMembership.objects.values_list("user__email", "monthly_allowance_minutes")) == [
        ("porteur@demo.essaim.fr", 600)
    ]
    assert Booking.objects.count() == 1
