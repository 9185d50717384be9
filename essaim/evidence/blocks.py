"""Periods asked from outside a programme, widened to blocks of cohorts (see `evidence.privacy`).

The blocks of a scope are computed from every count its report shows (projects, created,
financed, each stage of the funnel, each year of jobs) per cohort; a breakdown adds its groups'
counts and merges the scope's blocks further. A few grouped queries, run only when someone
outside the programme asks for a period.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, Q

from essaim.evidence.breakdowns import fact_group, stage_group, territory_parents
from essaim.evidence.facts import facts_version
from essaim.evidence.models import ProjectFact, StageFact, YearFact
from essaim.evidence.privacy import MIN_PROJECTS, block_horizon, cohort_blocks, snap
from essaim.evidence.scopes import Period, Scope


def _scope_cells(scope: Scope) -> dict:
    cells: dict = defaultdict(dict)
    for row in (
        ProjectFact.objects.filter(scope.q())
        .values("cohort")
        .annotate(
            projects=Count("pk"),
            created=Count("pk", filter=Q(created_on__isnull=False)),
            financed=Count("pk", filter=Q(public_amount__gt=0) | Q(private_amount__gt=0)),
        )
        .order_by()
    ):
        for name in ("projects", "created", "financed"):
            cells[name][row["cohort"]] = row[name]
    for row in (
        StageFact.objects.filter(scope.q_rows()).values("cohort", "stage").annotate(n=Count("pk")).order_by()
    ):
        cells[("stage", row["stage"])][row["cohort"]] = row["n"]
    for row in (
        YearFact.objects.filter(scope.q_rows()).values("cohort", "year").annotate(n=Count("pk")).order_by()
    ):
        cells[("year", row["year"])][row["cohort"]] = row["n"]
    return cells


def _group_cells(scope: Scope, by: str) -> dict:
    cells: dict = defaultdict(dict)
    group = fact_group(scope, by, names=False)
    rows = (
        ProjectFact.objects.filter(scope.q(), created_on__isnull=False)
        .values("cohort", group)
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        cells[("curve", row[group])][row["cohort"]] = row["n"]
    column = stage_group(scope, by)
    rows = StageFact.objects.filter(scope.q_rows()).values("cohort", "stage", column).annotate(n=Count("pk"))
    for row in rows.order_by():
        cells[("stage", row["stage"], row[column])][row["cohort"]] = row["n"]
    return cells


BLOCKS_CACHE_SECONDS = 600


def scope_blocks(scope: Scope, by: str | None = None) -> list[tuple[int, int]]:
    """The blocks of cohorts of a scope's report (and of its breakdown `by`)."""
    key = f"essaim:evidence:blocks:{facts_version()}:{scope.ref}:{by or ''}"
    blocks = cache.get(key)
    if blocks is None:
        blocks = _blocks(scope, by)
        cache.set(key, blocks, timeout=BLOCKS_CACHE_SECONDS)
    return [tuple(block) for block in blocks]


def _blocks(scope: Scope, by: str | None) -> list[tuple[int, int]]:
    cells = _scope_cells(scope)
    cohorts = {year for cell in cells.values() for year in cell}
    blocks = cohort_blocks(cells, _within_parents(scope, cohorts))
    if by:
        blocks = cohort_blocks({**cells, **_group_cells(scope, by)}, blocks)
    return blocks


def _within_parents(scope: Scope, cohorts: set[int]) -> list:
    """A territory's blocks are unions of the blocks of every territory above it (decision 0018,
    rule 5), so that a period of a territory is a period of its parents too and its cells can be
    checked in their tables for the same years."""
    parents = territory_parents(scope)
    if not parents or not cohorts:
        return sorted(cohorts)
    ends = set.intersection(*({last for _first, last in scope_blocks(parent)} for parent, _cell in parents))
    units, first = [], min(cohorts)
    for end in sorted(e for e in ends if e < max(cohorts)) + [max(cohorts)]:
        if end >= first:
            units.append((first, end))
            first = end + 1
    return units


def outside_period(scope: Scope, period: Period, *, by: str | None = None) -> tuple[Period, list]:
    """The period a reader outside the programme gets (the one asked, widened to whole blocks)
    and the blocks; a period that is not restricted needs no query."""
    if not period.start and not period.end:
        return period, []
    blocks = scope_blocks(scope, by)
    return Period(*snap(period.start, period.end, blocks)), blocks


def curve_horizons(scope: Scope, blocks: list[tuple[int, int]], *, group: str | None) -> dict:
    """For each group ("" overall), the time from which the curves of a period are not shown:
    the first time a block of cohorts has 1 to 4 enterprises still observed."""
    columns = ["cohort", "survival_months"] + ([group] if group else [])
    counts: dict = defaultdict(lambda: defaultdict(int))  # (group, block) → {months: n}
    block_of = {year: b for b in blocks for year in range(b[0], b[1] + 1)}
    rows = (
        ProjectFact.objects.filter(scope.q(), created_on__isnull=False)
        .values(*columns)
        .annotate(n=Count("pk"))
    )
    for row in rows.order_by():
        key = (row[group] if group else "", block_of.get(row["cohort"]))
        counts[key][row["survival_months"]] += row["n"]
    by_group: dict = defaultdict(list)
    for (key, _block), months in counts.items():
        remaining = sum(months.values())
        points = []
        for t in sorted(months):
            points.append((float(t), remaining))
            remaining -= months[t]
        by_group[key].append(points)
    return {key: block_horizon(series) for key, series in by_group.items()}


__all__ = ["MIN_PROJECTS", "curve_horizons", "outside_period", "scope_blocks"]
