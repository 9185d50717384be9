import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives

from essaim.outbox.backends import DemoEmailBackend
from essaim.outbox.models import SentEmail

pytestmark = pytest.mark.django_db
BACKEND = "essaim.outbox.backends.DemoEmailBackend"


def test_refuses_to_work_outside_the_demo(settings):
    settings.DEMO = False
    with pytest.raises(ImproperlyConfigured, match="DEMO=true"):
        DemoEmailBackend()


def test_keeps_each_message_and_sends_nothing(settings):
    settings.DEMO = True
    settings.EMAIL_BACKEND = BACKEND
    sent = mail.send_mail(
        "Nouvelle demande de contact",
        "Bonjour,\nune personne souhaite être contactée.",
        None,
        ["equipe@incubateur.example", "direction@incubateur.example"],
    )
    assert sent == 1
    email = SentEmail.objects.get()
    assert email.subject == "Nouvelle demande de contact"
    assert email.body == "Bonjour,\nune personne souhaite être contactée."
    assert email.recipients == ["equipe@incubateur.example", "direction@incubateur.example"]
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    assert email.has_html is False


def test_records_cc_bcc_and_the_html_alternative(settings):
    settings.DEMO = True
    message = EmailMultiAlternatives(
        "Rappel",
        "Texte",
        "essaim@example.org",
        ["a@example.org"],
        cc=["b@example.org"],
        bcc=["c@example.org"],
    )
    message.attach_alternative("<p>Texte</p>", "text/html")
    message2 = EmailMultiAlternatives("Sans destinataire", "Rien", "essaim@example.org", [])
    assert DemoEmailBackend().send_messages([message, message2]) == 1
    email = SentEmail.objects.get()
    assert (email.recipients, email.from_email, email.has_html) == (
        ["a@example.org", "b@example.org", "c@example.org"],
        "essaim@example.org",
        True,
    )


def test_an_empty_batch_stores_nothing(settings):
    settings.DEMO = True
    assert DemoEmailBackend().send_messages([]) == 0
    assert SentEmail.objects.count() == 0


def test_demo_setting_makes_it_the_default_backend(monkeypatch):
    """settings.py picks it when DEMO=true and EMAIL_BACKEND is not set."""
    import importlib

    import essaim.settings as project_settings

    monkeypatch.setenv("DEMO", "true")
    monkeypatch.delenv("EMAIL_BACKEND", raising=False)
    try:
        assert importlib.reload(project_settings).EMAIL_BACKEND == BACKEND
        monkeypatch.setenv("DEMO", "false")
        assert (
            importlib.reload(project_settings).EMAIL_BACKEND
            == "django.core.mail.backends.console.EmailBackend"
        )
    finally:
        monkeypatch.delenv("DEMO", raising=False)
        importlib.reload(project_settings)
