"""Who is reminded, and when (reminders.due), and what sending one writes (reminder_send)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from essaim.accompaniment import reminders
from essaim.accompaniment.models import Mobilisation
from essaim.accompaniment.services import programme_settings_update, referral_propose


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
    return referral, mob


@pytest.mark.parametrize(
    ("age_days", "delay"), [(0, None), (9, None), (10, 10), (13, 10), (14, 14), (29, 14), (30, 30), (400, 30)]
)
def test_the_largest_delay_reached_is_due(age_days, delay):
    assert reminders.due_delay(age_days, [30, 10, 14]) == delay


def test_nothing_is_due_before_the_first_delay(pending):
    referral, mob = pending
    age(referral, 9)
    age(mob, 9)
    assert reminders.due() == []


def test_due_reminders_name_their_recipients(world, pending):
    referral, mob = pending
    age(referral, 10)
    age(mob, 15)
    due = reminders.due()
    assert [(r.kind, r.obj.pk, r.delay, r.age) for r in due] == [
        ("referral_consent", referral.pk, 10, 10),
        ("mobilisation", mob.pk, 14, 15),
    ]
    assert [r.recipients for r in due] == [[world.carrier], [world.expert]]


def test_the_programme_delays_apply(world, pending):
    referral, _mob = pending
    programme_settings_update(
        programme=world.programme_a,
        by=world.admin_a,
        target_hours_min=20,
        target_hours_max=120,
        max_hours_per_month=12,
        alert_after_days=42,
        reminder_delays=[3],
    )
    age(referral, 4)
    assert [(r.kind, r.delay) for r in reminders.due()] == [("referral_consent", 3)]
