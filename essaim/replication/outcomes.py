"""Outcomes of a model and of its copies, side by side, with small-cell protection.

Each place of the lineage (`selectors.Node`) counts the projects it accompanied: a project
copy (or model) is that one project, a programme copy (or model) is every project of the
programme. Per place: projects, enterprises created, months from the start of the accompaniment
to the creation (median), enterprises still active and their share, jobs (FTE, last check-in),
and the sum of the latest measure of each indicator the kit names (matched with the evidence
catalogue by name or identifier). Read from the evidence facts (`ProjectFact`), so the figures
are the reports' own.

Protection (docs/decisions/0018-small-cell-protection.md): the staff of a place's programme see
its exact figures; anyone else sees them through `evidence.privacy.suppress` (a count under 5
projects reads "< 5", and a median or a share resting on fewer than 5 enterprises too). The
row of all copies together is shown outside only while it still counts 5 once its largest
place is taken away: otherwise the reader who runs that place would get the others back by
subtraction. No row adds up to another (no total row over places).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from essaim.accounts.selectors import staff_organisation_ids
from essaim.core.text import normalise
from essaim.evidence.facts import months_between
from essaim.evidence.models import Indicator, Measurement, ProjectFact
from essaim.evidence.privacy import SMALL, shown, suppress
from essaim.replication.enums import Section


@dataclass
class Figures:
    projects: object = 0
    created: object = 0
    months_to_creation: object = None
    active: object = 0
    survival: object = None  # percentage of created enterprises still active
    jobs: object = Decimal("0")
    indicators: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "projects": shown(self.projects),
            "created": shown(self.created),
            "months_to_creation": shown(self.months_to_creation),
            "active": shown(self.active),
            "survival": shown(self.survival),
            "jobs": shown(self.jobs) if not isinstance(self.jobs, Decimal) else float(self.jobs),
            "indicators": {
                k: (float(v) if isinstance(v, Decimal) else shown(v)) for k, v in self.indicators.items()
            },
        }


@dataclass
class Row:
    node: object  # selectors.Node, or None for the row of all copies together
    label: str
    inside: bool
    figures: Figures


@dataclass
class _Raw:
    projects: set = field(default_factory=set)
    created: int = 0
    months: list = field(default_factory=list)
    active: int = 0
    jobs: Decimal = Decimal("0")
    measured: dict = field(default_factory=lambda: defaultdict(set))
    values: dict = field(default_factory=lambda: defaultdict(Decimal))


def kit_indicators(content: dict) -> dict[str, Indicator]:
    """The kit's indicators found in the evidence catalogue: name in the kit → indicator."""
    wanted = {normalise(item["name"]): item["name"] for item in content.get(Section.INDICATORS.value, [])}
    if not wanted:
        return {}
    found = {}
    for indicator in Indicator.objects.all():
        for key in (normalise(indicator.name), normalise(indicator.slug)):
            if key in wanted:
                found[wanted[key]] = indicator
    return found


def _facts(nodes) -> tuple[dict, dict]:
    project_ids = {n.project_id for n in nodes if n.project_id}
    programme_ids = {n.programme.pk for n in nodes if not n.project_id}
    rows = ProjectFact.objects.filter(
        Q(project_id__in=project_ids) | Q(programme_id__in=programme_ids)
    ).values_list("project_id", "programme_id", "created_on", "ceased", "fte", "project__started_on")
    by_project, by_programme = {}, defaultdict(list)
    for row in rows:
        by_project[row[0]] = row
        by_programme[row[1]].append(row)
    return by_project, by_programme


def _latest_measures(project_ids, indicators: dict) -> dict:
    """(project, indicator name) → latest value."""
    if not indicators or not project_ids:
        return {}
    names = {ind.pk: name for name, ind in indicators.items()}
    latest = {}
    rows = (
        Measurement.objects.filter(project_id__in=project_ids, indicator_id__in=names, value__isnull=False)
        .order_by("project_id", "indicator_id", "measured_on", "pk")
        .values_list("project_id", "indicator_id", "value")
    )
    for project_id, indicator_id, value in rows:
        latest[(project_id, names[indicator_id])] = value
    return latest


