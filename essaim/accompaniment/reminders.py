"""Who is reminded, and when: the reminder rules of accompaniment (the task only runs them).

A carrier who has not answered a referral, and an expert who has not answered a request, are
reminded once per configured delay (the programme's `reminder_delays`, 10, 14 and 30 days by
default): on a given day, the largest delay already reached is due, unless it was sent.
Nothing is due on the first day.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from essaim.accompaniment.enums import MobilisationStatus, ReferralStatus
from essaim.accompaniment.models import Mobilisation, ProgrammeSettings, Referral, ReminderLog
from essaim.accompaniment.selectors import DEFAULT_REMINDER_DELAYS
from essaim.notifications.urls import site_url

REFERRAL_CONSENT = "referral_consent"
MOBILISATION = "mobilisation"


@dataclass
class Reminder:
    kind: str
    obj: Referral | Mobilisation
    delay: int
    age: int
    notification: str
    recipients: list = field(default_factory=list)
    context: dict = field(default_factory=dict)


def due_delay(age_days: int, delays: list[int]) -> int | None:
    """The largest configured delay already reached, or None."""
    reached = [d for d in sorted(delays) if d <= age_days]
    return reached[-1] if reached else None


class _Delays:
    """Each programme's delays, read once."""

    def __init__(self):
        self.cache: dict[int, list[int]] = {}

    def __call__(self, programme_id: int) -> list[int]:
        if programme_id not in self.cache:
            found = ProgrammeSettings.objects.filter(programme_id=programme_id).first()
            delays = found.reminder_delays if found and found.reminder_delays else DEFAULT_REMINDER_DELAYS
            self.cache[programme_id] = sorted(delays)
        return self.cache[programme_id]


def _age(created_at, today: date) -> int:
    return (today - timezone.localtime(created_at).date()).days


def due(today: date | None = None) -> list[Reminder]:
    """The reminders to send today, not sent yet, oldest items first."""
    today = today or timezone.localdate()
    horizon = timezone.now() - timedelta(days=1)
    delays = _Delays()
    found = []
    referrals = Referral.objects.filter(
        status=ReferralStatus.AWAITING_CONSENT, created_at__lte=horizon
    ).select_related("project", "to_programme")
    for referral in referrals.order_by("created_at", "pk"):
        age = _age(referral.created_at, today)
        delay = due_delay(age, delays(referral.from_programme_id))
        if delay is not None:
            context = {"referral": referral, "days": age, "url": site_url("workspace:referral", referral.pk)}
            found.append(
                Reminder(
                    REFERRAL_CONSENT, referral, delay, age, "accompaniment/reminder_referral", [], context
                )
            )
    mobilisations = Mobilisation.objects.filter(
        status=MobilisationStatus.REQUESTED, created_at__lte=horizon
    ).select_related("project", "expert__user")
    for mob in mobilisations.order_by("created_at", "pk"):
        age = _age(mob.created_at, today)
        delay = due_delay(age, delays(mob.project.programme_id))
        if delay is not None:
            context = {"mobilisation": mob, "days": age, "url": site_url("workspace:expert_requests")}
            found.append(
                Reminder(MOBILISATION, mob, delay, age, "accompaniment/reminder_mobilisation", [], context)
            )
    sent = set(
        ReminderLog.objects.filter(object_id__in=[r.obj.pk for r in found]).values_list(
            "kind", "object_id", "delay_days"
        )
    )
    due_now = [r for r in found if (r.kind, r.obj.pk, r.delay) not in sent]
    for reminder in due_now:
        if reminder.kind == REFERRAL_CONSENT:
            reminder.recipients = list(reminder.obj.project.carriers.all())
        else:
            reminder.recipients = [reminder.obj.expert.user]
    return due_now
