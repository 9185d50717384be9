import pytest
from django.urls import reverse

from essaim.business.enums import RoutingState
from essaim.business.models import Response

pytestmark = pytest.mark.django_db


def test_the_inbox_lists_only_requests_routed_to_the_suppliers_offers(client, web):
    client.force_login(web.supplier)
    assert [r.pk for r in client.get(reverse("business:inbox")).context["routings"]] == [web.routing.pk]
    client.force_login(web.other_supplier)
    assert list(client.get(reverse("business:inbox")).context["routings"]) == []
    assert client.get(reverse("business:routing", args=[web.routing.pk])).status_code == 404
    client.force_login(web.buyer_user)
    assert client.get(reverse("business:routing", args=[web.routing.pk])).status_code == 404


def test_opening_marks_viewed_then_decline_needs_a_reason_then_respond(client, web):
    client.force_login(web.supplier)
    url = reverse("business:routing", args=[web.routing.pk])
    page = client.get(url)
    web.routing.refresh_from_db()
    assert web.routing.state == RoutingState.VIEWED
    assert [m.name for m in page.context["moves"]] == ["interest", "decline", "respond"]
    move = reverse("business:routing_transition", args=[web.routing.pk])
    client.post(move, {"action": "decline"})
    web.routing.refresh_from_db()
    assert web.routing.state == RoutingState.VIEWED
    client.post(move, {"action": "decline", "reason": "deadline"})
    web.routing.refresh_from_db()
    assert (web.routing.state, web.routing.reason) == (RoutingState.NOT_INTERESTED, "deadline")
    client.post(move, {"action": "interest"})
    respond = reverse("business:respond", args=[web.routing.pk])
    assert client.post(respond, {"message": "", "partners": []}).status_code == 400
    client.post(
        respond, {"message": "Avec un partenaire.", "amount": "9000", "partners": [web.other_offer.pk]}
    )
    response = Response.objects.get()
    assert (response.lead_id, list(response.partners.values_list("pk", flat=True))) == (
        web.offer.pk,
        [web.other_offer.pk],
    )
    client.force_login(web.other_supplier)
    assert [r.pk for r in client.get(reverse("business:inbox")).context["joined"]] == [response.pk]


def test_wrong_method_and_anonymous(client, web):
    assert client.get(reverse("business:inbox")).url.startswith(reverse("web:login"))
    client.force_login(web.supplier)
    assert client.get(reverse("business:routing_transition", args=[web.routing.pk])).status_code == 405
