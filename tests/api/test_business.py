"""The business API: the permission matrix (a buyer sees its own requests only, a supplier only
the requests routed to it), bad input refused with messages naming the field, the journey."""

import datetime as dt

import pytest
from django.utils import timezone

from essaim.accounts.services import token_create
from essaim.business.enums import RequestState
from essaim.business.models import Routing
from tests.business.factories import BuyerFactory, OfferFactory, RequestFactory, staff
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/business"


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='t')[1]}"}


@pytest.fixture
def world(db):
    buyer = BuyerFactory()
    offer = OfferFactory()
    other_offer = OfferFactory(sectors=["batiment"])
    request = RequestFactory(buyer=buyer, state=RequestState.OPEN, published_at=timezone.now())
    routing = Routing.objects.create(request=request, offer=offer)
    return {
        "buyer": buyer,
        "request": request,
        "routing": routing,
        "offer": offer,
        "buyer_user": staff(buyer.organisation),
        "supplier": staff(offer.organisation),
        "other_supplier": staff(other_offer.organisation),
        "other_buyer": staff(BuyerFactory().organisation),
    }


def test_anonymous_callers_get_401(client):
    assert client.get(f"{URL}/offers").status_code == 401


def test_offer_search_by_sector_place_and_label(client, world):
    OfferFactory(zones=["departement:13"], labels=["siae"])
    auth = _auth(UserFactory())
    body = client.get(f"{URL}/offers", {"sector": "nettoyage", "place": "Montpellier"}, **auth).json()
    assert [o["id"] for o in body["results"]] == [world["offer"].pk]
    assert client.get(f"{URL}/offers", {"label": "siae", "place": "Hérault"}, **auth).json()["count"] == 0
    bad = client.get(f"{URL}/offers", {"sector": "x", "label": "y"}, **auth)  # off the document
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"sector", "label"}
    unknown = client.get(f"{URL}/offers", {"sector": "nettoyage", "place": "Zzzzville"}, **auth)
    assert unknown.status_code == 422  # the document cannot list places (decision 0021)
    assert set(unknown.json()["errors"]) == {"place"}


@pytest.mark.parametrize(
    "who, requests, routings",
    [("buyer_user", 1, 0), ("supplier", 0, 1), ("other_supplier", 0, 0), ("other_buyer", 0, 0)],
)
def test_permission_matrix_of_lists(client, world, who, requests, routings):
    auth = _auth(world[who])
    assert [r["id"] for r in client.get(f"{URL}/requests", **auth).json()] == [world["request"].pk] * requests
    assert [r["id"] for r in client.get(f"{URL}/routings", **auth).json()] == [world["routing"].pk] * routings


@pytest.mark.parametrize(
    "who, request_status, routing_status",
    [
        ("buyer_user", 200, 404),
        ("supplier", 404, 200),
        ("other_supplier", 404, 404),
        ("other_buyer", 404, 404),
    ],
)
def test_permission_matrix_of_one_object(client, world, who, request_status, routing_status):
    auth = _auth(world[who])
    assert client.get(f"{URL}/requests/{world['request'].pk}", **auth).status_code == request_status
    assert client.get(f"{URL}/routings/{world['routing'].pk}", **auth).status_code == routing_status
    responses = client.get(f"{URL}/requests/{world['request'].pk}/responses", **auth)
    assert responses.status_code == (200 if who == "buyer_user" else 404)


def test_bad_request_bodies_name_the_field(client, world):
    auth = _auth(world["buyer_user"])
    body = {
        "buyer": world["buyer"].pk,
        "kind": "devis",
        "title": " ",
        "description": "x",
        "sectors": [],
        "amount_band": "5k-40k",
        "commune": "34172",
        "deadline": "3000-01-01",
    }
    response = client.post(f"{URL}/requests", body, content_type="application/json", **auth)
    assert response.status_code == 400
    assert {"kind", "title", "sectors", "deadline"} <= set(response.json()["errors"])
    past = {**body, "kind": "quote", "title": "Ménage", "sectors": ["nettoyage"], "deadline": "2020-01-01"}
    refused = client.post(f"{URL}/requests", past, content_type="application/json", **auth)
    assert refused.status_code == 422 and "deadline" in refused.json()["errors"]
    other = client.post(
        f"{URL}/requests", past, content_type="application/json", **_auth(world["other_buyer"])
    )
    assert other.status_code == 422 and "buyer" in other.json()["errors"]


def test_the_journey_from_a_request_to_a_response_to_a_deal(client, world):
    buyer, supplier = _auth(world["buyer_user"]), _auth(world["supplier"])
    admin = _auth(UserFactory(admin=True))
    deadline = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    body = {
        "buyer": world["buyer"].pk,
        "kind": "quote",
        "title": "Entretien du gymnase",
        "description": "Trois passages par semaine.",
        "sectors": ["nettoyage"],
        "amount_band": "5k-40k",
        "commune": "34172",
        "deadline": deadline,
        "reserved": "siae",
    }
    created = client.post(f"{URL}/requests", body, content_type="application/json", **buyer).json()
    pk = created["id"]
    move = f"{URL}/requests/{pk}/transitions"
    assert (
        client.post(move, {"action": "submit"}, content_type="application/json", **buyer).json()["state"]
        == "pending"
    )
    assert (
        client.post(move, {"action": "approve"}, content_type="application/json", **buyer).status_code == 403
    )
    assert (
        client.post(move, {"action": "approve"}, content_type="application/json", **admin).json()["state"]
        == "open"
    )
    # reserved to SIAE: the unlabelled offer was not reached
    assert [r["request"]["id"] for r in client.get(f"{URL}/routings", **supplier).json()] == [
        world["request"].pk
    ]
    routing = world["routing"]
    decline = {"action": "decline", "reason": "nope"}
    assert (
        client.post(
            f"{URL}/routings/{routing.pk}/transitions", decline, content_type="application/json", **supplier
        ).status_code
        == 400
    )
    answer = {"message": "Nous pouvons.", "amount": "9000.00", "partners": []}
    response = client.post(
        f"{URL}/routings/{routing.pk}/responses", answer, content_type="application/json", **supplier
    )
    assert response.status_code == 201 and response.json()["lead"] == world["offer"].pk
    old = world["request"]
    old.deadline = timezone.localdate() - dt.timedelta(days=1)
    old.save()
    deal = {"made": True, "amount": "8500", "response": response.json()["id"]}
    recorded = client.put(f"{URL}/requests/{old.pk}/deal", deal, content_type="application/json", **buyer)
    assert recorded.status_code == 200
    assert recorded.json() == {
        "request": old.pk,
        "made": True,
        "amount": "8500.00",
        "response": response.json()["id"],
    }
    assert (
        client.put(
            f"{URL}/requests/{old.pk}/deal", deal, content_type="application/json", **supplier
        ).status_code
        == 404
    )
