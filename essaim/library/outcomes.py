"""What became of projects in the stages a resource was reused into, beside the others.

For a reused checklist: the projects that entered one of the stages it was copied onto, after
the copy ("with"), against the projects that entered, over the same period, a stage of the same
life stage in a pipeline it was not copied into ("without"). For each group: how many, the share that went
on to a later stage, and the median days spent in the stage by those who left it. Read from the
stage history (`accompaniment.StageTransition`), the fact table of funnels.

Both groups hold other programmes' projects: every figure under 5 projects is hidden
(`evidence.privacy.suppress`, decision 0018), for the author's staff as for anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from django.db.models import Min

from essaim.accompaniment.models import PipelineStage, StageTransition
from essaim.evidence.privacy import suppress
from essaim.library.models import Resource


@dataclass(frozen=True)
class Group:
    projects: object
    moved_on: object  # share (0–100) that entered a later stage
    median_days: object  # in the stage, for those who left it


def _group(rows, exits, positions) -> Group:
    n = len(rows)
    moved = durations = 0
    days = []
    for project_id, stage_id, at in rows:
        out = exits.get((project_id, stage_id))
        if out is None:
            continue
        left_at, to_stage = out
        if left_at < at:
            continue
        days.append((left_at - at).total_seconds() / 86400)
        if to_stage is not None and positions.get(to_stage, -1) > positions[stage_id]:
            moved += 1
        durations += 1
    share = round(100 * moved / n) if n else None
    return Group(
        projects=suppress(n, n, inside=False),
        moved_on=suppress(share, n, inside=False),
        median_days=suppress(round(median(days)) if days else None, durations, inside=False),
    )


def compare(resource: Resource) -> tuple[Group, Group] | None:
    """(with, without) for a reused resource, None when nobody reused it."""
    reuses = list(resource.reuses.values_list("stage_id", "at"))
    if not reuses:
        return None
    since = min(at for _stage, at in reuses)
    reused = {stage for stage, _at in reuses}
    found = list(PipelineStage.objects.filter(pk__in=reused).values_list("life_stage", "pipeline_id"))
    lives, pipelines = {life for life, _p in found}, {p for _life, p in found}
    rows = list(
        PipelineStage.objects.filter(life_stage__in=lives).values_list("pk", "position", "pipeline_id")
    )
    stages = {pk: position for pk, position, _p in rows}
    # "without": the same life stage in pipelines the resource was not copied into
    others = {pk for pk, _position, pipeline in rows if pipeline not in pipelines}
    reused_since = dict(reuses)
    entries = (
        StageTransition.objects.filter(to_stage_id__in=stages, at__gte=since)
        .values("project_id", "to_stage_id")
        .annotate(at=Min("at"))
        .values_list("project_id", "to_stage_id", "at")
    )
    with_rows, without_rows = [], []
    seen: set[int] = set()  # a project counts once, at the first stage of the life stage it entered
    for project_id, stage_id, at in sorted(entries, key=lambda row: (row[2], row[0])):
        if project_id in seen or (stage_id not in reused and stage_id not in others):
            continue
        seen.add(project_id)
        if stage_id in reused:
            if at >= reused_since[stage_id]:
                with_rows.append((project_id, stage_id, at))
        elif stage_id in others:
            without_rows.append((project_id, stage_id, at))
    exits = {}
    leaving = StageTransition.objects.filter(from_stage_id__in=stages, at__gte=since).order_by("at", "pk")
    for project_id, from_stage, to_stage, at in leaving.values_list(
        "project_id", "from_stage_id", "to_stage_id", "at"
    ):
        exits.setdefault((project_id, from_stage), (at, to_stage))
    onward = {to for _at, to in exits.values() if to is not None} - set(stages)
    positions = {**stages, **dict(PipelineStage.objects.filter(pk__in=onward).values_list("pk", "position"))}
    return _group(with_rows, exits, positions), _group(without_rows, exits, positions)
