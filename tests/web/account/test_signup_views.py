"""A carrier signs up without a call, confirms from the mailbox, and lands on their space."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.urls import reverse
from django.utils.http import urlencode

from essaim.accounts.models import User
from essaim.accounts.services.signup import carrier_signup
from essaim.accounts.tokens import confirmation_tokens, uid_of
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = reverse("web:signup")
DONE = reverse("web:signup_done")
NEW_PASSWORD = "ruche-au-printemps-2026"


def signup(client, callbacks, email="awa@example.org", **extra):
    data = {"email": email, "full_name": "Awa Diallo", "password": NEW_PASSWORD, **extra}
    with callbacks(execute=True):
        return client.post(SIGNUP, data)


def text(response) -> str:
    return unescape(response.content.decode())


def link_in(message) -> str:
    return re.search(r"http://\S+", message.body).group(0).removeprefix("http://127.0.0.1:8000")


def test_the_sign_up_page_is_public_and_in_french(client):
    response = client.get(SIGNUP)
    assert response.status_code == 200
    html = text(response)
    assert "Créer un compte de porteur de projet" in html
    assert 'autocomplete="new-password"' in html


def test_sign_up_creates_an_inactive_carrier_and_mails_a_confirmation_link(
    client, django_capture_on_commit_callbacks
):
    response = signup(client, django_capture_on_commit_callbacks, email=" Awa@Example.org ")
    assert (response.status_code, response["Location"]) == (302, DONE)
    user = User.objects.get(email="awa@example.org")
    assert (user.is_active, user.awaiting_confirmation, user.is_carrier, user.full_name) == (
        False,
        True,
        True,
        "Awa Diallo",
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["awa@example.org"], "Confirmez votre adresse pour activer votre compte Essaim")
    ]
    assert link_in(mail.outbox[0]).startswith("/compte/confirmer/")
    assert "_auth_user_id" not in client.session


def test_an_unconfirmed_account_cannot_log_in(client, django_capture_on_commit_callbacks):
    signup(client, django_capture_on_commit_callbacks)
    response = client.post(reverse("web:login"), {"email": "awa@example.org", "password": NEW_PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_confirming_asks_the_password_then_signs_in_and_lands_on_the_space(
    client, django_capture_on_commit_callbacks
):
    signup(client, django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0])
    page = client.get(url)
    assert page.status_code == 200
    assert "saisissez le mot de passe choisi à" in text(page)
    wrong = client.post(url, {"password": "pas-le-bon"})
    assert wrong.status_code == 400
    assert "Ce n'est pas le mot de passe choisi à l'inscription." in text(wrong)
    assert User.objects.get(email="awa@example.org").is_active is False
    response = client.post(url, {"password": NEW_PASSWORD})
    assert (response.status_code, response["Location"]) == (302, reverse("workspace:home"))
    user = User.objects.get(email="awa@example.org")
    assert (user.is_active, user.awaiting_confirmation) == (True, False)
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_confirmation_link_works_once(client, django_capture_on_commit_callbacks):
    signup(client, django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0])
    assert client.post(url, {"password": NEW_PASSWORD}).status_code == 302
    client.logout()
    again = client.get(url)
    assert again.status_code == 400
    assert "Ce lien de confirmation n'est plus valable" in text(again)
    assert client.post(url, {"password": NEW_PASSWORD}).status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_confirmation_link_expires_after_three_days(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    signup(client, django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0])
    now = confirmation_tokens._num_seconds(confirmation_tokens._now())
    monkeypatch.setattr(confirmation_tokens, "_num_seconds", lambda _dt: now + 3 * 24 * 3600 + 1)
    assert client.get(url).status_code == 400
    assert client.post(url, {"password": NEW_PASSWORD}).status_code == 400
    assert User.objects.get(email="awa@example.org").is_active is False


def test_a_forged_or_foreign_confirmation_link_is_refused(client):
    user = UserFactory(is_active=False, awaiting_confirmation=True)
    other = UserFactory(is_active=False, awaiting_confirmation=True)
    token = confirmation_tokens.make_token(other)
    for uid, tok in sorted([(uid_of(user), token), ("zz", token), (uid_of(user), "abc-def")]):
        assert client.get(reverse("web:signup_confirm", args=[uid, tok])).status_code == 400


def test_an_existing_address_gets_the_same_page_and_its_owner_a_reminder(
    client, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="awa@example.org")
    known = signup(client, django_capture_on_commit_callbacks, email="AWA@example.org")
    unknown = signup(client, django_capture_on_commit_callbacks, email="nouvelle@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"]) == (302, DONE)
    assert User.objects.filter(email__iexact="awa@example.org").count() == 1
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)  # nothing changed on the account
    reminder = next(m for m in mail.outbox if m.to == ["awa@example.org"])
    assert reminder.subject == "Vous avez déjà un compte Essaim"
    assert "/compte/mot-de-passe/nouveau/" in reminder.body


def test_a_deactivated_account_gets_no_mail_and_the_same_page(client, django_capture_on_commit_callbacks):
    UserFactory(email="awa@example.org", is_active=False)
    response = signup(client, django_capture_on_commit_callbacks)
    assert response["Location"] == DONE
    assert mail.outbox == []


def test_sign_up_refuses_a_weak_password_in_french_and_creates_nothing(client):
    response = client.post(
        SIGNUP, {"email": "awa@example.org", "full_name": "Awa Diallo", "password": "12345678"}
    )
    assert response.status_code == 400
    html = text(response)
    assert "Ce mot de passe est trop courant." in html
    assert "Ce mot de passe est entièrement numérique." in html
    assert not User.objects.filter(email="awa@example.org").exists()


def test_sign_up_refuses_bad_input_without_a_500(client):
    response = client.post(SIGNUP, {"email": "pas une adresse", "full_name": "x" * 151, "password": ""})
    assert response.status_code == 400
    assert User.objects.count() == 0


def test_sign_up_is_rate_limited_like_login(client, settings, django_capture_on_commit_callbacks):
    for _attempt in range(settings.LOGIN_RATE_LIMIT):
        assert signup(client, django_capture_on_commit_callbacks).status_code == 302
    blocked = signup(client, django_capture_on_commit_callbacks)
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == str(settings.LOGIN_RATE_WINDOW)
    assert "Trop de tentatives en peu de temps." in text(blocked)


def test_confirming_with_wrong_passwords_is_rate_limited(
    client, settings, django_capture_on_commit_callbacks
):
    signup(client, django_capture_on_commit_callbacks, email="bea@example.org")
    url = link_in(mail.outbox[0])
    for _attempt in range(settings.LOGIN_RATE_LIMIT - 1):  # the sign-up counted once
        assert client.post(url, {"password": "non"}).status_code == 400
    assert client.post(url, {"password": NEW_PASSWORD}).status_code == 429
    assert User.objects.get(email="bea@example.org").is_active is False


def test_someone_signed_in_is_sent_to_their_landing_page(client):
    client.force_login(UserFactory(carrier=True))
    assert client.get(SIGNUP)["Location"] == reverse("workspace:home")
    assert client.post(SIGNUP, {})["Location"] == reverse("workspace:home")


def test_wrong_methods(client):
    user = UserFactory(is_active=False, awaiting_confirmation=True)
    confirm = reverse("web:signup_confirm", args=[uid_of(user), confirmation_tokens.make_token(user)])
    for url in sorted([SIGNUP, confirm]):
        assert client.put(url).status_code == 405
    assert client.post(DONE).status_code == 405
    assert client.get(DONE).status_code == 200


def test_a_confirmation_link_with_a_safe_next_lands_there_signed_in(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        carrier_signup(
            email="awa@example.org",
            full_name="Awa Diallo",
            password=NEW_PASSWORD,
            next_url="/appels/7/candidater/",
            by=AnonymousUser(),
        )
    url = link_in(mail.outbox[0])
    assert url.endswith("?next=%2Fappels%2F7%2Fcandidater%2F")
    assert client.post(url, {"password": "pas-le-bon"}).status_code == 400
    assert "_auth_user_id" not in client.session
    response = client.post(url, {"password": NEW_PASSWORD})
    assert (response.status_code, response["Location"]) == (302, "/appels/7/candidater/")
    assert client.session["_auth_user_id"] == str(User.objects.get(email="awa@example.org").pk)


BAD_NEXTS = sorted(["https://evil.example/x", "//evil.example/x", "/\\evil.example/x", "javascript:alert(1)"])


@pytest.mark.parametrize("bad", BAD_NEXTS)
def test_a_next_to_another_site_is_ignored(client, django_capture_on_commit_callbacks, bad):
    UserFactory(email="known@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        for email in ("awa@example.org", "known@example.org"):
            carrier_signup(
                email=email, full_name="Awa", password=NEW_PASSWORD, next_url=bad, by=AnonymousUser()
            )
    confirm, reminder = (
        next(m for m in mail.outbox if m.to == [email]) for email in ("awa@example.org", "known@example.org")
    )
    assert "next=" not in confirm.body and "evil" not in confirm.body
    assert "next=" not in reminder.body and "evil" not in reminder.body
    # A next added to the link by hand is checked again when confirming.
    url = link_in(confirm).split("?")[0] + "?" + urlencode({"next": bad})
    response = client.post(url, {"password": NEW_PASSWORD})
    assert (response.status_code, response["Location"]) == (302, reverse("workspace:home"))
