import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from essaim.business.enums import RequestState
from essaim.business.models import BuyerRequest, Deal, Response
from tests.business.factories import staff
from tests.factories.directory import OrganisationFactory

pytestmark = pytest.mark.django_db


def _form(web, **extra):
    return {
        "buyer": web.buyer.pk,
        "kind": "quote",
        "title": "Entretien du gymnase",
        "description": "Trois passages.",
        "sectors": ["nettoyage"],
        "amount_band": "5k-40k",
        "commune": "Montpellier",
        "deadline": (timezone.localdate() + dt.timedelta(days=9)).isoformat(),
        **extra,
    }


def test_a_buyer_lists_only_its_own_requests(client, web):
    client.force_login(web.buyer_user)
    page = client.get(reverse("business:requests"))
    assert sorted(r.pk for r in page.context["requests"]) == sorted([web.request.pk, web.draft.pk])
    client.force_login(web.other_buyer)
    assert list(client.get(reverse("business:requests")).context["requests"]) == []


def test_create_submit_and_the_moderators_approve(client, web):
    client.force_login(web.buyer_user)
    response = client.post(reverse("business:request_create"), _form(web))
    created = BuyerRequest.objects.get(title="Entretien du gymnase")
    assert response.url == reverse("business:request", args=[created.pk])
    client.post(reverse("business:request_transition", args=[created.pk]), {"action": "submit"})
    created.refresh_from_db()
    assert created.state == RequestState.PENDING
    client.force_login(web.admin)
    assert [r.pk for r in client.get(reverse("business:requests")).context["queue"]] == [created.pk]
    client.post(reverse("business:request_transition", args=[created.pk]), {"action": "approve"})
    created.refresh_from_db()
    assert created.state == RequestState.OPEN
    assert list(created.routings.values_list("offer_id", flat=True)) == [web.offer.pk]


def test_bad_input_is_shown_on_the_form(client, web):
    client.force_login(web.buyer_user)
    response = client.post(
        reverse("business:request_create"),
        _form(web, commune="Zzzzville", deadline="2020-01-01", reserved="siae"),
    )
    assert response.status_code == 400
    assert "commune" in response.context["form"].errors
    company = staff(OrganisationFactory())
    client.force_login(company)
    assert client.get(reverse("business:request_create")).status_code == 403


def test_request_page_permissions(client, web):
    url = reverse("business:request", args=[web.request.pk])
    assert client.get(url).url.startswith(reverse("web:login"))
    for user, status in (
        (web.other_buyer, 404),
        (web.supplier, 404),
        (web.buyer_user, 200),
        (web.admin, 200),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status
    client.force_login(web.other_buyer)
    assert client.get(reverse("business:request", args=[web.draft.pk])).status_code == 404
    assert client.get(reverse("business:request_transition", args=[web.request.pk])).status_code == 405


def test_the_survey_records_the_deal(client, web):
    lead = Response.objects.create(request=web.request, lead=web.offer, message="Oui")
    BuyerRequest.objects.filter(pk=web.request.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=1)
    )
    url = reverse("business:survey", args=[web.request.pk])
    client.force_login(web.supplier)
    assert client.get(url).status_code == 404
    client.force_login(web.buyer_user)
    client.post(url, {"made": "1", "amount": "12000", "response": lead.pk})
    assert Deal.objects.values_list("made", "amount", "response_id").get() == (True, 12000, lead.pk)
    page = client.get(reverse("business:request", args=[web.request.pk]))
    assert page.context["deal"].amount == 12000 and page.context["figures"].deals == 1
