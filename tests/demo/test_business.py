import pytest

from essaim.business.models import BuyerRequest, SupplierOffer
from essaim.core.management.commands.seed_demo import DEMO_MODULES
from essaim.demo import business

pytestmark = pytest.mark.django_db


def test_seed_demo_runs_the_business_demo_once():
    assert "essaim.demo.business" in DEMO_MODULES
    business.seed()
    assert (SupplierOffer.objects.count(), BuyerRequest.objects.count()) == (6, 4)
    business.seed()
    assert (SupplierOffer.objects.count(), BuyerRequest.objects.count()) == (6, 4)
