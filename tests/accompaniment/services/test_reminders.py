from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from essaim.accompaniment import reminders
from essaim.accompaniment.models import ReminderLog
from essaim.accompaniment.services import referral_propose, reminder_send
from essaim.audit.models import Event
from essaim.core.actors import TASKS


@pytest.fixture
def referral(world):
    referral = referral_propose(
        project=world.project_a, to_programme=world.programme_b, by=world.member_a, message="Pépinière"
    )
    type(referral).objects.filter(pk=referral.pk).update(created_at=timezone.now() - timedelta(days=10))
    return referral


def test_a_sent_reminder_is_not_due_again(world, referral, django_capture_on_commit_callbacks):
    (reminder,) = reminders.due()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminder_send(reminder=reminder, by=TASKS) == 1
    assert reminders.due() == []
    assert list(ReminderLog.objects.values_list("kind", "object_id", "delay_days")) == [
        ("referral_consent", referral.pk, 10)
    ]
    assert mail.outbox[-1].subject == "Rappel : votre accord est attendu pour « Épicerie du Faubourg »"
    event = Event.objects.get(object_type="accompaniment.reminderlog")
    assert (event.actor, event.actor_label, event.programme_id) == (
        None,
        "tâches planifiées",
        world.programme_a.pk,
    )
    assert event.sentence == (
        "tâches planifiées a créé « Relance à 10 jours : accord du porteur attendu sur une passerelle » "
        "(relance envoyée)."
    )


def test_a_reminder_sent_meanwhile_is_refused_whole(world, referral):
    (reminder,) = reminders.due()
    ReminderLog.objects.create(kind=reminder.kind, object_id=referral.pk, delay_days=reminder.delay)
    with pytest.raises(IntegrityError):
        reminder_send(reminder=reminder, by=TASKS)
    assert not Event.objects.filter(object_type="accompaniment.reminderlog").exists()
