"""Password reset (no enumeration, behind the login limiter, single-use expiring links) and change."""

import re
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from essaim.accounts.models import User
from essaim.accounts.tokens import reset_tokens, uid_of
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

RESET = reverse("web:password_reset")
DONE = reverse("web:password_reset_done")
COMPLETE = reverse("web:password_reset_complete")
CHANGE = reverse("web:password_change")
NEW_PASSWORD = "ruche-au-printemps-2026"


def text(response) -> str:
    return unescape(response.content.decode())


def ask_reset(client, callbacks, email):
    with callbacks(execute=True):
        return client.post(RESET, {"email": email})


def link_in(message) -> str:
    return re.search(r"http://\S+", message.body).group(0).removeprefix("http://127.0.0.1:8000")


def choose_password(client, url, password=NEW_PASSWORD):
    form_url = client.get(url)["Location"]  # Django moves the token into the session first
    return client.post(form_url, {"new_password1": password, "new_password2": password})


def test_the_reset_pages_are_public_and_in_french(client):
    for url, title in sorted(
        [
            (RESET, "Mot de passe oublié"),
            (DONE, "Vérifiez votre messagerie"),
            (COMPLETE, "Mot de passe enregistré"),
        ]
    ):
        response = client.get(url)
        assert (response.status_code, title in text(response)) == (200, True)


def test_a_reset_is_mailed_and_the_answer_is_the_same_with_or_without_an_account(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="awa@example.org")
    known = ask_reset(client, django_capture_on_commit_callbacks, " AWA@example.org ")
    unknown = ask_reset(client, django_capture_on_commit_callbacks, "personne@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"]) == (302, DONE)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["awa@example.org"], "Choisir un nouveau mot de passe Essaim")
    ]
    assert "valable 2 heures" in mail.outbox[0].body


def test_a_deactivated_account_gets_no_reset_link(client, django_capture_on_commit_callbacks):
    UserFactory(email="awa@example.org", is_active=False)
    assert ask_reset(client, django_capture_on_commit_callbacks, "awa@example.org")["Location"] == DONE
    assert mail.outbox == []


