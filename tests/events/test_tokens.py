"""essaim.events.tokens: a registration's signed links, one purpose each, and the calendar feed."""

from types import SimpleNamespace

import pytest
from django.core import signing

from essaim.core.actors import actor_label, is_system
from essaim.events import tokens

REGISTRATION = SimpleNamespace(pk=42, key="k" * 32)


@pytest.mark.parametrize("purpose", [tokens.CONFIRM, tokens.MANAGE, tokens.CHECKIN])
def test_a_link_reads_back_as_the_registration_id_and_key(purpose):
    assert tokens.read(tokens.make(REGISTRATION, purpose), purpose) == (42, "k" * 32)


def test_a_link_of_one_purpose_opens_nothing_else():
    manage = tokens.make(REGISTRATION, tokens.MANAGE)
    assert tokens.read(manage, tokens.CHECKIN) is None
    assert tokens.read(manage, tokens.CONFIRM) is None
    assert tokens.read(tokens.make(REGISTRATION, tokens.CHECKIN), tokens.MANAGE) is None


@pytest.mark.parametrize("token", ["", "abc", "abc:def", "x" * 500])
def test_garbage_is_no_link(token):
    assert tokens.read(token, tokens.MANAGE) is None
    assert tokens.calendar_user_id(token) is None


def test_a_tampered_link_is_refused():
    token = tokens.make(REGISTRATION, tokens.MANAGE)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert tokens.read(tampered, tokens.MANAGE) is None


@pytest.mark.parametrize("payload", [["42", "key"], [42, 7], [42], [42, "key", "more"], 42, None])
def test_a_signed_payload_of_the_wrong_shape_is_refused(payload):
    token = signing.dumps(payload, salt="essaim.events.manage", compress=True)
    assert tokens.read(token, tokens.MANAGE) is None


def test_a_confirmation_link_expires_after_a_week_and_the_others_do_not(monkeypatch):
    confirm = tokens.make(REGISTRATION, tokens.CONFIRM)
    manage = tokens.make(REGISTRATION, tokens.MANAGE)
    now = signing.time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now + tokens.CONFIRM_MAX_AGE - 5)
    assert tokens.read(confirm, tokens.CONFIRM) == (42, "k" * 32)
    monkeypatch.setattr(signing.time, "time", lambda: now + tokens.CONFIRM_MAX_AGE + 5)
    assert tokens.read(confirm, tokens.CONFIRM) is None
    assert tokens.read(manage, tokens.MANAGE) == (42, "k" * 32)
    assert tokens.CONFIRM_MAX_AGE == 604_800


def test_a_new_key_gives_a_new_link():
    renewed = SimpleNamespace(pk=42, key="n" * 32)
    assert tokens.make(renewed, tokens.MANAGE) != tokens.make(REGISTRATION, tokens.MANAGE)
    assert tokens.read(tokens.make(renewed, tokens.MANAGE), tokens.MANAGE) == (42, "n" * 32)


def test_calendar_token():
    user = SimpleNamespace(pk=7)
    token = tokens.calendar_token(user)
    assert tokens.calendar_user_id(token) == 7
    assert tokens.read(token, tokens.MANAGE) is None
    assert tokens.calendar_user_id(tokens.make(REGISTRATION, tokens.MANAGE)) is None
    assert tokens.calendar_user_id(signing.dumps("7", salt="essaim.events.calendar")) is None


def test_the_holder_of_a_link_is_a_system_actor_naming_the_registration():
    holder = tokens.holder_of(REGISTRATION)
    assert holder.registration_id == 42
    assert is_system(holder) is True
    assert holder.pk is None
    assert actor_label(holder) == "personne inscrite (lien reçu par courriel)"


def test_the_actors_of_the_public_form_and_the_waiting_list():
    assert actor_label(tokens.PUBLIC_FORM) == "formulaire public d'inscription"
    assert actor_label(tokens.WAITING_LIST) == "liste d'attente"
