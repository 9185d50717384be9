"""The demo's shared place: made through the services, idempotent."""

import pytest

from essaim.demo import accounts as accounts_demo
from essaim.demo import places as places_demo
from essaim.places.models import Booking, Domiciliation, Entitlement, MailItem, PlaceMembership, Resource

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
    names = sorted(d["name"] for d in places_demo.DOMICILIATIONS)
    assert sorted(Domiciliation.objects.values_list("name", flat=True)) == names
    assert Domiciliation.objects.filter(state="ended").count() == 1
    assert MailItem.objects.count() == 3
    assert MailItem.objects.filter(handed_over_on__isnull=True).count() == 2


def test_demo_entitlements_go_to_the_carrier_s_project_once(study):
    from essaim.demo import accompaniment as accompaniment_demo

    accounts_demo.seed()
    accompaniment_demo.seed()
    places_demo.seed()
    places_demo.seed()
    granted = Entitlement.objects.filter(
        place__slug="la-ruche", project__carriers__email="porteur@demo.essaim.fr"
    )
    assert sorted(granted.values_list("kind", flat=True)) == ["credits", "desk"]
    assert Entitlement.objects.count() == 2
