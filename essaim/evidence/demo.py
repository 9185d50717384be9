"""Demo data of evidence: ten years of project histories for every demo programme that
accompanies projects, so that every report of the demo shows real curves.

Called by `manage.py seed_demo` after the accompaniment demo. Deterministic (a seed per
programme slug) and idempotent (a programme that already has historical projects is left
alone). Names, amounts and figures are fictitious.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib

from django.db import transaction
from django.db.models import Q

from essaim.accompaniment.models import Project, StageTransition
from essaim.directory.models import Programme
from essaim.evidence import history
from essaim.evidence.facts import facts_refresh
from essaim.evidence.models import Indicator
from essaim.evidence.services import indicator_follow, indicators_seed, programme_budget_set
from essaim.financing.models import Funder
from essaim.territories.models import Commune

FIRST_COHORT = 2015
PER_YEAR = 3
FOLLOWED = ["emplois-etp", "emplois-insertion", "beneficiaires", "achats-locaux", "lien-social"]
MEASURED = ["beneficiaires", "achats-locaux"]
TODAY = dt.date(2025, 10, 1)  # fixed, so that the demo is the same whenever it is loaded


def communes_for(programme, limit: int = 25) -> list[tuple[str, str, str | None, str]]:
    """The most populous communes of the programme's zone: (code, département, EPCI, région)."""
    q = Q()
    for level, code in programme.zone.values_list("level", "code"):
        if level == "national":
            q = Q()
            break
        field = {
            "commune": "code",
            "epci": "epci_id",
            "departement": "departement_id",
            "region": "region_id",
        }[level]
        q |= Q(**{field: code})
    rows = Commune.objects.filter(q).order_by("-population", "code")[:limit]
    return list(rows.values_list("code", "departement_id", "epci_id", "region_id"))


def demo_funders() -> history.Funders:
    funders = list(Funder.objects.prefetch_related("territories").order_by("slug"))
    public = []
    for funder in funders:
        if funder.side == "public":
            public += [(funder, t.level, t.code) for t in funder.territories.all()]
    return history.Funders(
        public=public,
        networks=[f for f in funders if f.kind == "network"],
        banks=[f for f in funders if f.kind == "bank"],
    )


@transaction.atomic
def seed(*, stdout=None) -> int:
    """Side effects: indicator catalogue, followed indicators, budgets, historical projects with
    their transitions, check-ins, financing plans, enterprises and measurements; facts rebuilt."""
    indicators_seed()
    catalogue = {i.slug: i for i in Indicator.objects.filter(slug__in=FOLLOWED)}
    funders = demo_funders()
    programmes = Programme.objects.real().exclude(model="none").order_by("slug")
    created = 0
    touched = []
    for number, programme in enumerate(programmes, start=1):
        for slug in FOLLOWED:
            indicator_follow(programme=programme, indicator=catalogue[slug])
        already = StageTransition.objects.filter(project__programme=programme, comment="Historique").exists()
        touched.append(programme.pk)
        if already:
            continue
        rng = random.Random(zlib.crc32(programme.slug.encode()))
        for year in range(FIRST_COHORT, TODAY.year + 1):
            programme_budget_set(programme=programme, year=year, amount=rng.randrange(120, 400) * 1000)
        models = ["generator"] if programme.model == "generator" else ["carrier"]
        if programme.model == "both":
            models.append("generator")
        stages = {model: history.pipeline_stages(programme, model) for model in models}
        communes = communes_for(programme) or [None]
        measured = [catalogue[s] for s in MEASURED]
        histories = []
        for cohort in range(FIRST_COHORT, TODAY.year):
            for i in range(PER_YEAR):
                model = rng.choice(models)
                histories.append(
                    history.simulate(
                        rng,
                        programme=programme,
                        stages=stages[model],
                        model=model,
                        commune=rng.choice(communes),
                        cohort=cohort,
                        today=TODAY,
                        funders=funders,
                        indicators=measured,
                        number=7_000_000 + number * 10_000 + (cohort - FIRST_COHORT) * 10 + i,
                    )
                )
        history.write(histories)
        created += len(histories)
    facts_refresh(Project.objects.filter(programme_id__in=touched).values_list("pk", flat=True), today=TODAY)
    if stdout is not None:
        stdout.write(f"  Preuves d'impact : {created} projets historiques, faits recalculés.")
    return created
