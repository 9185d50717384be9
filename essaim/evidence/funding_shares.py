"""A funder's or a local authority's share of each programme's budget, and its leverage (issue 11
§3; definitions in docs/budgets.md).

- **Whose lines**: a budget line has a source (`BudgetSource`), not a named funder. A local
  authority's lines are those of the source of its level (`LEVEL_SOURCES`: a région's viewer →
  "Subvention de la région", a département's → "Subvention du département", an EPCI's, a
  commune's; France → the State's). A territory report is read with the sources of the reader's
  own local-authority territories (a région's viewer reading one of its départements still sees
  the Région's share, as on the conductor's page); a platform admin, with the territory's own
  level. A funder report: the source of the funder's kind (`FUNDER_SOURCES`: a Région funder →
  the région source, a foundation → foundations, a company → companies); a bank, Bpifrance, a
  financing network or citizens have no budget source: no share is shown.
- **Which programmes**: those the report covers — the programmes with projects in the report's
  scope and period (for a territory: projects located in it; for a funder: projects it financed).
  A programme's région source is attributed to the reader's région: exact for a programme
  working within it, an approximation for one whose zone spreads over several régions (its
  région lines may come from another Région); the page says so.
- **Share** = the source's lines ÷ all the programme's lines, over the years of the period that
  have lines (years with only a bare total are left out of both); **leverage** = the programme's
  total ÷ the source's lines: each euro of the authority's comes with so many euros of budget in
  all (none when the authority gives nothing).
- **Cost per enterprise** = the programme's budget over the period ÷ the enterprises its projects
  created (all its projects, not only the scope's): hidden ("< 5") outside the programme when
  fewer than 5 enterprises were created (decision 0018), since the budget shown beside it would
  give the count away; shares and leverage are amounts of money and are not suppressed.

Three queries whatever the number of programmes and years.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from essaim.accounts.models import TerritoryScope
from essaim.accounts.rules import is_platform_admin
from essaim.accounts.selectors import staff_organisation_ids
from essaim.core.french import format_amount, format_number, format_percent
from essaim.directory.models import Programme
from essaim.evidence import figures as fig
from essaim.evidence.enums import BudgetSource
from essaim.evidence.models import ProgrammeBudgetLine, ProjectFact
from essaim.evidence.privacy import Suppressed, suppress
from essaim.financing.enums import FunderKind
from essaim.territories.models import Level

LEVEL_SOURCES = {
    Level.NATIONAL: BudgetSource.STATE,
    Level.REGION: BudgetSource.REGION,
    Level.DEPARTEMENT: BudgetSource.DEPARTEMENT,
    Level.EPCI: BudgetSource.EPCI,
    Level.COMMUNE: BudgetSource.COMMUNE,
}
FUNDER_SOURCES = {
    FunderKind.STATE: BudgetSource.STATE,
    FunderKind.REGION: BudgetSource.REGION,
    FunderKind.DEPARTEMENT: BudgetSource.DEPARTEMENT,
    FunderKind.EPCI: BudgetSource.EPCI,
    FunderKind.COMMUNE: BudgetSource.COMMUNE,
    FunderKind.FOUNDATION: BudgetSource.FOUNDATIONS,
    FunderKind.COMPANY: BudgetSource.COMPANIES,
}


def as_text(value, kind: str) -> str:
    """What the page shows: "—" when unknown, "< 5" when hidden, else euros, a share or a ratio."""
    if value is None:
        return "—"
    if isinstance(value, Suppressed):
        return str(value)
    if kind == "share":
        return format_percent(float(value) * 100)
    if kind == "amount":
        return format_amount(value, decimals=0)
    return format_number(value, 2)


def _texts(figures) -> dict:
    return {
        "total": as_text(figures.total, "amount"),
        "contribution": as_text(figures.contribution, "amount"),
        "share": as_text(figures.share, "share"),
        "leverage": as_text(figures.leverage, "ratio"),
    }


@dataclass
class ProgrammeShare:
    pk: int
    name: str
    slug: str
    years: list[int]
    total: Decimal | None  # the programme's lines over those years (None: no line in the period)
    contribution: Decimal | None  # the reader's source(s) among them
    cost_per_enterprise: object = None

    @property
    def share(self) -> float | None:
        return fig_share(self.contribution, self.total)

    @property
    def leverage(self) -> float | None:
        return fig_leverage(self.total, self.contribution)

    @property
    def texts(self) -> dict:
        return {**_texts(self), "cost_per_enterprise": as_text(self.cost_per_enterprise, "amount")}

    @property
    def years_label(self) -> str:
        if not self.years:
            return ""
        first, last = min(self.years), max(self.years)
        return str(first) if first == last else f"{first}–{last}"


@dataclass
class BudgetShares:
    sources: list[BudgetSource]
    rows: list[ProgrammeShare] = field(default_factory=list)

    @property
    def source_labels(self) -> str:
        return ", ".join(str(source.label) for source in self.sources)

    @property
    def total(self) -> Decimal:
        return sum((r.total for r in self.rows if r.total is not None), Decimal(0))

    @property
    def contribution(self) -> Decimal:
        return sum((r.contribution for r in self.rows if r.contribution is not None), Decimal(0))

    @property
    def share(self) -> float | None:
        return fig_share(self.contribution, self.total)

    @property
    def leverage(self) -> float | None:
        return fig_leverage(self.total, self.contribution)

    @property
    def texts(self) -> dict:
        return _texts(self)

    @property
    def without_lines(self) -> int:
        return sum(1 for r in self.rows if r.total is None)


def fig_share(part: Decimal | None, total: Decimal | None) -> float | None:
    """part ÷ total, rounded to 3 decimals; None without a positive total."""
    if part is None or not total or total <= 0:
        return None
    return round(float(part / total), 3)


def fig_leverage(total: Decimal | None, part: Decimal | None) -> float | None:
    """total ÷ part: the euros of budget that come with each euro of the part; None without one."""
    if total is None or not part or part <= 0:
        return None
    return round(float(total / part), 2)


def authority_sources(user, level: str = "") -> list[BudgetSource]:
    """The budget sources of the reader's own local-authority territories; without any, the
    source of `level` (a platform admin reading a territory)."""
    levels = []
    if user.is_authenticated:
        levels = list(
            user.territory_scopes.filter(kind=TerritoryScope.Kind.LOCAL_AUTHORITY).values_list(
                "level", flat=True
            )
        )
    if not levels and level and is_platform_admin(user):
        levels = [level]
    found = {LEVEL_SOURCES[lvl] for lvl in levels if lvl in LEVEL_SOURCES}
    return [source for source in BudgetSource if source in found]


def sources_for(scope, user) -> list[BudgetSource]:
    """Whose lines a report's reader sees the share of (see the module)."""
    if scope.kind == "funder":
        source = FUNDER_SOURCES.get(scope.funder.kind)
        return [source] if source else []
    if scope.kind == "territory":
        return authority_sources(user, scope.level)
    return []


