"""The funnel of a scope (entered, passed, dropped, ongoing per stage and the median days spent
there), overall or by breakdown, with small groups protected outside the programme."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Min

from essaim.directory.models import Programme
from essaim.evidence import figures as fig
from essaim.evidence import nesting, privacy
from essaim.evidence.blocks import outside_period
from essaim.evidence.breakdowns import check_by, label_for, stage_group
from essaim.evidence.models import StageFact
from essaim.evidence.scopes import Period, Scope
from essaim.territories.selectors import names_for

MEASURES = ("entered", "passed", "dropped", "ongoing", "median_days")


def _row(r: fig.FunnelRow, hidden: privacy.Suppressed | None) -> dict:
    values = {name: getattr(r, name) for name in MEASURES}
    return {"stage": r.stage, **(dict.fromkeys(MEASURES, hidden) if hidden is not None else values)}


def _overall_rows(counted: list, order: list[str], *, inside: bool) -> list[dict]:
    rows = fig.funnel_from_counts(counted, order)
    return [_row(r, None if inside or r.entered >= privacy.MIN_PROJECTS else privacy.SMALL) for r in rows]


def _group_rows(counted: dict, keys: list, order: list[str], *, inside: bool) -> dict[object, list[dict]]:
    """Each group's rows; outside, per stage, the small rows and their complements hidden (a
    stage whose rows would all be recomputable is left out of every group)."""
    raw = {key: {r.stage: r for r in fig.funnel_from_counts(counted[key], order)} for key in keys}
    hidden: dict[tuple, privacy.Suppressed] = {}
    dropped: set[str] = set()
    if not inside:
        for stage in order:
            hidden.update({(key, stage): privacy.SMALL for key in keys if not raw[key][stage].entered})
            present = [key for key in keys if raw[key][stage].entered]
            sizes = [raw[key][stage].entered for key in present]
            if privacy.table_is_recomputable(sizes):
                dropped.add(stage)
                continue
            rows, masked = privacy.protect(sizes)
            for i in rows:
                hidden[(present[i], stage)] = privacy.MASKED if masked else privacy.SMALL
    return {
        key: [_row(r, hidden.get((key, stage))) for stage, r in raw[key].items() if stage not in dropped]
        for key in keys
    }


def funnel(scope: Scope, period: Period, *, inside: bool) -> list[dict]:
    """Entered / passed / dropped per stage and the median days spent there. One query."""
    return funnel_groups(scope, period, inside=inside)[0]["stages"]


def funnel_groups(scope: Scope, period: Period, *, inside: bool, by: str | None = None) -> list[dict]:
    """The funnel overall ([{"label": "Ensemble", ...}]) or one per cohort, programme,
    territory or model: [{"label", "stages": [rows as in `funnel`]}]. One query (plus the
    group names). Outside the programme, a row of fewer than 5 entries is hidden, with
    complements in a breakdown, a period is widened to blocks of cohorts, and a territory's
    stages hidden in the breakdown of a territory above it are withheld (`evidence.nesting`)."""
    check_by(by)
    if inside:
        return funnel_groups_for(scope, period, inside=inside, by=by)
    period, _blocks = outside_period(scope, period, by=by)
    groups = funnel_groups_for(scope, period, inside=inside, by=by)
    return nesting.funnel_groups(groups, nesting.withheld(scope, period))


def funnel_groups_for(scope: Scope, period: Period, *, inside: bool, by: str | None) -> list[dict]:
    """The funnel for a period already widened."""
    group = stage_group(scope, by)
    columns = ["stage", "outcome", "days"] + ([group] if group else [])
    rows = (
        StageFact.objects.filter(scope.q_rows(), period.q())
        .values(*columns)
        .annotate(n=Count("pk"), position=Min("position"))
        .order_by()
    )
    counted: dict[object, list] = defaultdict(list)
    positions: dict[str, int] = {}
    for row in rows:
        positions[row["stage"]] = min(positions.get(row["stage"], 99), row["position"])
        counted[row[group] if group else ""].append((row["stage"], row["outcome"], row["days"], row["n"]))
    order = sorted(positions, key=lambda s: (positions[s], s))
    if not group:
        return [{"label": label_for(None, ""), "stages": _overall_rows(counted[""], order, inside=inside)}]
    places = {}
    if by == "territory":
        level = group.removeprefix("fact__")
        places = {code: name for (_level, code), name in names_for((level, k) for k in counted if k).items()}
    if by == "programme":
        places = dict(Programme.objects.filter(pk__in=[k for k in counted if k]).values_list("pk", "name"))
    keys = sorted(counted, key=lambda k: (places.get(k, ""), str(k)) if by == "programme" else str(k))
    stages = _group_rows(counted, keys, order, inside=inside)
    return [{"label": places.get(key) or label_for(by, key), "stages": stages[key]} for key in keys]
