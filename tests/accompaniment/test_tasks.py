from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from essaim.accompaniment.models import Mobilisation, ReminderLog
from essaim.accompaniment.services import programme_settings, referral_propose
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


def test_no_reminder_before_first_delay(pending):
    referral, mob = pending
    age(referral, 9)
    age(mob, 9)
    assert send_reminders.call() == 0
    assert mail.outbox == []


def test_each_delay_fires_once(pending):
    referral, mob = pending
    age(referral, 10)
    age(mob, 15)
    assert send_reminders.call() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["experte@example.org", "porteuse@example.org"]
    assert send_reminders.call() == 0
    age(referral, 31)
    assert send_reminders.call() == 1
    assert sorted(ReminderLog.objects.values_list("kind", "delay_days")) == [
        ("mobilisation", 14),
        ("referral_consent", 10),
        ("referral_consent", 30),
    ]


def test_programme_delays_are_configurable(world, pending):
    referral, _mob = pending
    settings = programme_settings(programme=world.programme_a)
    settings.reminder_delays = [3]
    settings.save()
    age(referral, 4)
    assert send_reminders.call() == 1
    assert "attend votre réponse depuis 4 jours" in mail.outbox[0].body


def test_task_is_enqueued(pending):
    result = send_reminders.enqueue()
    assert result.return_value == 0
