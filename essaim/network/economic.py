"""The programmes' economic models on the conductor's dashboard (issue 11 §3 and §4): the
`conductor.ECONOMIC_MODELS` hook.

For each programme of the subject (with projects in the territory, or a member of the ecosystem)
that has budget lines: its latest year with lines, the study's shares of that year
(`evidence.budgets`), its diversification index, its trend from its first year to its latest,
and the authority's own funding share of that year with its leverage
(`evidence.funding_shares`: a local authority's lines are those of its level's source — a
région's viewer, "Subvention de la région"; for an ecosystem, the sources of its leader's
funders). Programmes with projects but no lines are counted, not listed. Amounts of money, not
counts of people or enterprises: nothing is suppressed (decision 0018 is about counts).

Four queries whatever the number of programmes and years.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from essaim.directory.models import Programme
from essaim.evidence.budgets import BudgetYear, Trend, budget_year, trend
from essaim.evidence.enums import BudgetGroup, BudgetSource
from essaim.evidence.funding_shares import FUNDER_SOURCES, as_text, authority_sources, fig_leverage, fig_share
from essaim.evidence.models import ProgrammeBudgetLine, ProjectFact
from essaim.financing.models import Funder

TEMPLATE = "network/_economic_models.html"


@dataclass
class ProgrammeModel:
    name: str
    slug: str
    latest: BudgetYear
    trend: Trend | None
    contribution: Decimal  # the authority's sources in the latest year

    @property
    def share(self) -> float | None:
        return fig_share(self.contribution, self.latest.total)

    @property
    def leverage(self) -> float | None:
        return fig_leverage(self.latest.total, self.contribution)

    @property
    def texts(self) -> dict:
        return {
            "total": as_text(self.latest.total, "amount"),
            "shares": [
                as_text(self.latest.shares.get(g) if self.latest.shares else None, "share")
                for g in BudgetGroup
            ],
            "diversification": as_text(self.latest.diversification, "ratio"),
            "share": as_text(self.share, "share"),
            "leverage": as_text(self.leverage, "ratio"),
        }

    def as_dict(self) -> dict:
        t = self.trend
        return {
            "programme": self.slug,
            "year": self.latest.year,
            "total": self.latest.total,
            "shares": {g.value: round(s, 4) for g, s in self.latest.shares.items()},
            "diversification": None
            if self.latest.diversification is None
            else round(self.latest.diversification, 4),
            "trend": None
            if t is None
            else {
                "first": t.first,
                "last": t.last,
                "subsidies_points": t.subsidies_points,
                "earned_points": t.earned_points,
            },
            "authority_share": self.share,
            "authority_leverage": self.leverage,
        }


@dataclass
class EconomicModels:
    sources: list[BudgetSource]
    rows: list[ProgrammeModel] = field(default_factory=list)
    without_lines: int = 0
    template: str = TEMPLATE

    @property
    def groups(self) -> list[str]:
        return [str(label) for label in BudgetGroup.labels]

    @property
    def source_labels(self) -> str:
        return ", ".join(str(source.label) for source in self.sources)

    def as_dict(self) -> dict:
        return {
            "sources": [s.value for s in self.sources],
            "programmes": [row.as_dict() for row in self.rows],
            "without_lines": self.without_lines,
        }


def subject_sources(subject, user) -> list[BudgetSource]:
    """The authority's budget sources: the reader's local-authority levels for a territory (the
    territory's own level for a platform admin); the kinds of the leader's funders for an
    ecosystem."""
    if subject.kind == "ecosystem":
        kinds = Funder.objects.filter(organisation_id=subject.ecosystem.leader_id).values_list(
            "kind", flat=True
        )
        found = {FUNDER_SOURCES[kind] for kind in kinds if kind in FUNDER_SOURCES}
        return [source for source in BudgetSource if source in found]
    return authority_sources(user, subject.level)


def economic_models(subject, user) -> EconomicModels:
    """The `conductor.ECONOMIC_MODELS` hook (see the module)."""
    sources = subject_sources(subject, user)
    if subject.kind == "ecosystem":
        programme_ids = list(subject.members)
    else:
        programme_ids = list(
            ProjectFact.objects.filter(subject.fact_q())
            .values_list("programme_id", flat=True)
            .distinct()
            .order_by()
        )
    by_programme: dict[int, dict[int, dict]] = {}
    for programme_id, year, source, amount in ProgrammeBudgetLine.objects.filter(
        budget__programme_id__in=programme_ids
    ).values_list("budget__programme_id", "budget__year", "source", "amount"):
        by_programme.setdefault(programme_id, {}).setdefault(year, {})[source] = amount
    rows = []
    names = Programme.objects.filter(pk__in=list(by_programme)).values_list("pk", "name", "slug")
    for pk, name, slug in names:
        years = [budget_year(year, lines) for year, lines in by_programme[pk].items()]
        latest = max(years, key=lambda y: y.year)
        contribution = sum((a for s, a in latest.lines.items() if s in sources), Decimal(0))
        rows.append(ProgrammeModel(name, slug, latest, trend(years), contribution))
    rows.sort(key=lambda r: (r.name.casefold(), r.slug))
    return EconomicModels(
        sources=sources, rows=rows, without_lines=len(set(programme_ids) - set(by_programme))
    )
