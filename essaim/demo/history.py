"""Plausible project histories, written in bulk: used by the demo and the synthetic generator.

A project enters a programme in a cohort year, moves through the programme's pipeline (each
stage takes weeks to months, some projects stop), raises its financing, and — when it
reaches creation — becomes an enterprise followed by check-ins at 6 months, 1, 2, 3 and 5
years. Enterprises cease with a constant yearly hazard tuned so that about 70 % are still
active after 5 years, the figure the study gives for supported enterprises (46 % for all new
enterprises). Everything derives from a seeded `random.Random`: same seed, same rows.

Rows are written with `bulk_create` (no signals), then `facts_refresh` rebuilds the facts.
Histories carry past dates, so the "auto_now_add" timestamp of stage transitions is lifted
while writing (`_historical_timestamps`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import random
from dataclasses import dataclass, field
from decimal import Decimal

from stdnum import luhn

from essaim.accompaniment.enums import CheckinStatus, EnterpriseStatus, ProjectStatus
from essaim.accompaniment.models import Checkin, PipelineStage, Project, StageTransition
from essaim.accompaniment.pipelines import install as install_pipeline
from essaim.directory.validators import FICTITIOUS_SIREN_PREFIX
from essaim.evidence.enums import IntegrationKind, RevenueBand
from essaim.evidence.models import CheckinFigures, Enterprise, Measurement
from essaim.financing.enums import Instrument, NeedKind, ResourceStatus
from essaim.financing.models import FinancingNeed, FinancingPlan, FinancingResource

SUPPORTED_FIVE_YEAR_SURVIVAL = 0.70
CHECKIN_MONTHS = (6, 12, 24, 36, 60)
DROP_RATES = (0.30, 0.18, 0.12, 0.08, 0.05)
# (activity, where it makes sense): "urban", "rural" or "any" (a commune under RURAL_BELOW
# inhabitants is rural): no village concierge service in central Paris, no neighbourhood one
# in a village of the Cévennes.
RURAL_BELOW = 10_000
ACTIVITIES = [
    ("Recyclerie", "any"),
    ("Épicerie solidaire", "any"),
    ("Conciergerie de quartier", "urban"),
    ("Conciergerie rurale", "rural"),
    ("Atelier vélo", "urban"),
    ("Cantine partagée", "urban"),
    ("Ressourcerie", "any"),
    ("Garage solidaire", "any"),
    ("Tiers-lieu nourricier", "rural"),
    ("Coopérative de services", "any"),
    ("Crèche parentale", "any"),
    ("Maraîchage d'insertion", "rural"),
    ("Café associatif", "rural"),
    ("Menuiserie de réemploi", "any"),
    ("Transport solidaire", "rural"),
    ("Lieu de répit", "any"),
]
LEGAL_FORMS = ["association", "association", "scic", "scop", "sas", "cae"]
# Integration structures by legal form: integration workshops (ACI) and intermediary
# associations (AI) are associations; integration enterprises (EI) are commercial companies.
INTEGRATION_KINDS = {
    "association": [IntegrationKind.ACI, IntegrationKind.ACI, IntegrationKind.AI],
    "scic": [IntegrationKind.EI],
    "scop": [IntegrationKind.EI],
    "sas": [IntegrationKind.EI],
}
# Revenue bands by jobs (FTE): about 55,000 € of turnover per full-time job.
REVENUE_PER_FTE = 55_000


def yearly_hazard(five_year_survival: float) -> float:
    """The constant yearly hazard giving this survival after five years."""
    return -math.log(five_year_survival) / 5


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
    return dt.date(year, month, min(day.day, last[month - 1]))


def siret_for(number: int) -> str:
    """A SIRET of the fictitious range (SIREN 000 xx xxx x, docs/demo.md), Luhn-valid, from a
    number < 10^9: distinct numbers give distinct SIRETs (the NIC takes what the SIREN cannot)."""
    siren = f"{FICTITIOUS_SIREN_PREFIX}{number % 100_000:05d}"
    siren += luhn.calc_check_digit(siren)
    body = siren + f"{number // 100_000 + 1:04d}"
    return body + luhn.calc_check_digit(body)


def revenue_band(fte) -> str:
    """The turnover band a structure of this many full-time jobs plausibly has."""
    revenue = float(fte) * REVENUE_PER_FTE
    if revenue < 50_000:
        return RevenueBand.UNDER_50K
    if revenue < 200_000:
        return RevenueBand.UNDER_200K
    if revenue < 1_000_000:
        return RevenueBand.UNDER_1M
    return RevenueBand.OVER_1M


def activities_for(population: int | None) -> list[str]:
    """The activities that make sense in a commune of this size (any of them when unknown)."""
    if population is None:
        return [name for name, _where in ACTIVITIES]
    setting = "rural" if population < RURAL_BELOW else "urban"
    return [name for name, where in ACTIVITIES if where in ("any", setting)]


@dataclass
class Funders:
    """Funders available to a history, by role."""

    public: list  # régions, départements, communes, State (grants)
    networks: list  # honour loans
    banks: list

    def public_for(self, rng: random.Random, region: str | None, departement: str | None):
        local = [
            f
            for f, level, code in self.public
            if (level, code) in {("region", region), ("departement", departement)}
        ]
        national = [f for f, level, _code in self.public if level == "national"]
        return rng.choice(local or national or [None])


@dataclass
class History:
    project: Project
    transitions: list[tuple] = field(
        default_factory=list
    )  # (from_stage, to_stage, from_status, to_status, at)
    checkins: list[tuple] = field(
        default_factory=list
    )  # (months, due, observed, status, ceased_on, fte, integration)
    needs: list[tuple] = field(default_factory=list)  # (kind, amount)
    resources: list[tuple] = field(
        default_factory=list
    )  # (instrument, funder, amount, status, requested, decided, paid)
    enterprise: dict | None = None
    measurements: list[tuple] = field(default_factory=list)  # (indicator, date, value)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=dt.UTC)


def simulate(
    rng: random.Random,
    *,
    programme,
    stages: list[PipelineStage],
    model: str,
    commune: tuple | None,  # code, département, epci, région[, population]
    cohort: int,
    today: dt.date,
    funders: Funders,
    indicators: list = (),
    survival: float = SUPPORTED_FIVE_YEAR_SURVIVAL,
    number: int = 0,
    name: str = "",
) -> History:
    started = dt.date(cohort, 1, 1) + dt.timedelta(days=rng.randrange(365))
    started = min(started, today)
    activity = rng.choice(activities_for(commune[4] if commune and len(commune) > 4 else None))
    legal_form = rng.choice(LEGAL_FORMS)
    project = Project(
        name=name or activity,
        summary=f"{activity} — projet accompagné depuis {cohort}.",
        sector=activity,
        programme_id=programme.pk,
        model=model,
        commune_id=commune[0] if commune else None,
        started_on=started,
        stage_entered_on=started,
        life_stage=stages[0].life_stage,
        stage=stages[0],
    )
    history = History(project=project)
    history.transitions.append((None, stages[0], "", ProjectStatus.ACTIVE, started))
    creation_index = next((i for i, s in enumerate(stages) if s.is_creation), len(stages) - 1)
    day, current = started, 0
    while True:
        stage = stages[current]
        if stage.is_creation or current >= creation_index:
            break
        leave = day + dt.timedelta(days=rng.randint(25, 60 + 60 * current))
        if leave > today:
            break
        if rng.random() < DROP_RATES[min(current, len(DROP_RATES) - 1)]:
            history.transitions.append((stage, stage, ProjectStatus.ACTIVE, ProjectStatus.ABANDONED, leave))
            project.status = ProjectStatus.ABANDONED
            project.ended_on = leave
            project.end_reason = "Le porteur a choisi de ne pas poursuivre."
            day = leave
            break
        current += 1
        history.transitions.append(
            (stage, stages[current], ProjectStatus.ACTIVE, ProjectStatus.ACTIVE, leave)
        )
        day = leave
    project.stage = stages[current]
    project.stage_entered_on = day
    project.life_stage = stages[current].life_stage
    created = stages[current].is_creation and project.status == ProjectStatus.ACTIVE
    if created:
        project.created_on = day
        if current + 1 < len(stages):
            follow = day + dt.timedelta(days=rng.randint(20, 90))
            if follow <= today:
                history.transitions.append(
                    (stages[current], stages[current + 1], ProjectStatus.ACTIVE, ProjectStatus.ACTIVE, follow)
                )
                project.stage = stages[current + 1]
                project.stage_entered_on = follow
                project.life_stage = stages[current + 1].life_stage
    _financing(rng, history, current, creation_index, created, commune, funders, day, today, legal_form)
    if created:
        _outcomes(rng, history, survival, today, number, indicators, legal_form)
    return history


def _financing(rng, history, reached, creation_index, created, commune, funders, day, today, legal_form):
    if reached < min(2, creation_index) and not created:
        return
    needs = [
        (NeedKind.INVESTMENT, Decimal(rng.randrange(5, 60)) * 1000),
        (NeedKind.WORKING_CAPITAL, Decimal(rng.randrange(5, 30)) * 1000),
        (NeedKind.FIRST_SALARIES, Decimal(rng.randrange(10, 60)) * 1000),
        (NeedKind.LAUNCH_COSTS, Decimal(rng.randrange(2, 10)) * 1000),
    ]
    history.needs = needs
    total = sum(a for _k, a in needs)
    region, departement = (commune[3], commune[1]) if commune else (None, None)
    shares = [
        (Instrument.GRANT, funders.public_for(rng, region, departement), rng.uniform(0.25, 0.45)),
        (Instrument.HONOUR_LOAN, rng.choice(funders.networks or [None]), rng.uniform(0.08, 0.2)),
        (Instrument.BANK_LOAN, rng.choice(funders.banks or [None]), rng.uniform(0.2, 0.35)),
    ]
    requested = day - dt.timedelta(days=rng.randint(60, 150))
    decided = requested + dt.timedelta(days=rng.randint(20, 60))
    rest = total
    for instrument, funder, share in shares:
        amount = (total * Decimal(str(round(share, 2)))).quantize(Decimal("100"))
        rest -= amount
        if created:
            status = ResourceStatus.PAID if (today - day).days > 60 else ResourceStatus.GRANTED
            history.resources.append(
                (
                    instrument,
                    funder,
                    amount,
                    status,
                    requested,
                    decided,
                    decided if status == "paid" else None,
                )
            )
        else:
            status = rng.choice(
                [
                    ResourceStatus.PLANNED,
                    ResourceStatus.REQUESTED,
                    ResourceStatus.GRANTED,
                    ResourceStatus.REFUSED,
                ]
            )
            history.resources.append(
                (
                    instrument,
                    funder,
                    amount,
                    status,
                    requested if status != "planned" else None,
                    decided if status in ("granted", "refused") else None,
                    None,
                )
            )
    if created:
        # An association has members, not founders bringing capital: the rest comes from donations.
        own = Instrument.CROWDFUNDING if legal_form == "association" else Instrument.FOUNDERS
        history.resources.append((own, None, max(rest, Decimal(0)), ResourceStatus.PAID, None, None, decided))


def _outcomes(rng, history, survival, today, number, indicators, legal_form):
    project = history.project
    created_on = project.created_on
    hazard = yearly_hazard(survival)
    ceases = created_on + dt.timedelta(days=int(rng.expovariate(hazard) * 365.25))
    fte0 = rng.choice([0.5, 1, 1, 1.5, 2, 3])
    kinds = INTEGRATION_KINDS.get(legal_form, [])
    integration = rng.choice(kinds) if kinds and rng.random() < 0.15 else ""
    if integration:
        fte0 = max(fte0, 3)  # an integration workshop employs a supervisor and several people
    last_fte = Decimal(str(fte0))
    for months in CHECKIN_MONTHS:
        due = add_months(created_on, months)
        observed = due + dt.timedelta(days=rng.randint(0, 25))
        if observed > today:
            break
        if ceases <= observed:
            history.checkins.append(
                (months, due, observed, EnterpriseStatus.CEASED, ceases, Decimal(0), Decimal(0))
            )
            break
        fte = Decimal(str(round(fte0 * (1 + 0.3 * months / 12) * rng.uniform(0.8, 1.2) * 2) / 2))
        integration_fte = (fte * Decimal("0.6")).quantize(Decimal("0.5")) if integration else Decimal(0)
        status = (
            EnterpriseStatus.TAKEN_OVER if months == 60 and rng.random() < 0.03 else EnterpriseStatus.ACTIVE
        )
        history.checkins.append((months, due, observed, status, None, fte, integration_fte))
        last_fte = fte
    history.enterprise = {
        "name": f"{project.name}",
        "legal_form": legal_form,
        "siret": siret_for(number) if number else None,
        "integration_kind": integration,
        "revenue_band": revenue_band(last_fte),
    }
    for indicator in indicators:
        for year in range(created_on.year + 1, min(today.year, ceases.year) + 1):
            history.measurements.append((indicator, dt.date(year, 1, 15), Decimal(rng.randrange(5, 200))))


@contextlib.contextmanager
def _historical_timestamps():
    """Let bulk_create keep the past dates of stage transitions (auto_now_add otherwise wins)."""
    at = StageTransition._meta.get_field("at")
    saved = at.auto_now_add
    at.auto_now_add = False
    try:
        yield
    finally:
        at.auto_now_add = saved


def write(histories: list[History], *, batch_size: int = 2000) -> list[int]:
    """Insert the histories' rows (no signals); returns the project ids. Call facts_refresh after."""
    projects = Project.objects.bulk_create([h.project for h in histories], batch_size=batch_size)
    transitions, checkins, figures, plans, enterprises = [], [], [], [], []
    for h in histories:
        for from_stage, to_stage, from_status, to_status, day in h.transitions:
            transitions.append(
                StageTransition(
                    project=h.project,
                    from_stage=from_stage,
                    to_stage=to_stage,
                    from_status=from_status,
                    to_status=to_status,
                    at=_at(day),
                    comment="Historique",
                )
            )
        for months, due, observed, status, ceased_on, fte, integration in h.checkins:
            checkin = Checkin(
                project=h.project,
                months_after=months,
                due_on=due,
                status=CheckinStatus.VALIDATED,
                observed_on=observed,
                enterprise_status=status,
                ceased_on=ceased_on,
                headcount=math.ceil(fte),
                fte=fte,
                validated_at=_at(observed),
            )
            checkins.append(checkin)
            if integration:
                figures.append((checkin, integration))
        if h.needs or h.resources:
            plans.append(FinancingPlan(project=h.project))
        if h.enterprise:
            enterprises.append(Enterprise(project=h.project, **h.enterprise))
    with _historical_timestamps():
        StageTransition.objects.bulk_create(transitions, batch_size=batch_size)
    Checkin.objects.bulk_create(checkins, batch_size=batch_size)
    CheckinFigures.objects.bulk_create(
        [CheckinFigures(checkin=c, integration_fte=v, revenue_band=revenue_band(c.fte)) for c, v in figures],
        batch_size=batch_size,
    )
    FinancingPlan.objects.bulk_create(plans, batch_size=batch_size)
    plan_of = {p.project_id: p for p in plans}
    needs, resources, measurements = [], [], []
    for h in histories:
        plan = plan_of.get(h.project.pk)
        if plan is not None:
            needs += [FinancingNeed(plan=plan, kind=k, amount=a) for k, a in h.needs]
            resources += [
                FinancingResource(
                    plan=plan,
                    instrument=instrument,
                    funder=funder,
                    amount=amount,
                    status=status,
                    requested_on=requested,
                    decided_on=decided,
                    paid_on=paid,
                )
                for instrument, funder, amount, status, requested, decided, paid in h.resources
            ]
        measurements += [
            Measurement(project=h.project, indicator=ind, measured_on=day, value=value)
            for ind, day, value in h.measurements
        ]
    FinancingNeed.objects.bulk_create(needs, batch_size=batch_size)
    FinancingResource.objects.bulk_create(resources, batch_size=batch_size)
    Enterprise.objects.bulk_create(enterprises, batch_size=batch_size)
    Measurement.objects.bulk_create(measurements, batch_size=batch_size)
    return [p.pk for p in projects]


def pipeline_stages(programme, model: str) -> list[PipelineStage]:
    """The programme's active stages for this model, creating its pipeline from the template if needed."""
    pipeline = install_pipeline(programme, model)  # a generator: the template copy, no service
    return list(PipelineStage.objects.filter(pipeline=pipeline, is_archived=False).order_by("position"))
