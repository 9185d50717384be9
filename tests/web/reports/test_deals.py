"""Revenue from the platform's business deals on a report: for the programme's own staff only."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from essaim.business.enums import RequestState
from essaim.business.models import Deal, Response, Routing
from essaim.evidence.facts import facts_refresh
from tests.business.factories import BEZIERS, OfferFactory, RequestFactory
from tests.factories.accounts import MembershipFactory, TerritoryScopeFactory, UserFactory
from tests.factories.evidence import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def won():
    project = EnterpriseFactory().project
    offer = OfferFactory(project=project)
    request = RequestFactory(state=RequestState.OPEN, published_at=timezone.now(), commune_id=BEZIERS)
    response = Response.objects.create(request=request, lead=offer, message="Oui")
    Routing.objects.create(request=request, offer=offer)
    Deal.objects.create(request=request, made=True, response=response, amount=Decimal("8000"))
    facts_refresh([project.pk])
    return project


def test_the_programme_staff_see_their_enterprises_deals(client, won):
    client.force_login(MembershipFactory(organisation=won.programme.organisation).user)
    response = client.get(reverse("reports:programme", kwargs={"slug": won.programme.slug}))
    assert response.status_code == 200
    assert response.context["deals"] == {"enterprises": 1, "deals": 1, "amount": Decimal("8000")}
    html = response.content.decode()
    assert "Marchés passés par la plateforme" in html
    assert re.search(r"<dd>8\D{1,8}000</dd>", html)


def test_no_reader_outside_the_programme_sees_them(client, won):
    viewer = UserFactory()
    TerritoryScopeFactory(user=viewer, level="departement", code="34")
    client.force_login(viewer)
    response = client.get(reverse("reports:territory", kwargs={"level": "departement", "code": "34"}))
    assert response.status_code == 200
    assert response.context["deals"] is None
    assert "Marchés passés par la plateforme" not in response.content.decode()
