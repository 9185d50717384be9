"""Evidence by scope: the figures of a report, aggregated in SQL on the facts tables, and the
outcomes of one project.

Who may open which scope is `evidence.scopes`; the survival curves and the funnel are
`evidence.curves` and `evidence.funnels`; small groups are protected outside the programme by
`evidence.privacy` (with `evidence.blocks` for periods). Everything a caller needs is
importable from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Min, Q, Sum
from django.http import Http404

from essaim.directory.models import Programme
from essaim.evidence import figures as fig
from essaim.evidence import nesting
from essaim.evidence.blocks import outside_period
from essaim.evidence.breakdowns import BREAKDOWNS, check_by
from essaim.evidence.budgets import BudgetYear, Trend, budget_year, trend
from essaim.evidence.curves import (  # noqa: F401  (re-exported)
    REFERENCE_MONTHS,
    REFERENCE_SHORT,
    REFERENCE_SOURCE,
    REFERENCES,
    Curve,
    curves_for,
    survival_curves,
)
from essaim.evidence.funnels import funnel, funnel_groups, funnel_groups_for  # noqa: F401  (re-exported)
from essaim.evidence.models import (
    Enterprise,
    Measurement,
    ProgrammeBudget,
    ProgrammeBudgetLine,
    ProgrammeIndicator,
    ProjectFact,
    YearFact,
)
from essaim.evidence.privacy import suppress
from essaim.evidence.rules import (
    can_choose_indicators,
    can_record_outcomes,
    can_set_budget,
    can_view_programme_report,
)
from essaim.evidence.scopes import (  # noqa: F401  (re-exported)
    TERRITORY_LEVELS,
    Period,
    Scope,
    ScopeError,
    ScopeNotFound,
    access,
    parse_period,
    parse_scope,
    reports_for,
)

__all__ = ["BREAKDOWNS", "Report", "enterprise_for", "jobs", "programme_for", "report"]


@dataclass
class Report:
    scope: Scope
    period: Period
    inside: bool
    projects: object
    created: object
    active: object
    ceased: object
    fte: object
    integration_fte: object
    curves: list[Curve]
    funnel: list[dict]
    jobs: list[dict]
    leverage: dict
    cost_per_job: object = None
    cost_per_enterprise: object = None
    indicators: list[dict] = field(default_factory=list)
    cohorts: tuple[int, int] | None = None
    by: str | None = None
    funnel_groups: list[dict] = field(default_factory=list)
    # The period asked, when it was widened to whole blocks of cohorts (outside the programme)
    asked: Period | None = None
    # Figures withheld because the breakdown of a territory above hides this one (outside)
    withheld: bool = False
    # The platform's business deals of the scope's enterprises, when the caller adds them
    # (`essaim.business.revenue.with_deals`: pages, files, API)
    deals: dict | None = None
    # A local authority's or a funder's share of the programmes' budgets, for a reader outside
    # (`essaim.evidence.funding_shares.with_budget_shares`: pages, files)
    budget_shares: object = None

    @property
    def references(self):
        return [(float(share), label) for share, label in REFERENCES]

    @property
    def period_widened(self) -> bool:
        return self.asked is not None and self.asked != self.period


def _facts(scope: Scope, period: Period):
    return ProjectFact.objects.filter(scope.q(), period.q())


def jobs(scope: Scope, period: Period, *, inside: bool) -> list[dict]:
    """FTE jobs in force at each year end (carried forward from check-ins). One query."""
    if inside:
        return _jobs(scope, period, inside=inside)
    period, _blocks = outside_period(scope, period)
    return nesting.jobs(_jobs(scope, period, inside=inside), nesting.withheld(scope, period))


def _jobs(scope: Scope, period: Period, *, inside: bool) -> list[dict]:
    rows = (
        YearFact.objects.filter(scope.q_rows(), period.q())
        .values("year")
        .annotate(fte=Sum("fte"), integration=Sum("integration_fte"), n=Count("pk"))
        .order_by("year")
    )
    return [
        {
            "year": row["year"],
            "fte": suppress(float(row["fte"] or 0), row["n"], inside=inside),
            "integration_fte": suppress(float(row["integration"] or 0), row["n"], inside=inside),
            "enterprises": suppress(row["n"], row["n"], inside=inside),
        }
        for row in rows
    ]


def _indicators(scope: Scope, period: Period) -> list[dict]:
    if scope.kind != "programme":
        return []
    chosen = ProgrammeIndicator.objects.filter(programme=scope.programme).select_related("indicator")
    indicators = [c.indicator for c in chosen]
    if not indicators:
        return []
    project_ids = _facts(scope, period).values("project_id")
    stats = {
        row["indicator_id"]: row
        for row in Measurement.objects.filter(indicator__in=indicators, project_id__in=project_ids)
        .values("indicator_id")
        .annotate(n=Count("project_id", distinct=True), total=Sum("value"), last=Max("measured_on"))
        .order_by()
    }
    return [
        {
            "indicator": ind,
            "projects": stats.get(ind.pk, {}).get("n", 0),
            "total": stats.get(ind.pk, {}).get("total"),
            "last": stats.get(ind.pk, {}).get("last"),
        }
        for ind in sorted(indicators, key=lambda i: i.name)
    ]


def _budget_total(scope: Scope, period: Period):
    """The programme's budgets over the period's years (their lines' sums where broken down)."""
    if scope.kind != "programme":
        return None
    budget = ProgrammeBudget.objects.filter(programme=scope.programme)
    if period.start:
        budget = budget.filter(year__gte=period.start)
    if period.end:
        budget = budget.filter(year__lte=period.end)
    return budget.aggregate(s=Sum("amount"))["s"]


def report(scope: Scope, period: Period | None = None, *, inside: bool, by: str | None = None) -> Report:
    """Every figure of a report, in a fixed, small number of queries (outside the programme, a
    period asked is first widened to whole blocks of cohorts: a few more)."""
    check_by(by)
    asked = period = period or Period()
    blocks = []
    if not inside:
        period, blocks = outside_period(scope, period, by=by)
    totals = _facts(scope, period).aggregate(
        n_projects=Count("pk"),
        n_created=Count("pk", filter=Q(created_on__isnull=False)),
        n_active=Count("pk", filter=Q(created_on__isnull=False, ceased=False)),
        n_ceased=Count("pk", filter=Q(ceased=True)),
        total_fte=Sum("fte", filter=Q(ceased=False)),
        total_integration=Sum("integration_fte", filter=Q(ceased=False)),
        total_public=Sum("public_amount"),
        total_private=Sum("private_amount"),
        n_financed=Count("pk", filter=Q(public_amount__gt=0) | Q(private_amount__gt=0)),
        first_cohort=Min("cohort"),
        last_cohort=Max("cohort"),
    )
    n, created, financed = totals["n_projects"], totals["n_created"], totals["n_financed"]
    lev = fig.leverage(
        [("public", totals["total_public"] or Decimal(0)), ("private", totals["total_private"] or Decimal(0))]
    )
    fte = float(totals["total_fte"] or 0)
    budget = _budget_total(scope, period)
    # Outside, what the breakdown of a territory above hides of this one (`evidence.nesting`).
    held = nesting.NOTHING if inside else nesting.withheld(scope, period)

    def counted(value, base: int, figure: str):
        return nesting.count(suppress(value, base, inside=inside), figure, held)

    return Report(
        scope=scope,
        period=period,
        asked=asked,
        inside=inside,
        projects=counted(n, n, "projects"),
        created=counted(created, created, "created"),
        active=counted(totals["n_active"], created, "created"),
        ceased=counted(totals["n_ceased"], created, "created"),
        fte=counted(round(fte, 2), created, "created"),
        integration_fte=counted(round(float(totals["total_integration"] or 0), 2), created, "created"),
        curves=nesting.curves(curves_for(scope, period, inside=inside, by=by or None, blocks=blocks), held),
        funnel=nesting.funnel_rows(
            funnel_groups_for(scope, period, inside=inside, by=None)[0]["stages"], held
        ),
        by=by or None,
        funnel_groups=nesting.funnel_groups(
            funnel_groups_for(scope, period, inside=inside, by=by) if by else [], held
        ),
        jobs=nesting.jobs(_jobs(scope, period, inside=inside), held),
        leverage={
            "public": counted(lev.public, financed, "financed"),
            "private": counted(lev.private, financed, "financed"),
            "ratio": counted(lev.ratio, financed, "financed"),
        },
        cost_per_job=counted(fig.cost_per_job(budget, fte), created, "created"),
        cost_per_enterprise=counted(fig.cost_per_enterprise(budget, created), created, "created"),
        indicators=_indicators(scope, period),
        cohorts=(totals["first_cohort"], totals["last_cohort"]) if totals["first_cohort"] else None,
        withheld=bool(held.figures),
    )


# --- One project's outcomes, one programme's figures ---------------------------------------


def enterprise_for(user, project_id: int, *, manage: bool = False) -> Enterprise:
    """The enterprise a project `user` may see gave birth to (an unsaved one, attached to the
    project, when none is recorded yet), with its project and programme. Http404 when the
    project is not visible to them; PermissionDenied when `manage` and they may not record
    its outcomes."""
    projects = apps.get_model("accompaniment", "Project").objects.visible_to(user)
    project = projects.select_related("programme__organisation").filter(pk=project_id).first()
    if project is None:
        raise Http404
    if manage and not can_record_outcomes(user, project):
        raise PermissionDenied
    enterprise = Enterprise.objects.filter(project=project).first() or Enterprise(project=project)
    enterprise.project = project
    return enterprise


def programme_for(user, slug: str, *, manage: str | None = None, conceal: bool = False) -> Programme:
    """A programme (public in the directory) whose figures `user` may read: Http404 when there is
    none; PermissionDenied when they may not read its figures, or with `manage="budget"` /
    `"indicators"` not change those. `conceal` answers Http404 instead (the budget page)."""
    programme = Programme.objects.select_related("organisation").filter(slug=slug).first()
    if programme is None:
        raise Http404
    allowed = {"budget": can_set_budget, "indicators": can_choose_indicators}.get(manage)
    if not can_view_programme_report(user, programme) or (allowed and not allowed(user, programme)):
        raise Http404 if conceal else PermissionDenied
    return programme


@dataclass(frozen=True)
class EconomicModel:
    """A programme's budget lines by year, newest first, and the trend from the first to the last."""

    years: list[BudgetYear]
    trend: Trend | None


def economic_model(programme) -> EconomicModel:
    """The programme's budget lines per year with their shares and diversification index
    (essaim/evidence/budgets.py): one query, whatever the number of years."""
    rows = ProgrammeBudgetLine.objects.filter(budget__programme=programme).values_list(
        "budget__year", "source", "amount"
    )
    by_year: dict[int, dict] = {}
    for year, source, amount in rows:
        by_year.setdefault(year, {})[source] = amount
    years = [budget_year(year, lines) for year, lines in sorted(by_year.items(), reverse=True)]
    return EconomicModel(years=years, trend=trend(years))
