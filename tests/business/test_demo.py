import pytest

from essaim.business.demo import seed_business_demo
from essaim.business.enums import RequestState
from essaim.business.models import BuyerRequest, Deal, Routing

pytestmark = pytest.mark.django_db


def test_the_demo_holds_every_stage_and_runs_twice():
    counts = seed_business_demo()
    assert counts == {"buyers": 2, "offers": 6, "requests": 4}
    states = dict(BuyerRequest.objects.values_list("title", "state"))
    assert states["Traiteur pour la fête de quartier (démo)"] == RequestState.DRAFT
    assert states["Conditionnement de kits de soins (démo)"] == RequestState.PENDING
    assert states["Entretien des locaux de la mairie (démo)"] == RequestState.OPEN
    assert states["Blanchisserie des tenues de service (démo)"] == RequestState.CLOSED
    routed = Routing.objects.filter(request__title="Entretien des locaux de la mairie (démo)")
    assert sorted(routed.values_list("offer__organisation__slug", "state")) == [
        ("demo-ei-jardins", "responded"),
        ("demo-esat-blanchisserie", "not_interested"),
        ("demo-scic-proprete", "notified"),
    ]
    assert Deal.objects.get().amount == 36500
    assert seed_business_demo() == counts