def programme_shares(
    programme_ids, sources: list[BudgetSource], *, years: tuple[int | None, int | None] = (None, None), own=()
) -> list[ProgrammeShare]:
    """Per programme of `programme_ids` (a list or a subquery): its lines over `years`, the part
    of `sources`, its cost per created enterprise (hidden under 5 outside `own`). By name."""
    start, end = years
    lines = ProgrammeBudgetLine.objects.filter(budget__programme_id__in=programme_ids)
    if start:
        lines = lines.filter(budget__year__gte=start)
    if end:
        lines = lines.filter(budget__year__lte=end)
    totals: dict[int, Decimal] = defaultdict(Decimal)
    parts: dict[int, Decimal] = defaultdict(Decimal)
    years_of: dict[int, set] = defaultdict(set)
    for programme_id, year, source, amount in lines.values_list(
        "budget__programme_id", "budget__year", "source", "amount"
    ):
        totals[programme_id] += amount
        years_of[programme_id].add(year)
        if source in sources:
            parts[programme_id] += amount
    created = dict(
        ProjectFact.objects.filter(programme_id__in=programme_ids, created_on__isnull=False)
        .values_list("programme_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = []
    for pk, name, slug in Programme.objects.filter(pk__in=programme_ids).values_list("pk", "name", "slug"):
        total = totals.get(pk)
        n = created.get(pk, 0)
        cost = fig.cost_per_enterprise(total, n)
        rows.append(
            ProgrammeShare(
                pk=pk,
                name=name,
                slug=slug,
                years=sorted(years_of.get(pk, ())),
                total=total,
                contribution=None if total is None else parts.get(pk, Decimal(0)),
                cost_per_enterprise=None if cost is None else suppress(cost, n, inside=pk in own),
            )
        )
    rows.sort(key=lambda r: (r.name.casefold(), r.pk))
    return rows


def budget_shares(scope, period, user) -> BudgetShares | None:
    """The reader's share of the budget of each programme a territory or funder report covers;
    None for another report, or a reader with no budget source."""
    sources = sources_for(scope, user)
    if not sources:
        return None
    own = own_programmes(user)
    programmes = (
        ProjectFact.objects.filter(scope.q(), period.q()).values("programme_id").distinct().order_by()
    )
    rows = programme_shares(programmes, sources, years=(period.start, period.end), own=own)
    return BudgetShares(sources=sources, rows=rows)


def with_budget_shares(report, user, *, outside: bool):
    """An evidence `Report` with the reader's `budget_shares` (outside a programme only)."""
    report.budget_shares = budget_shares(report.scope, report.period, user) if outside else None
    return report


def own_programmes(user) -> set[int]:
    """The programmes whose figures the reader sees in full (their organisations')."""
    organisations = staff_organisation_ids(user) if user.is_authenticated else []
    if not organisations:
        return set()
    return set(Programme.objects.filter(organisation_id__in=organisations).values_list("pk", flat=True))
