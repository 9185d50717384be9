"""Rebuild the reporting facts of projects from the operational data (accompaniment, financing).

One pass per chunk of projects, a fixed number of queries per chunk whatever its size.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction

from essaim.accompaniment.enums import CheckinStatus, EnterpriseStatus, ProjectStatus
from essaim.accompaniment.models import Checkin, PipelineStage, Project, StageTransition
from essaim.evidence.enums import Outcome
from essaim.evidence.models import ProjectFact, StageFact, YearFact
from essaim.financing.enums import SECURED_STATUSES, money_side
from essaim.financing.models import FinancingResource

CHUNK = 2000
ZERO = Decimal("0")


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end (0 if end is before start)."""
    months = (end.year - start.year) * 12 + (end.month - start.month) - (end.day < start.day)
    return max(months, 0)


def stage_visits(project: dict, transitions: list[dict], stages: dict[int, tuple[str, int]], today: dt.date):
    """(stage key, position, outcome, days) for each stay of a project in a stage."""
    visits = []
    current = None  # (stage_id, since)
    first = True
    for tr in transitions:
        day = tr["at"].date() if isinstance(tr["at"], dt.datetime) else tr["at"]
        if tr["from_stage_id"] is None and first:
            current = (tr["to_stage_id"], project["started_on"])
            first = False
            continue
        first = False
        if current is None:
            current = (tr["from_stage_id"] or project["stage_id"], project["started_on"])
        stage_id, since = current
        if tr["to_status"] == ProjectStatus.ABANDONED and tr["from_status"] != ProjectStatus.ABANDONED:
            visits.append((stage_id, Outcome.DROPPED, max((day - since).days, 0)))
            current = None
            continue
        if tr["from_status"] == ProjectStatus.ABANDONED and tr["to_status"] != ProjectStatus.ABANDONED:
            current = (tr["to_stage_id"] or stage_id, day)
            continue
        if tr["to_stage_id"] and tr["to_stage_id"] != stage_id:
            visits.append((stage_id, Outcome.PASSED, max((day - since).days, 0)))
            current = (tr["to_stage_id"], day)
    if not transitions:
        current = (project["stage_id"], project["started_on"])
        if project["status"] == ProjectStatus.ABANDONED:
            end = project["ended_on"] or today
            visits.append((current[0], Outcome.DROPPED, max((end - current[1]).days, 0)))
            current = None
    if current is not None and project["status"] != ProjectStatus.ABANDONED:
        visits.append((current[0], Outcome.ONGOING, max((today - current[1]).days, 0)))
    return [(*stages.get(sid, ("?", 0)), outcome, days) for sid, outcome, days in visits]


def _survival(created_on: dt.date | None, checkins: list[dict]):
    """(survival months, ceased, fte, integration fte, {year: (fte, integration, active)})."""
    if created_on is None:
        return None, False, ZERO, ZERO, {}
    last_seen = created_on
    ceased_on = None
    fte = integration = ZERO
    by_year: dict[int, tuple[Decimal, Decimal, bool]] = {}
    for c in checkins:  # ordered by observation date
        observed = c["observed_on"]
        if observed is None or observed < created_on:
            continue
        active = c["enterprise_status"] != EnterpriseStatus.CEASED
        if not active:
            ceased_on = c["ceased_on"] or observed
        last_seen = max(last_seen, observed)
        fte = c["fte"] or ZERO if active else ZERO
        integration = c["figures__integration_fte"] or ZERO if active else ZERO
        by_year[observed.year] = (fte, integration, active)
        if not active:
            break
    end = ceased_on or last_seen
    return months_between(created_on, end), ceased_on is not None, fte, integration, by_year


# Check-ins come at 6 months, 1, 2, 3 and 5 years: between two of them (at most two years
# apart) an active enterprise keeps its last known jobs.
CARRY_YEARS = 2


def _years(created_on: dt.date | None, by_year: dict, today: dt.date) -> list[tuple[int, Decimal, Decimal]]:
    """Each year's last observation, carried forward (at most CARRY_YEARS past the last check-in,
    never past this year); nothing from the year of cessation on."""
    if created_on is None or not by_year:
        return []
    rows = []
    state = (ZERO, ZERO, True)
    last = min(max(by_year) + CARRY_YEARS, today.year)
    for year in range(created_on.year, last + 1):
        state = by_year.get(year, state)
        if not state[2]:
            break
        rows.append((year, state[0], state[1]))
    return rows


