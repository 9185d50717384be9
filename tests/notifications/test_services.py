import pytest
from django.core import mail
from django.test import override_settings

from essaim.notifications.services import notify, render
from essaim.notifications.urls import site_url
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@override_settings(SITE_URL="https://essaim.example.org/")
def test_site_url_is_the_one_place_links_are_built():
    assert site_url("web:home") == "https://essaim.example.org/"
    assert site_url(path="/espace/") == "https://essaim.example.org/espace/"


def test_notify_sends_through_the_worker_once_the_transaction_commits(django_capture_on_commit_callbacks):
    active = UserFactory(email="a@example.org")
    gone = UserFactory(email="b@example.org", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        sent = notify(
            "core/test", to=[active, gone, "c@example.org", "c@example.org"], context={"name": "l'atelier"}
        )
    assert sent == 2
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a@example.org", "c@example.org"]
    assert message.subject == "Essai : l'atelier"
    assert "&#x27;" not in message.body and "l'atelier" in message.body


def test_nobody_to_tell_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert notify("core/test", to=[UserFactory(email="")], context={"name": "x"}) == 0
    assert mail.outbox == []


def test_templates_render_in_english_from_the_catalogue():
    subject, body = render("core/test", {"name": "x"}, language="en")
    assert subject == "Test: x"  # from the English catalogue; never HTML-escaped
    assert body.endswith("\n")


def test_replies_go_where_the_caller_says(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            "core/test",
            to=["equipe@example.org"],
            context={"name": "x"},
            reply_to=["porteur@example.org", ""],
        )
        notify("core/test", to=["equipe@example.org"], context={"name": "y"})
    assert [m.reply_to for m in mail.outbox] == [["porteur@example.org"], []]