def test_the_link_sets_a_new_password_once(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="awa@example.org")
    ask_reset(client, django_capture_on_commit_callbacks, "awa@example.org")
    url = link_in(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        response = choose_password(client, url)
    assert (response.status_code, response["Location"]) == (302, COMPLETE)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert mail.outbox[-1].subject == "Votre mot de passe Essaim a changé"
    reused = client.get(url)
    assert reused.status_code == 400
    assert "Ce lien n'est plus valable" in text(reused)


def test_the_link_expires_after_two_hours(client, django_capture_on_commit_callbacks, monkeypatch):
    user = UserFactory(email="awa@example.org")
    ask_reset(client, django_capture_on_commit_callbacks, "awa@example.org")
    url = link_in(mail.outbox[0])
    now = reset_tokens._num_seconds(reset_tokens._now())
    monkeypatch.setattr(reset_tokens, "_num_seconds", lambda _dt: now + 2 * 3600 + 1)
    assert client.get(url).status_code == 400
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_reset_link_does_not_confirm_a_sign_up_link_and_the_reverse(client):
    user = UserFactory(email="awa@example.org")
    token = reset_tokens.make_token(user)
    assert client.get(reverse("web:signup_confirm", args=[uid_of(user), token])).status_code == 400


def test_choosing_a_password_confirms_an_account_awaiting_confirmation(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="awa@example.org", is_active=False, awaiting_confirmation=True)
    ask_reset(client, django_capture_on_commit_callbacks, "awa@example.org")
    assert choose_password(client, link_in(mail.outbox[0]))["Location"] == COMPLETE
    user.refresh_from_db()
    assert (user.is_active, user.awaiting_confirmation) == (True, False)


def test_a_weak_new_password_is_refused_in_french(client):
    user = UserFactory(email="awa@example.org")
    url = reverse("web:password_reset_confirm", args=[uid_of(user), reset_tokens.make_token(user)])
    response = choose_password(client, url, password="12345678")
    assert response.status_code == 400
    assert "Ce mot de passe est trop courant." in text(response)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_reset_requests_share_the_login_limiter(client, settings, django_capture_on_commit_callbacks):
    UserFactory(email="awa@example.org")
    for _attempt in range(settings.LOGIN_RATE_LIMIT):
        assert ask_reset(client, django_capture_on_commit_callbacks, "Awa@example.org ").status_code == 302
    assert len(mail.outbox) == settings.LOGIN_RATE_LIMIT
    blocked = ask_reset(client, django_capture_on_commit_callbacks, "awa@example.org")
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == str(settings.LOGIN_RATE_WINDOW)
    assert len(mail.outbox) == settings.LOGIN_RATE_LIMIT  # nothing more sent
    # The same counter as the login: the account is locked there too.
    login = client.post(reverse("web:login"), {"email": "awa@example.org", "password": PASSWORD})
    assert login.status_code == 429


def test_a_locked_unknown_address_gets_the_same_refusal(client, settings, django_capture_on_commit_callbacks):
    for _attempt in range(settings.LOGIN_RATE_LIMIT):
        ask_reset(client, django_capture_on_commit_callbacks, "personne@example.org")
    assert ask_reset(client, django_capture_on_commit_callbacks, "personne@example.org").status_code == 429


def test_a_bad_address_is_refused_without_a_500(client):
    response = client.post(RESET, {"email": "x" * 300})
    assert response.status_code == 400


def test_reset_wrong_methods(client):
    user = UserFactory()
    url = reverse("web:password_reset_confirm", args=[uid_of(user), reset_tokens.make_token(user)])
    for path in sorted([RESET, url]):
        assert client.put(path).status_code == 405
    for path in sorted([DONE, COMPLETE]):
        assert client.post(path).status_code == 405


# --- change, signed in ------------------------------------------------------------------


def test_change_needs_a_login(client):
    response = client.get(CHANGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_change_checks_the_current_password_then_keeps_the_session(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="awa@example.org")
    client.force_login(user)
    assert client.get(CHANGE).status_code == 200
    wrong = client.post(
        CHANGE, {"old_password": "non", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert wrong.status_code == 400
    assert "Ce n'est pas votre mot de passe actuel." in text(wrong)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CHANGE, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        )
    assert response["Location"] == reverse("web:account")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(reverse("web:account")).status_code == 200  # still signed in
    assert [m.subject for m in mail.outbox] == ["Votre mot de passe Essaim a changé"]


def test_change_refuses_two_different_new_passwords(client):
    client.force_login(UserFactory())
    response = client.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": "autre"}
    )
    assert response.status_code == 400
    assert "Les deux mots de passe ne sont pas identiques." in text(response)


def test_guessing_the_current_password_is_rate_limited(client, settings):
    user = UserFactory()
    client.force_login(user)
    data = {"old_password": "non", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    for _attempt in range(settings.LOGIN_RATE_LIMIT):
        assert client.post(CHANGE, data).status_code == 400
    assert client.post(CHANGE, {**data, "old_password": PASSWORD}).status_code == 429
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_change_wrong_method(client):
    client.force_login(UserFactory())
    assert client.put(CHANGE).status_code == 405


def test_the_account_page_links_to_the_password_change(client):
    client.force_login(UserFactory())
    assert f'href="{CHANGE}"' in client.get(reverse("web:account")).content.decode()


def test_nobody_else_can_reset_someone_s_password_with_their_own_link(client):
    alice, bob = UserFactory(), UserFactory()
    url = reverse("web:password_reset_confirm", args=[uid_of(bob), reset_tokens.make_token(alice)])
    assert client.get(url).status_code == 400
    assert User.objects.get(pk=bob.pk).check_password(PASSWORD)