def _chunks(ids: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def facts_refresh(project_ids: Iterable[int] | None = None, *, today: dt.date | None = None) -> int:
    """Rebuild the facts of these projects (all when None). Returns the number of projects.

    Side effects: deletes and recreates their ProjectFact, StageFact and YearFact rows.
    """
    from django.utils import timezone

    today = today or timezone.localdate()
    if project_ids is None:
        ids = list(Project.objects.order_by("pk").values_list("pk", flat=True))
    else:
        ids = sorted(set(project_ids))
    stages = {
        pk: (key, position)
        for pk, key, position in PipelineStage.objects.values_list("pk", "key", "position").iterator()
    }
    done = 0
    for chunk in _chunks(ids, CHUNK):
        done += _refresh_chunk(chunk, stages, today)
    facts_changed()
    return done


FACTS_VERSION = "essaim:evidence:facts-version"


def facts_version() -> int:
    """A number that changes whenever facts are rebuilt: what is derived from them (the blocks of
    cohorts of `evidence.blocks`) is cached under it."""
    return cache.get(FACTS_VERSION) or 0


def facts_changed() -> None:
    """Move the facts version now and once the rebuild is committed (a reader between the two
    would cache what it read under the new version)."""

    def bump():
        if not cache.add(FACTS_VERSION, 1, timeout=None):
            try:
                cache.incr(FACTS_VERSION)
            except ValueError:
                cache.set(FACTS_VERSION, 1, timeout=None)

    bump()
    transaction.on_commit(bump)


@transaction.atomic
def _refresh_chunk(ids: list[int], stages: dict, today: dt.date) -> int:
    projects = list(
        Project.objects.filter(pk__in=ids).values(
            "pk",
            "programme_id",
            "model",
            "status",
            "stage_id",
            "started_on",
            "ended_on",
            "created_on",
            "commune_id",
            "commune__departement_id",
            "commune__region_id",
            "commune__epci_id",
        )
    )
    transitions = defaultdict(list)
    for tr in (
        StageTransition.objects.filter(project_id__in=ids)
        .order_by("project_id", "at", "pk")
        .values("project_id", "from_stage_id", "to_stage_id", "from_status", "to_status", "at")
    ):
        transitions[tr["project_id"]].append(tr)
    checkins = defaultdict(list)
    for c in (
        Checkin.objects.filter(project_id__in=ids, status=CheckinStatus.VALIDATED)
        .order_by("project_id", "observed_on", "pk")
        .values(
            "project_id", "observed_on", "enterprise_status", "ceased_on", "fte", "figures__integration_fte"
        )
    ):
        checkins[c["project_id"]].append(c)
    money = defaultdict(lambda: [ZERO, ZERO])
    for r in FinancingResource.objects.filter(plan__project_id__in=ids, status__in=SECURED_STATUSES).values(
        "plan__project_id", "instrument", "funder__kind", "amount"
    ):
        side = money_side(r["instrument"], r["funder__kind"])
        if side:
            money[r["plan__project_id"]][0 if side == "public" else 1] += r["amount"]

    facts, stage_rows, year_rows = [], [], []
    for p in projects:
        months, ceased, fte, integration, by_year = _survival(p["created_on"], checkins[p["pk"]])
        public, private = money[p["pk"]]
        fact = ProjectFact(
            project_id=p["pk"],
            programme_id=p["programme_id"],
            region=p["commune__region_id"] or "",
            departement=p["commune__departement_id"] or "",
            epci=p["commune__epci_id"] or "",
            commune=p["commune_id"] or "",
            model=p["model"],
            cohort=p["started_on"].year,
            abandoned=p["status"] == ProjectStatus.ABANDONED,
            created_on=p["created_on"],
            survival_months=months,
            ceased=ceased,
            fte=fte,
            integration_fte=integration,
            public_amount=public,
            private_amount=private,
        )
        facts.append(fact)
        where = {"region": fact.region, "departement": fact.departement, "cohort": fact.cohort}
        for key, position, outcome, days in stage_visits(p, transitions[p["pk"]], stages, today):
            stage_rows.append(
                StageFact(
                    fact=fact,
                    programme_id=fact.programme_id,
                    model=fact.model,
                    stage=key,
                    position=position,
                    outcome=outcome,
                    days=days,
                    **where,
                )
            )
        for year, year_fte, year_integration in _years(p["created_on"], by_year, today):
            year_rows.append(
                YearFact(fact=fact, year=year, fte=year_fte, integration_fte=year_integration, **where)
            )
    ProjectFact.objects.filter(project_id__in=ids).delete()
    ProjectFact.objects.bulk_create(facts, batch_size=1000)
    StageFact.objects.bulk_create(stage_rows, batch_size=1000)
    YearFact.objects.bulk_create(year_rows, batch_size=1000)
    return len(facts)
