"""Public pages (essaim/web/workspace/calls/public_views.py): open calls, job offers, applying
signed in or signing up on the way (the carrier sign-up of essaim/accounts: no enumeration)."""

import datetime as dt
import html
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from essaim.accounts.models import User
from essaim.calls.models import (
    Application,
    ApplicationState,
)
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.calls import (
    CallFactory,
    JobOfferFactory,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "ruche-au-printemps-2026"


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


def _signup(client, callbacks, url, email, password=NEW_PASSWORD, prefix=""):
    data = {"email": email, "full_name": "Léa Porteuse", "password": password}
    with callbacks(execute=True):
        return client.post(url, {f"{prefix}{key}": value for key, value in data.items()})


def _link(message) -> str:
    return re.search(r"http://\S+", message.body).group(0).removeprefix("http://127.0.0.1:8000")


def _without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def test_anonymous_applicant_signs_up_then_the_link_opens_the_call_form_signed_in(
    client, django_capture_on_commit_callbacks
):
    call = CallFactory(open=True)
    url = reverse("calls_public:call_apply", args=[call.pk])
    assert client.get(url).status_code == 200
    bad = _signup(client, django_capture_on_commit_callbacks, url, "lea@example.org", password="12345678")
    assert bad.status_code == 400
    assert "Ce mot de passe est entièrement numérique." in _text(bad)
    assert User.objects.filter(email="lea@example.org").exists() is False
    response = _signup(client, django_capture_on_commit_callbacks, url, " Lea@Example.org ")
    assert response.status_code == 200
    assert (
        "Nous vous avons écrit à <strong>lea@example.org</strong> : suivez le lien pour confirmer et"
        " continuer votre candidature." in _text(response)
    )
    assert "_auth_user_id" not in client.session
    assert Application.objects.count() == 0
    user = User.objects.get(email="lea@example.org")
    assert (user.is_carrier, user.is_active, user.awaiting_confirmation) == (True, False, True)
    [message] = mail.outbox
    link = _link(message)
    assert link.endswith("?" + urlencode({"next": url}))
    # A stranger holding the link but not the password activates nothing.
    wrong = client.post(link, {"password": "pas-le-bon"})
    assert wrong.status_code == 400
    assert "_auth_user_id" not in client.session
    confirmed = client.post(link, {"password": NEW_PASSWORD})
    assert (confirmed.status_code, confirmed["Location"]) == (302, url)
    assert client.session["_auth_user_id"] == str(user.pk)
    page = client.get(url)
    assert (page.status_code, page.context["form"]) == (200, None)
    assert "Commencer ma candidature" in _text(page)
    started = client.post(url)
    application = Application.objects.get()
    assert started["Location"] == reverse("calls:application", args=[application.pk])
    assert (application.carrier, application.carrier.is_carrier, application.state) == (
        user,
        True,
        ApplicationState.DRAFT,
    )
    # Logged in: the draft page opens.
    assert client.get(started["Location"]).status_code == 200


APPLY_PAGES = sorted(["call", "offer"])


def _apply_url(page: str) -> tuple[str, str]:
    if page == "call":
        return reverse("calls_public:call_apply", args=[CallFactory(open=True).pk]), ""
    return reverse("calls_public:offer", args=[JobOfferFactory(published=True).pk]), "account-"


@pytest.mark.parametrize("page", APPLY_PAGES)
def test_a_known_and_an_unknown_address_get_the_same_answer(client, django_capture_on_commit_callbacks, page):
    url, prefix = _apply_url(page)
    unknown = _signup(client, django_capture_on_commit_callbacks, url, "pris@example.org", prefix=prefix)
    User.objects.filter(email="pris@example.org").delete()
    owner = UserFactory(email="pris@example.org", carrier=True)
    mail.outbox.clear()
    known = _signup(client, django_capture_on_commit_callbacks, url, "PRIS@example.org", prefix=prefix)
    assert (known.status_code, _without_csrf(known)) == (unknown.status_code, _without_csrf(unknown))
    assert known.status_code == 200
    assert "Un compte existe déjà" not in _text(known)
    assert "_auth_user_id" not in client.session
    assert (Application.objects.count(), User.objects.filter(email__iexact="pris@example.org").count()) == (
        0,
        1,
    )
    owner.refresh_from_db()
    assert (owner.check_password(PASSWORD), owner.check_password(NEW_PASSWORD)) == (True, False)
    # The owner is told they have an account; the sign-in link brings them back to the page.
    [reminder] = mail.outbox
    assert (reminder.to, reminder.subject) == (["pris@example.org"], "Vous avez déjà un compte Essaim")
    login = reverse("web:login") + "?" + urlencode({"next": url})
    assert f"http://127.0.0.1:8000{login}" in reminder.body
    assert "/compte/mot-de-passe/nouveau/" in reminder.body
    signed_in = client.post(login, {"email": "pris@example.org", "password": PASSWORD})
    assert (signed_in.status_code, signed_in["Location"]) == (302, url)


def test_the_sign_up_on_the_way_is_rate_limited(client, settings, django_capture_on_commit_callbacks):
    url, _prefix = _apply_url("call")
    for _attempt in range(settings.LOGIN_RATE_LIMIT):
        assert _signup(client, django_capture_on_commit_callbacks, url, "lea@example.org").status_code == 200
    blocked = _signup(client, django_capture_on_commit_callbacks, url, "lea@example.org")
    assert (blocked.status_code, blocked["Retry-After"]) == (429, str(settings.LOGIN_RATE_WINDOW))
    assert "Trop de tentatives en peu de temps." in _text(blocked)


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
