from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from essaim.accompaniment.models import Mobilisation, ReminderLog
from essaim.accompaniment.selectors import programme_settings
from essaim.accompaniment.services import referral_propose
from essaim.accompaniment.tasks import send_reminders


def age(obj, days):
    type(obj).objects.filter(pk=obj.pk).update(created_at=timezone.now() - timedelta(days=days))


@pytest.fixture
def pending(world):
    referral = referral_propose(
        project=world.project_a, to_programme=world.programme_b, by=world.member_a, message="Pépinière"
    )
    mob = Mobilisation.objects.create(
        project=world.project_a, expert=world.expert.expert_profile, domain="legal", message="Statuts"
    )
    mail.outbox.clear()
    return referral, mob


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the task as the worker does: outside a transaction, so its e-mails leave at once."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return send_reminders.call()

    return run


def test_no_reminder_before_first_delay(pending, send):
    referral, mob = pending
    age(referral, 9)
    age(mob, 9)
    assert send() == 0
    assert mail.outbox == []


def test_each_delay_fires_once(pending, send):
    referral, mob = pending
    age(referral, 10)
    age(mob, 15)
    assert send() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["experte@example.org", "porteuse@example.org"]
    assert send() == 0
    age(referral, 31)
    assert send() == 1
    assert sorted(ReminderLog.objects.values_list("kind", "delay_days")) == [
        ("mobilisation", 14),
        ("referral_consent", 10),
        ("referral_consent", 30),
    ]
    assert len(mail.outbox) == 3


@override_settings(SITE_URL="https://essaim.example.org")
def test_programme_delays_are_configurable(world, pending, send):
    referral, _mob = pending
    settings = programme_settings(world.programme_a)
    settings.reminder_delays = [3]
    settings.save()
    age(referral, 4)
    assert send() == 1
    assert "attend votre réponse depuis 4 jours" in mail.outbox[0].body
    assert mail.outbox[0].body == (
        "Bonjour,\n\nUne proposition d'orientation vers Pépinière B attend votre réponse depuis 4 jours : "
        f"https://essaim.example.org/espace/passerelles/{referral.pk}/\n\nL'équipe Essaim\n"
    )


def test_task_is_enqueued(pending):
    result = send_reminders.enqueue()
    assert result.return_value == 0
