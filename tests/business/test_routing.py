import pytest

from essaim.business import routing
from essaim.business.enums import AmountBand, Reserved, RoutingState
from essaim.business.models import Routing
from essaim.core.actors import TASKS
from tests.business.factories import NIMES, BuyerFactory, OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def _matches(request):
    return sorted(routing.matching_offers(request).values_list("pk", flat=True))


def test_an_offer_matches_on_sector_and_place_served():
    match = OfferFactory(zones=["commune:34172"])
    region = OfferFactory(zones=["region:76"])
    OfferFactory(sectors=["batiment"])
    OfferFactory(zones=["departement:13"])
    OfferFactory(is_published=False)
    assert _matches(RequestFactory()) == sorted([match.pk, region.pk])


def test_neighbouring_departements_only_for_offers_that_say_so():
    near = OfferFactory(zones=["departement:34"], neighbours=True)
    OfferFactory(zones=["departement:34"])
    assert _matches(RequestFactory(commune_id=NIMES)) == [near.pk]


def test_capacity_band_and_labels_and_reserved_contracts():
    small = OfferFactory(capacity_band=AmountBand.UNDER_5K)
    siae = OfferFactory(labels=["siae"], capacity_band=AmountBand.OVER_215K)
    both = OfferFactory(labels=["siae", "esus"])
    assert small.pk not in _matches(RequestFactory(amount_band=AmountBand.TO_40K))
    assert _matches(RequestFactory(reserved=Reserved.SIAE)) == sorted([siae.pk, both.pk])
    assert _matches(RequestFactory(reserved=Reserved.SIAE, labels_wanted=["esus"])) == [both.pk]


def test_the_buyers_own_organisation_is_never_reached():
    buyer = BuyerFactory()
    OfferFactory(organisation=buyer.organisation)
    other = OfferFactory()
    assert _matches(RequestFactory(buyer=buyer)) == [other.pk]


def test_batches_are_capped_and_the_least_reached_come_first(monkeypatch):
    monkeypatch.setattr(routing, "BATCH_SIZE", 2)
    monkeypatch.setattr(routing, "CAP", 3)
    offers = [OfferFactory() for _ in range(4)]
    busy = offers[0]
    Routing.objects.create(request=RequestFactory(), offer=busy)
    request = RequestFactory()
    first = routing.route_batch(request, by=TASKS)
    assert [r.offer_id for r in first] == [offers[1].pk, offers[2].pk]
    assert {r.batch for r in first} == {1}
    second = routing.route_batch(request, by=TASKS)
    assert [(r.offer_id, r.batch) for r in second] == [(offers[3].pk, 2)]
    assert routing.route_batch(request, by=TASKS) == []
    assert routing.reached(request) == 3
    assert set(request.routings.values_list("state", flat=True)) == {RoutingState.NOTIFIED}


def test_each_routed_supplier_is_written_to(mailoutbox, django_capture_on_commit_callbacks):
    offer = OfferFactory(contact_email="devis@fournisseur.example")
    request = RequestFactory()
    with django_capture_on_commit_callbacks(execute=True):
        routing.route_batch(request, by=TASKS)
    assert [m.to for m in mailoutbox] == [["devis@fournisseur.example"]]
    assert request.title in mailoutbox[0].subject
    assert f"/espace/affaires/opportunites/{offer.routings.get().pk}/" in mailoutbox[0].body
