"""The flows of a subject, read from the database: consented referrals between programmes and
contact requests sent from the orientation, as counts per pair and per programme.

A referral counts once the carrier consented (proposed, accepted or refused by the receiving
programme; withdrawn ones are left out, as on the ecosystems' passerelles). Its answer time runs
from the carrier's consent to the receiving programme's decision, both read from the activity log
(the workflow kernel logs every move, `audit.Event`); a referral still proposed waits since its
consent. Nothing here is shown as is: `stats.py` and `graph.py` apply small-cell protection.

Three queries whatever the size: referrals (one row each), their consent and decision moves,
refusals by (programme, reason), plus one for the contact requests per recipient.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import Referral
from essaim.audit.models import Action, Event
from essaim.directory.index import plain_rows
from essaim.orientation.models import ContactRequest, Recipient

CONSENTED = (ReferralStatus.PROPOSED, ReferralStatus.ACCEPTED, ReferralStatus.REFUSED)
ANSWERED = (ReferralStatus.ACCEPTED, ReferralStatus.REFUSED)
UNANSWERED_DAYS = 14
REFERRAL_TYPE = Referral._meta.label_lower


@dataclass
class ProgrammeFlow:
    """One programme's referrals and contact requests (raw counts, before any protection)."""

    programme_id: int
    sent: int = 0
    received: int = 0
    accepted: int = 0
    refused: int = 0
    pending: int = 0
    overdue: int = 0  # proposed and unanswered for more than UNANSWERED_DAYS days
    contacts: int = 0  # contact requests addressed to it
    answer_days: list[float] = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)

    @property
    def answered(self) -> int:
        return self.accepted + self.refused

    @property
    def acceptance_rate(self) -> float | None:
        return self.accepted / self.answered if self.answered else None

    @property
    def refusal_rate(self) -> float | None:
        return self.refused / self.answered if self.answered else None

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.answer_days) if self.answer_days else None


@dataclass
class Flows:
    referrals: Counter  # (from programme id, to programme id) → consented referrals
    contacts: Counter  # (recipient, programme id or None) → contact requests
    programmes: dict[int, ProgrammeFlow]
    now: dt.datetime

    @property
    def referral_total(self) -> int:
        return sum(self.referrals.values())

    @property
    def contact_total(self) -> int:
        return sum(self.contacts.values())


def normalise_reason(text: str) -> str:
    """A refusal reason as grouped: its first line, spaces collapsed, final punctuation dropped."""
    first = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return " ".join(first.split()).rstrip(" .;!").strip()


def instant(value) -> dt.datetime:
    """A date-time column read raw (`plain_rows`): SQLite's driver gives the naive UTC value
    Django stored (or its text), PostgreSQL's an aware datetime. Django's converters (a regular expression
    and a time-zone step per value) were two thirds of a région's network at 20,000 referrals."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _moves(referrals) -> dict[int, dict[str, dt.datetime]]:
    """Per referral id, when it was consented to (`proposed`) and answered (accepted/refused)."""
    rows = Event.objects.filter(
        object_type=REFERRAL_TYPE,
        action=Action.TRANSITION,
        to_state__in=CONSENTED,
        object_id__in=referrals.values("pk"),
    ).values_list("object_id", "to_state", "at")
    moves: dict[int, dict[str, dt.datetime]] = defaultdict(dict)
    for object_id, state, at in plain_rows(rows.order_by()):
        at = instant(at)
        kept = moves[object_id].get(state)
        if kept is None or at < kept:
            moves[object_id][state] = at
    return moves


def read_flows(subject, *, now: dt.datetime | None = None) -> Flows:
    now = now or timezone.now()
    referrals = Referral.objects.filter(subject.referral_q(), status__in=CONSENTED)
    moves = _moves(referrals)
    pairs: Counter = Counter()
    programmes: dict[int, ProgrammeFlow] = {}

    def flow(pk: int) -> ProgrammeFlow:
        if pk not in programmes:
            programmes[pk] = ProgrammeFlow(pk)
        return programmes[pk]

    rows = referrals.values_list("pk", "from_programme_id", "to_programme_id", "status", "created_at")
    overdue_before = now - dt.timedelta(days=UNANSWERED_DAYS)
    for pk, source, target, status, created_at in plain_rows(rows.order_by()):
        created_at = instant(created_at)
        pairs[(source, target)] += 1
        flow(source).sent += 1
        receiver = flow(target)
        receiver.received += 1
        consented_at = moves.get(pk, {}).get(ReferralStatus.PROPOSED, created_at)
        if status == ReferralStatus.PROPOSED:
            receiver.pending += 1
            receiver.overdue += consented_at < overdue_before
            continue
        if status == ReferralStatus.ACCEPTED:
            receiver.accepted += 1
        else:
            receiver.refused += 1
        answered_at = moves.get(pk, {}).get(status)
        if answered_at is not None and answered_at >= consented_at:
            receiver.answer_days.append((answered_at - consented_at).total_seconds() / 86400)
    refusals = (
        referrals.filter(status=ReferralStatus.REFUSED)
        .values_list("to_programme_id", "decision_reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for target, reason, n in refusals:
        flow(target).reasons[normalise_reason(reason)] += n
    contacts: Counter = Counter()
    grouped = (
        ContactRequest.objects.filter(subject.contact_q())
        .values_list("recipient", "programme_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for recipient, programme_id, n in grouped:
        contacts[(recipient, programme_id)] += n
        if recipient == Recipient.PROGRAMME:
            flow(programme_id).contacts += n
    return Flows(pairs, contacts, programmes, now)
