"""The flows of a subject, read from the database: consented referrals between programmes and
contact requests sent from the orientation, as counts per pair and per programme.

A referral counts once the carrier consented (proposed, accepted or refused by the receiving
programme; withdrawn ones are left out, as on the ecosystems' passerelles). Its answer time runs
from the carrier's consent to the receiving programme's decision, both set on the referral by the
workflow's moves (`Referral.consented_at`, `decided_at`; the activity log holds the same moves
with who made them); a referral still proposed waits since its consent. Nothing here is shown as
is: `stats.py` and `graph.py` apply small-cell protection.

Three queries whatever the size: referrals (one row each, date-times as plain numbers of days),
refusals by (programme, reason), and the contact requests per recipient.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, FloatField, Func
from django.utils import timezone

from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import Referral
from essaim.directory.index import plain_rows
from essaim.orientation.models import ContactRequest, Recipient

CONSENTED = (ReferralStatus.PROPOSED, ReferralStatus.ACCEPTED, ReferralStatus.REFUSED)
UNANSWERED_DAYS = 14


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


class EpochDays(Func):
    """A date-time column as days since 1970-01-01 UTC (a float), on SQLite and PostgreSQL: the
    rows come back as plain numbers, without the driver's and Django's date-time conversions
    (at 20,000 referrals they were a third of a région's network)."""

    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(julianday(%(expressions)s) - 2440587.5)", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        template = "CAST(EXTRACT(EPOCH FROM %(expressions)s) / 86400.0 AS double precision)"
        return self.as_sql(compiler, connection, template=template, **extra)


def read_flows(subject, *, now: dt.datetime | None = None) -> Flows:
    now = now or timezone.now()
    referrals = Referral.objects.filter(subject.referral_q(), status__in=CONSENTED)
    pairs: Counter = Counter()
    programmes: dict[int, ProgrammeFlow] = {}

    def flow(pk: int) -> ProgrammeFlow:
        if pk not in programmes:
            programmes[pk] = ProgrammeFlow(pk)
        return programmes[pk]

    rows = referrals.annotate(
        created=EpochDays("created_at"),
        consented=EpochDays("consented_at"),
        answered=EpochDays("decided_at"),
    ).values_list("from_programme_id", "to_programme_id", "status", "created", "consented", "answered")
    overdue_before = now.timestamp() / 86400 - UNANSWERED_DAYS
    for source, target, status, created, consented, answered in plain_rows(rows.order_by()):
        pairs[(source, target)] += 1
        flow(source).sent += 1
        receiver = flow(target)
        receiver.received += 1
        consented = created if consented is None else consented
        if status == ReferralStatus.PROPOSED:
            receiver.pending += 1
            receiver.overdue += consented < overdue_before
            continue
        if status == ReferralStatus.ACCEPTED:
            receiver.accepted += 1
        else:
            receiver.refused += 1
        if answered is not None and answered >= consented:
            # to the second: the float days of two date-times differ from their exact difference
            receiver.answer_days.append(round((answered - consented) * 86400) / 86400)
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
