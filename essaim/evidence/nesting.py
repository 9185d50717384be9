"""Reports of nested territories protected jointly (decision 0018, rule 5).

A territory's own report and the breakdown by territory of the territory above it show the
same cells: an EPCI hidden as a complement in its département's table must not be shown in the
EPCI's own report, or the département minus the other EPCIs gives the small one back. So,
outside the programme, a territory's figure is withheld (read "masqué") when its cell is hidden
in the table of a territory above (national → régions → départements → EPCI → communes), or
when that territory's figure is itself withheld — and so on down to the communes.

The tables of a parent (one per figure: projects, created enterprises — the curves' sizes —,
financed projects, each stage's entries, each year's enterprises; and where each child's curve
stops) are computed with the same rules as its breakdown (`privacy.protect`,
`privacy.protect_tails`), once per parent and period, and cached under the facts version.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Q

from essaim.evidence import privacy
from essaim.evidence.breakdowns import territory_group, territory_parents
from essaim.evidence.facts import facts_version
from essaim.evidence.models import ProjectFact, StageFact, YearFact
from essaim.evidence.scopes import Period, Scope
from essaim.evidence.survival import kaplan_meier_from_counts

CACHE_SECONDS = 600
INF = float("inf")


@dataclass(frozen=True)
class Withheld:
    """What a territory's report may not show outside the programme: figures ("projects",
    "created", "financed", ("stage", name), ("year", year)) and the time from which its curves
    stop (`stop`: points at or after it are not shown)."""

    figures: frozenset = field(default_factory=frozenset)
    stop: float = INF

    def __or__(self, other: Withheld) -> Withheld:
        return Withheld(self.figures | other.figures, min(self.stop, other.stop))

    def __bool__(self) -> bool:
        return bool(self.figures) or self.stop < INF

    def __contains__(self, figure) -> bool:
        return figure in self.figures


NOTHING = Withheld()


def withheld(scope: Scope, period: Period) -> Withheld:
    """What `scope`'s report withholds for `period` (already widened): its cells hidden in the
    tables of the territories above it, and whatever those withhold themselves."""
    if scope.kind != "territory" or scope.level == "national":
        return NOTHING
    result = NOTHING
    for parent, key in territory_parents(scope):
        result = result | parent_table(parent, period).get(key, NOTHING) | withheld(parent, period)
    return result


def parent_table(parent: Scope, period: Period) -> dict[str, Withheld]:
    """For each child territory of `parent` (by code; "" for the places with none), what the
    parent's breakdown by territory hides of it. Four grouped queries, cached."""
    key = f"essaim:evidence:nested:{facts_version()}:{parent.ref}:{period.start or ''}:{period.end or ''}"
    table = cache.get(key)
    if table is None:
        table = _table(parent, period)
        cache.set(key, table, timeout=CACHE_SECONDS)
    return table


def _cells(parent: Scope, period: Period, column: str) -> dict:
    cells: dict = defaultdict(dict)  # figure → {child: number of projects}
    rows = (
        ProjectFact.objects.filter(parent.q(), period.q())
        .values(column)
        .annotate(
            projects=Count("pk"),
            created=Count("pk", filter=Q(created_on__isnull=False)),
            financed=Count("pk", filter=Q(public_amount__gt=0) | Q(private_amount__gt=0)),
        )
        .order_by()
    )
    for row in rows:
        for name in ("projects", "created", "financed"):
            cells[name][row[column]] = row[name]
    joined = column if column in ("region", "departement") else f"fact__{column}"
    for model, part in ((StageFact, "stage"), (YearFact, "year")):
        rows = model.objects.filter(parent.q_rows(), period.q()).values(joined, part).annotate(n=Count("pk"))
        for row in rows.order_by():
            cells[(part, row[part])][row[joined]] = row["n"]
    return cells


def _table(parent: Scope, period: Period) -> dict[str, Withheld]:
    column = territory_group(parent)
    hidden: dict = defaultdict(set)
    for figure, by_child in _cells(parent, period, column).items():
        children = sorted(c for c, n in by_child.items() if n > 0)
        sizes = [by_child[c] for c in children]
        rows = set(range(len(sizes))) if privacy.table_is_recomputable(sizes) else privacy.protect(sizes)[0]
        for i in rows:
            hidden[children[i]].add(figure)
    stops = _tail_stops(parent, period, column)
    return {
        child: Withheld(frozenset(hidden.get(child, ())), stops.get(child, INF))
        for child in set(hidden) | set(stops)
    }


def _tail_stops(parent: Scope, period: Period, column: str) -> dict[str, float]:
    """Where the parent's breakdown stops each visible child's curve (its first point not
    shown): the child's report cuts its curves there too."""
    grouped: dict = defaultdict(list)
    rows = (
        ProjectFact.objects.filter(parent.q(), period.q(), created_on__isnull=False)
        .values(column, "survival_months", "ceased")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        deaths, censored = (row["n"], 0) if row["ceased"] else (0, row["n"])
        grouped[row[column]].append((row["survival_months"], deaths, censored))
    keys = sorted(grouped)
    sizes = [sum(d + c for _t, d, c in grouped[k]) for k in keys]
    hidden, _masked = privacy.protect(sizes)
    if len(hidden) >= 2 or privacy.table_is_recomputable(sizes):
        return {}  # two unknowns without bound: no tail is recomputable (hidden sizes: "created")
    full = [kaplan_meier_from_counts(grouped[k]) for k in keys]
    stops = privacy.protect_tails(full, hidden)
    # Every stop counts, the natural ones too: an EPCI across départements has more observed
    # than its part in one département, and must not show that part's tail by subtraction.
    return {k: stops[i] for i, k in enumerate(keys) if i not in hidden and stops.get(i, INF) < INF}


# --- Applying it to what a report shows ------------------------------------------------------


def funnel_rows(rows: list[dict], held: Withheld) -> list[dict]:
    """A funnel's rows with the stages withheld masked (every measure of the row)."""
    if not held:
        return rows
    return [
        {"stage": r["stage"], **{k: _mask(v) for k, v in r.items() if k != "stage"}}
        if ("stage", r["stage"]) in held
        else r
        for r in rows
    ]


def funnel_groups(groups: list[dict], held: Withheld) -> list[dict]:
    if not held:
        return groups
    return [{**g, "stages": funnel_rows(g["stages"], held)} for g in groups]


def curves(found: list, held: Withheld) -> list:
    """Curves with their sizes masked when the number of created enterprises is withheld, and
    their points cut at the stop."""
    if not held:
        return found
    for curve in found:
        if "created" in held:
            curve.n, curve.points, curve.suppressed = _mask(curve.n), [], True
        else:
            curve.points = [p for p in curve.points if p.t < held.stop]
    return found


def jobs(rows: list[dict], held: Withheld) -> list[dict]:
    if not held:
        return rows
    return [
        {"year": r["year"], **{k: _mask(v) for k, v in r.items() if k != "year"}}
        if ("year", r["year"]) in held
        else r
        for r in rows
    ]


def _mask(value):
    """A figure withheld reads "masqué"; one already hidden as small keeps its "< 5"."""
    return value if privacy.is_suppressed(value) else privacy.MASKED


def count(value, figure: str, held: Withheld):
    return _mask(value) if figure in held else value


__all__ = ["NOTHING", "Withheld", "parent_table", "withheld"]
