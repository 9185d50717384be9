"""Public pages (essaim/web/workspace/calls/public_views.py): open calls, job offers, applying
with or without an account."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from essaim.accounts.models import User
from essaim.calls.models import (
    Application,
    ApplicationState,
)
from tests.factories.accounts import UserFactory
from tests.factories.calls import (
    CallFactory,
    JobOfferFactory,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_public_call_list_shows_open_calls_only(client):
    open_call = CallFactory(open=True, title="Appel ouvert")
    draft = CallFactory(title="Appel brouillon")
    response = client.get(reverse("calls_public:calls"))
    assert response.status_code == 200
    assert list(response.context["calls"]) == [open_call]
    assert client.get(reverse("calls_public:call", args=[draft.pk])).status_code == 404
    assert client.get(reverse("calls_public:call", args=[open_call.pk])).status_code == 200


@pytest.mark.parametrize("n", [1, 6])
def test_public_lists_query_count(client, django_assert_num_queries, n):
    for _ in range(n):
        CallFactory(open=True)
        JobOfferFactory(published=True)
    with django_assert_num_queries(1):
        assert client.get(reverse("calls_public:calls")).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(reverse("calls_public:offers")).status_code == 200


def test_anonymous_applies_by_creating_an_account(client):
    call = CallFactory(open=True)
    url = reverse("calls_public:call_apply", args=[call.pk])
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"full_name": "Léa", "email": "lea@example.org", "password": "x", "password_again": "y"}
    )
    assert bad.status_code == 400
    assert "Les deux mots de passe diffèrent." in _text(bad)
    assert User.objects.filter(email="lea@example.org").exists() is False
    data = {
        "full_name": "Léa",
        "email": "lea@example.org",
        "password": "tres-long-secret-9",
        "password_again": "tres-long-secret-9",
    }
    response = client.post(url, data)
    application = Application.objects.get()
    assert response["Location"] == reverse("calls:application", args=[application.pk])
    assert (application.carrier.email, application.carrier.is_carrier, application.state) == (
        "lea@example.org",
        True,
        ApplicationState.DRAFT,
    )
    # Logged in: the draft page opens.
    assert client.get(response["Location"]).status_code == 200


def test_registering_with_a_taken_email_says_so(client):
    call = CallFactory(open=True)
    UserFactory(email="pris@example.org")
    data = {
        "full_name": "X",
        "email": "pris@example.org",
        "password": "tres-long-secret-9",
        "password_again": "tres-long-secret-9",
    }
    response = client.post(reverse("calls_public:call_apply", args=[call.pk]), data)
    assert response.status_code == 400
    assert "Un compte existe déjà avec cette adresse" in _text(response)
    assert Application.objects.count() == 0


def test_logged_in_user_starts_a_draft_once(client):
    call = CallFactory(open=True)
    user = UserFactory()
    client.force_login(user)
    url = reverse("calls_public:call_apply", args=[call.pk])
    first = client.post(url)
    second = client.post(url)
    assert first["Location"] == second["Location"]
    assert Application.objects.filter(carrier=user).count() == 1


def test_public_offer_refuses_closed_offers(client):
    offer = JobOfferFactory()
    assert client.get(reverse("calls_public:offer", args=[offer.pk])).status_code == 404
    offer = JobOfferFactory(published=True, closes_on=timezone.localdate() - dt.timedelta(days=1))
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("calls_public:offer", args=[offer.pk]), {"motivation": "Oui"})
    assert response.status_code == 400
    assert "Cette offre n'accepte plus de candidature." in _text(response)


def test_public_call_shows_territory_names(client):
    call = CallFactory(open=True, territory_refs=["departement:34", "region:76"])
    page = _text(client.get(reverse("calls_public:call", args=[call.pk])))
    assert "Hérault (département), Occitanie (région)" in page


def test_public_pages_refuse_other_methods(client):
    call = CallFactory(open=True)
    offer = JobOfferFactory(published=True)
    for url in (
        reverse("calls_public:calls"),
        reverse("calls_public:call", args=[call.pk]),
        reverse("calls_public:call_apply", args=[call.pk]),
        reverse("calls_public:offers"),
        reverse("calls_public:offer", args=[offer.pk]),
    ):
        assert client.delete(url).status_code == 405
    assert client.post(reverse("calls_public:calls")).status_code == 405


def test_staff_cannot_apply_to_their_own_call(client, world):
    call = CallFactory(programme=world.programme, open=True)
    client.force_login(world.staff)
    page = _text(client.get(reverse("calls_public:call", args=[call.pk])))
    assert "Vous faites partie de l'équipe qui gère cet appel : vous ne pouvez pas y candidater." in page
    assert reverse("calls_public:call_apply", args=[call.pk]) not in page
    assert client.get(reverse("calls_public:call_apply", args=[call.pk])).status_code == 403
    assert client.post(reverse("calls_public:call_apply", args=[call.pk])).status_code == 403
    assert Application.objects.filter(call=call).count() == 0
    client.force_login(world.other_staff)
    response = client.post(reverse("calls_public:call_apply", args=[call.pk]))
    assert response["Location"] == reverse("calls:application", args=[Application.objects.get(call=call).pk])
