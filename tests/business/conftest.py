import pytest

from essaim.business.enums import RequestState
from tests.business.factories import BuyerFactory, OfferFactory, RequestFactory, staff
from tests.factories.accounts import UserFactory


@pytest.fixture
def admin(db):
    return UserFactory(admin=True)


@pytest.fixture
def buyer(db):
    return BuyerFactory()


@pytest.fixture
def buyer_user(buyer):
    return staff(buyer.organisation)


@pytest.fixture
def offer(db):
    return OfferFactory()


@pytest.fixture
def supplier_user(offer):
    return staff(offer.organisation)


@pytest.fixture
def stranger(db):
    return UserFactory()


@pytest.fixture
def pending(buyer):
    return RequestFactory(buyer=buyer, state=RequestState.PENDING)


@pytest.fixture
def commune_montpellier(db):
    from essaim.territories.models import Commune

    return Commune.objects.get(pk="34172")