def _add(raw: _Raw, fact, measures: dict, names) -> None:
    project_id, _programme, created_on, ceased, fte, started_on = fact
    raw.projects.add(project_id)
    if created_on:
        raw.created += 1
        if started_on and started_on <= created_on:
            raw.months.append(months_between(started_on, created_on))
        if not ceased:
            raw.active += 1
            raw.jobs += fte or 0
    for name in names:
        if (project_id, name) in measures:
            raw.measured[name].add(project_id)
            raw.values[name] += measures[(project_id, name)]


def _figures(raw: _Raw, names, *, inside: bool, cut: dict | None = None) -> Figures:
    """The figures of a place. `cut` (the pooled row): the bases minus the largest place's."""
    cut = cut or {}
    n = len(raw.projects)
    base_n, base_created = n - cut.get("projects", 0), raw.created - cut.get("created", 0)
    survival = round(100 * raw.active / raw.created) if raw.created else None
    median = statistics.median(raw.months) if raw.months else None
    indicators = {}
    for name in names:
        measured = len(raw.measured.get(name, ()))
        base = measured - cut.get(f"ind:{name}", 0)
        indicators[name] = suppress(raw.values[name], base, inside=inside) if measured else None
    return Figures(
        projects=suppress(n, base_n, inside=inside),
        created=suppress(raw.created, base_created, inside=inside),
        months_to_creation=median if median is None else suppress(median, base_created, inside=inside),
        active=suppress(raw.active, base_created, inside=inside),
        survival=survival if survival is None else suppress(survival, base_created, inside=inside),
        jobs=suppress(raw.jobs, base_created, inside=inside),
        indicators=indicators,
    )


def _bases(raw: _Raw, names) -> dict:
    out = {"projects": len(raw.projects), "created": raw.created}
    out.update({f"ind:{name}": len(raw.measured.get(name, ())) for name in names})
    return out


def compare(nodes, content: dict, user) -> list[Row]:
    """One row per place of the lineage (model first), then all copies together.

    Queries: the indicators' catalogue, the facts, the measures (constant in the number of copies).
    """
    indicators = kit_indicators(content)
    names = list(indicators)
    by_project, by_programme = _facts(nodes)
    measures = _latest_measures(list(by_project), indicators)
    orgs = set(staff_organisation_ids(user)) if user.is_authenticated else set()
    everything = bool(user.is_authenticated and user.is_superuser)
    rows, pool, largest = [], _Raw(), defaultdict(int)
    for node in nodes:
        raw = _Raw()
        facts = [by_project[node.project_id]] if node.project_id in by_project else []
        if not node.project_id:
            facts = by_programme.get(node.programme.pk, [])
        for fact in facts:
            _add(raw, fact, measures, names)
            if not node.is_model:
                _add(pool, fact, measures, names)
        if not node.is_model:
            for key, value in _bases(raw, names).items():
                largest[key] = max(largest[key], value)
        inside = everything or node.programme.organisation_id in orgs
        rows.append(Row(node, node.name, inside, _figures(raw, names, inside=inside)))
    if len(nodes) > 1:
        rows.append(Row(None, "", everything, _figures(pool, names, inside=everything, cut=dict(largest))))
    return rows


def proven(nodes_by_kit: dict) -> dict:
    """For ranking candidates: each kit's lineage as one pool, as anyone outside reads it
    (created enterprises and survival share, suppressed under 5 — the rank uses what is shown)."""
    all_nodes = [n for nodes in nodes_by_kit.values() for n in nodes]
    by_project, by_programme = _facts(all_nodes)
    out = {}
    for kit_id, nodes in nodes_by_kit.items():
        raw = _Raw()
        seen = set()
        for node in nodes:
            facts = [by_project[node.project_id]] if node.project_id in by_project else []
            if not node.project_id:
                facts = by_programme.get(node.programme.pk, [])
            for fact in facts:
                if fact[0] not in seen:
                    seen.add(fact[0])
                    _add(raw, fact, {}, ())
        out[kit_id] = _figures(raw, (), inside=False)
    return out


__all__ = ["SMALL", "Figures", "Row", "compare", "kit_indicators", "proven"]
