"""Survival from registry dates, with the Kaplan–Meier estimator of essaim/evidence/survival.py.

An establishment lives from its creation (`dateCreationEtablissement`, or the API's
`date_creation`) to the start of its first closed period (the event), or is observed until the
date its source speaks for (censored). Durations are whole months, as for declared survival
(`evidence.facts.months_between`).

- `baseline`: every establishment created in a territory (commune or département) in a span of
  years — the study's "46 %" made local;
- `followed`: the establishments of followed enterprises, beside their declared survival.

Curves shown outside the programme keep the small-cell rule of essaim/evidence/privacy.py: a
group under five is hidden, and the tail of a curve stops where fewer than five remain at risk.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count

from essaim.evidence import privacy
from essaim.evidence.facts import months_between
from essaim.evidence.models import ProjectFact
from essaim.evidence.survival import SurvivalPoint, kaplan_meier_from_counts, survival_at
from essaim.registry.models import Establishment

LEVELS = ("commune", "departement")
FIVE_YEARS = 60


@dataclass
class RegistryCurve:
    n: int | privacy.Suppressed
    points: list[SurvivalPoint] = field(default_factory=list)
    as_of: dt.date | None = None

    @property
    def suppressed(self) -> bool:
        return privacy.is_suppressed(self.n)

    @property
    def five_year(self) -> SurvivalPoint | None:
        return survival_at(self.points, FIVE_YEARS) if self.points else None


def durations(rows: Iterable[tuple[dt.date, dt.date | None, dt.date]]) -> Counter:
    """(months, ceased) → count, from (created_on, closed_on, as_of) rows.

    A closure after the source's date cannot be known yet: such rows are censored at as_of.
    The same rule as `Establishment.observe`, which stores each row's months for `baseline`.
    """
    counts: Counter = Counter()
    for created, closed, as_of in rows:
        if closed is not None and closed <= as_of:
            counts[(months_between(created, closed), True)] += 1
        else:
            counts[(months_between(created, as_of), False)] += 1
    return counts


def curve_of(counts: Counter, *, as_of: dt.date | None = None, inside: bool = False) -> RegistryCurve:
    n = sum(counts.values())
    if not inside and n < privacy.MIN_PROJECTS:
        return RegistryCurve(n=privacy.SMALL, as_of=as_of)
    rows = [(t, k if ceased else 0, 0 if ceased else k) for (t, ceased), k in counts.items()]
    points = kaplan_meier_from_counts(rows)
    if not inside:
        points = [p for p in points if p.at_risk >= privacy.MIN_PROJECTS]
    return RegistryCurve(n=n, points=points, as_of=as_of)


def baseline(*, level: str, code: str, start_year: int, end_year: int) -> RegistryCurve:
    """The survival of every establishment created in the territory in [start_year, end_year]."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    # Counted in SQL over the covering index (territory, created_on, months, ceased, as_of).
    rows = (
        Establishment.objects.filter(
            **{level: code},
            created_on__gte=dt.date(start_year, 1, 1),
            created_on__lt=dt.date(end_year + 1, 1, 1),
            months__isnull=False,
        )
        .values_list("months", "ceased", "as_of")
        .annotate(n=Count("*"))
        .order_by()
    )
    counts: Counter = Counter()
    as_of = None
    for months, ceased, day, n in rows:
        counts[(months, ceased)] += n
        as_of = day if as_of is None else max(as_of, day)
    return curve_of(counts, as_of=as_of)


def followed(enterprises, *, inside: bool) -> RegistryCurve:
    """The registry survival of these enterprises' establishments (a queryset of Enterprise)."""
    sirets = enterprises.exclude(siret=None).values("siret")
    rows = list(
        Establishment.objects.filter(siret__in=sirets)
        .exclude(created_on=None)
        .values_list("created_on", "closed_on", "as_of")
    )
    return curve_of(durations(rows), as_of=max((r[2] for r in rows), default=None), inside=inside)


def declared(enterprises, *, inside: bool) -> RegistryCurve:
    """The declared survival (check-ins, `evidence.ProjectFact`) of the same enterprises."""
    facts = ProjectFact.objects.filter(project__enterprise__in=enterprises, created_on__isnull=False)
    counts: Counter = Counter()
    for months, ceased in facts.values_list("survival_months", "ceased"):
        counts[(months, ceased)] += 1
    return curve_of(counts, inside=inside)


MILESTONES = (12, 24, 36, 48, 60)


def milestones(curve: RegistryCurve) -> list[float | None]:
    """The share still active (in %) at one, two, three, four and five years; None where the
    curve stops before (or is hidden)."""
    steps = [survival_at(curve.points, months) if curve.points else None for months in MILESTONES]
    return [round(step.estimate * 100, 1) if step is not None else None for step in steps]


def followed_in(enterprises, *, level: str, code: str, start_year: int, end_year: int):
    """The enterprises whose establishment the registry places in this territory and years."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    sirets = Establishment.objects.filter(
        **{level: code},
        created_on__gte=dt.date(start_year, 1, 1),
        created_on__lt=dt.date(end_year + 1, 1, 1),
    ).values("siret")
    return enterprises.filter(siret__in=sirets)
