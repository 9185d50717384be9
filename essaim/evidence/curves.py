"""Survival curves of a scope (Kaplan–Meier, months since creation), overall or by breakdown,
with the protection of small groups for readers outside the programme (`evidence.privacy`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext_lazy

from essaim.evidence import nesting, privacy
from essaim.evidence.blocks import curve_horizons, outside_period
from essaim.evidence.breakdowns import check_by, fact_group, label_for
from essaim.evidence.models import ProjectFact
from essaim.evidence.scopes import Period, Scope
from essaim.evidence.survival import SurvivalPoint, kaplan_meier_from_counts, survival_at
from essaim.territories.selectors import names_for

# The study's reference points: share of enterprises still active five years after creation.
REFERENCE_MONTHS = 60
REFERENCES = [
    (Decimal("0.46"), gettext_lazy("Ensemble des entreprises nouvelles")),
    (Decimal("0.70"), gettext_lazy("Entreprises accompagnées")),
]
REFERENCE_SHORT = [
    (Decimal("0.46"), gettext_lazy("toutes (étude)")),
    (Decimal("0.70"), gettext_lazy("accompagnées (étude)")),
]
REFERENCE_SOURCE = gettext_lazy(
    "Étude « Favoriser la création d'entreprises sociales » (CHORUM / CIDES, ODYSSEM) : "
    "taux de pérennité à 5 ans cités par l'étude."
)


@dataclass
class Curve:
    label: str
    n: int | privacy.Suppressed
    points: list[SurvivalPoint] = field(default_factory=list)
    suppressed: bool = False

    @property
    def five_year(self) -> SurvivalPoint | None:
        return survival_at(self.points, REFERENCE_MONTHS) if self.points else None


def survival_curves(scope: Scope, period: Period, *, inside: bool, by: str | None = None) -> list[Curve]:
    """Kaplan–Meier curves, overall or by breakdown. One query; outside the programme, a period
    is widened to blocks of cohorts (a few more queries, only when a period is asked), and a
    territory's curves are cut where the breakdown of a territory above it hides them."""
    check_by(by)
    if inside:
        return curves_for(scope, period, inside=inside, by=by, blocks=[])
    period, blocks = outside_period(scope, period, by=by)
    found = curves_for(scope, period, inside=inside, by=by, blocks=blocks)
    return nesting.curves(found, nesting.withheld(scope, period))


def curves_for(scope: Scope, period: Period, *, inside: bool, by: str | None, blocks: list) -> list[Curve]:
    """The curves for a period already widened (`blocks` are its scope's, when it was)."""
    group = fact_group(scope, by)
    columns = ["survival_months", "ceased"] + ([group] if group else [])
    rows = (
        ProjectFact.objects.filter(scope.q(), period.q(), created_on__isnull=False)
        .values(*columns)
        .annotate(n=Count("pk"))
        .order_by()
    )
    grouped: dict[object, list] = defaultdict(list)
    for row in rows:
        deaths, censored = (row["n"], 0) if row["ceased"] else (0, row["n"])
        grouped[row[group] if group else ""].append((row["survival_months"], deaths, censored))
    places = {}
    if by == "territory":
        places = {code: name for (_level, code), name in names_for((group, k) for k in grouped if k).items()}
    keys = sorted(grouped, key=str)
    labels = [places.get(key) or label_for(by, key) for key in keys]
    sizes = [sum(d + c for _t, d, c in grouped[key]) for key in keys]
    if inside:
        counts = [grouped[key] for key in keys]
        return [
            Curve(label=lb, n=n, points=kaplan_meier_from_counts(c))
            for lb, n, c in zip(labels, sizes, counts, strict=True)
        ]
    horizons = curve_horizons(scope, blocks, group=group) if blocks and (period.start or period.end) else {}
    return _outside(keys, labels, sizes, grouped, horizons, breakdown=bool(by))


def _outside(keys, labels, sizes, grouped, horizons: dict, *, breakdown: bool) -> list[Curve]:
    """Curves for readers outside the programme: small groups hidden (with complements in a
    breakdown), thin tails cut, periods cut at their horizon."""
    if breakdown:
        if privacy.table_is_recomputable(sizes):
            return []
        hidden, masked = privacy.protect(sizes)
    else:
        hidden, masked = {i for i, n in enumerate(sizes) if n < privacy.MIN_PROJECTS}, False
    # The curves hidden entirely are needed only to protect the tails (fewer than two hidden).
    tails = breakdown and len(hidden) < 2
    full = [
        kaplan_meier_from_counts(grouped[key]) if tails or i not in hidden else []
        for i, key in enumerate(keys)
    ]
    cut = {i: horizons.get(key, float("inf")) for i, key in enumerate(keys)}
    stops = privacy.protect_tails(full, hidden, horizons=cut) if tails else {}
    curves = []
    for i, label in enumerate(labels):
        if i in hidden:
            curves.append(Curve(label=label, n=privacy.MASKED if masked else privacy.SMALL, suppressed=True))
            continue
        stop = stops.get(i, float("inf"))
        points = [p for p in full[i] if p.at_risk >= privacy.MIN_PROJECTS and p.t < stop and p.t <= cut[i]]
        curves.append(Curve(label=label, n=sizes[i], points=points))
    return curves
