import pytest
from django.utils import timezone

from essaim.business.enums import RequestState
from essaim.business.models import Response, Routing
from tests.business.factories import BuyerFactory, OfferFactory, RequestFactory, staff
from tests.factories.accounts import UserFactory


class World:
    pass


@pytest.fixture
def web(db):
    w = World()
    w.buyer = BuyerFactory()
    w.offer = OfferFactory(labels=["siae"])
    w.other_offer = OfferFactory(sectors=["batiment"])
    w.request = RequestFactory(buyer=w.buyer, state=RequestState.OPEN, published_at=timezone.now())
    w.draft = RequestFactory(buyer=w.buyer)
    w.routing = Routing.objects.create(request=w.request, offer=w.offer)
    w.buyer_user = staff(w.buyer.organisation)
    w.supplier = staff(w.offer.organisation)
    w.other_supplier = staff(w.other_offer.organisation)
    w.other_buyer = staff(BuyerFactory().organisation)
    w.admin = UserFactory(admin=True)
    return w


def add_routed(w, n):
    """n more requests of the buyer, each routed to the supplier with a response."""
    for _ in range(n):
        request = RequestFactory(buyer=w.buyer, state=RequestState.OPEN, published_at=timezone.now())
        Routing.objects.create(request=request, offer=w.offer)
        response = Response.objects.create(
            request=w.request if _ == 0 else request, lead=OfferFactory(), message="Oui"
        )
        response.partners.add(OfferFactory())
