"""Demo and synthetic data of evidence: project histories (essaim/demo/history.py) written for
the demo programmes and, at scale, for synthetic ones.

- `seed` (called by `manage.py seed_demo` after the accompaniment demo): ten years of
  histories for every demo programme that accompanies projects, so that every report of the
  demo shows real curves. Deterministic (a seed per programme slug) and idempotent (a
  programme that already has historical projects is left alone).
- `generate` / `clear` (`manage.py generate_synthetic --projects N`): projects spread over
  every département, each run by a synthetic programme acting there (create those first with
  `--programmes N`); survival is drawn around the study's figure for supported enterprises
  (70 % after 5 years), varying by programme. Deterministic for a given seed and database.

Names, amounts and figures are fictitious.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from essaim.accompaniment.models import Checkin, Project, StageTransition
from essaim.core.actors import DEMO
from essaim.demo import budgets, history
from essaim.directory.models import Programme, ZoneItem
from essaim.evidence.facts import facts_refresh
from essaim.evidence.models import (
    CheckinFigures,
    Enterprise,
    Indicator,
    IndicatorTarget,
    Measurement,
    ProjectFact,
    StageFact,
    YearFact,
)
from essaim.evidence.services import indicator_follow, indicators_seed, programme_budget_set
from essaim.financing.models import FinancingNeed, FinancingPlan, FinancingResource, Funder, FunderTerritory
from essaim.territories.models import Commune, Departement, Region

OPTION = "projects"
HELP = "nombre de projets synthétiques (historiques, financements, suivis, indicateurs) à créer"
ORDER = 50

YEARS = 10  # cohorts of the last ten years, counted back from the day the demo is loaded
PER_YEAR = 3
FOLLOWED = ["emplois-etp", "emplois-insertion", "beneficiaires", "achats-locaux", "lien-social"]
MEASURED = ["beneficiaires", "achats-locaux"]
SYNTHETIC_TODAY = dt.date(2025, 10, 1)  # fixed: benchmarks compare the same rows from run to run


def communes_for(programme, limit: int = 25) -> list[tuple[str, str, str | None, str, int]]:
    """The most populous communes of the programme's zone and, for rural activities, as many
    small ones: (code, département, EPCI, région, population)."""
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
    fields = ("code", "departement_id", "epci_id", "region_id", "population")
    towns = list(Commune.objects.filter(q).order_by("-population", "code")[:limit].values_list(*fields))
    # Villages: small communes outside the intercommunalities of those towns (not their suburbs).
    villages = (
        Commune.objects.filter(q, population__gte=1_000, population__lt=5_000)
        .exclude(epci_id__in={epci for _c, _d, epci, _r, _p in towns if epci})
        .order_by("-population", "code")[:limit]
    )
    return towns + list(villages.values_list(*fields))


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
def seed(*, stdout=None, today: dt.date | None = None) -> int:
    """Side effects: indicator catalogue, followed indicators, budgets, historical projects with
    their transitions, check-ins, financing plans, enterprises and measurements; facts rebuilt.

    The history ends on the day the demo is loaded (`today`): ten cohorts back from it."""
    today = today or timezone.localdate()
    first_cohort = today.year - YEARS
    indicators_seed(by=DEMO)
    catalogue = {i.slug: i for i in Indicator.objects.filter(slug__in=FOLLOWED)}
    funders = demo_funders()
    programmes = Programme.objects.real().exclude(model="none").order_by("slug")
    created = 0
    touched = []
    for number, programme in enumerate(programmes, start=1):
        for slug in FOLLOWED:
            indicator_follow(programme=programme, indicator=catalogue[slug], by=DEMO)
        already = StageTransition.objects.filter(project__programme=programme, comment="Historique").exists()
        if already:  # written by an earlier run: its facts are up to date
            continue
        touched.append(programme.pk)
        rng = random.Random(zlib.crc32(programme.slug.encode()))
        for year in range(first_cohort, today.year + 1):
            programme_budget_set(
                programme=programme, year=year, amount=rng.randrange(120, 400) * 1000, by=DEMO
            )
        models = ["generator"] if programme.model == "generator" else ["carrier"]
        if programme.model == "both":
            models.append("generator")
        stages = {model: history.pipeline_stages(programme, model) for model in models}
        communes = communes_for(programme) or [None]
        measured = [catalogue[s] for s in MEASURED]
        histories = []
        for cohort in range(first_cohort, today.year):
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
                        today=today,
                        funders=funders,
                        indicators=measured,
                        number=number * 1_000 + (cohort - first_cohort) * 10 + i,
                    )
                )
        history.write(histories)
        created += len(histories)
    if touched:
        facts_refresh(
            Project.objects.filter(programme_id__in=touched).values_list("pk", flat=True), today=today
        )
    lines = budgets.seed_lines(list(programmes), today=today)
    if stdout is not None:
        done = "faits recalculés" if created else "déjà en place"
        stdout.write(f"  Preuves d'impact : {created} projets historiques, {done}.")
        stdout.write(
            f"  Budgets par source : {lines} lignes écrites."
            if lines
            else "  Budgets par source : déjà en place."
        )
    return created


# --- Synthetic histories at scale (generate_synthetic --projects N) ----------------------------

BATCH = 5000
SYNTHETIC_FIRST_COHORT = 2012


def _programmes_by_departement(rng):
    """département → synthetic programmes accompanying projects there; plus the national ones."""

    programmes = {p.pk: p for p in Programme.objects.filter(is_synthetic=True).exclude(model="none")}
    if not programmes:
        raise RuntimeError(
            "Aucun dispositif synthétique qui accompagne des projets : lancez d'abord generate_synthetic --programmes N."
        )
    deps_of_region = defaultdict(list)
    for code, region in Departement.objects.values_list("code", "region_id"):
        deps_of_region[region].append(code)
    dep_of_commune = dict(Commune.objects.values_list("code", "departement_id"))
    dep_of_epci = dict(Commune.objects.filter(epci__isnull=False).values_list("epci_id", "departement_id"))
    by_dep = defaultdict(list)
    national = []
    for programme_id, level, code in ZoneItem.objects.filter(programme_id__in=programmes).values_list(
        "programme_id", "level", "code"
    ):
        if level == "national":
            national.append(programme_id)
        elif level == "region":
            for dep in deps_of_region.get(code, []):
                by_dep[dep].append(programme_id)
        elif level == "departement":
            by_dep[code].append(programme_id)
        elif level == "epci" and code in dep_of_epci:
            by_dep[dep_of_epci[code]].append(programme_id)
        elif level == "commune" and code in dep_of_commune:
            by_dep[dep_of_commune[code]].append(programme_id)
    fallback = national or sorted(programmes)
    return programmes, {dep: sorted(set(ids)) for dep, ids in by_dep.items()}, fallback


def _communes():

    per_dep = defaultdict(list)
    for row in Commune.objects.order_by("departement_id", "-population", "code").values_list(
        "code", "departement_id", "epci_id", "region_id"
    ):
        if len(per_dep[row[1]]) < 40:
            per_dep[row[1]].append(row)
    return per_dep


def _funders():

    wanted = [
        ("synthetique-region-" + code, f"Région {name} (synthétique)", "region", f"region:{code}")
        for code, name in Region.objects.values_list("code", "name")
    ]
    wanted += [
        ("synthetique-etat", "État (synthétique)", "state", "national:FR"),
        ("synthetique-reseau", "Réseau de prêts d'honneur (synthétique)", "network", "national:FR"),
        ("synthetique-banque", "Banque coopérative (synthétique)", "bank", "national:FR"),
    ]
    existing = set(Funder.objects.filter(is_synthetic=True).values_list("slug", flat=True))
    for slug, name, kind, ref in wanted:
        if slug in existing:
            continue
        funder = Funder.objects.create(slug=slug, name=name, kind=kind, is_synthetic=True)
        level, _sep, code = ref.partition(":")
        FunderTerritory.objects.create(funder=funder, level=level, code=code)
    funders = list(Funder.objects.filter(is_synthetic=True).prefetch_related("territories").order_by("slug"))
    return history.Funders(
        public=[(f, t.level, t.code) for f in funders if f.side == "public" for t in f.territories.all()],
        networks=[f for f in funders if f.kind == "network"],
        banks=[f for f in funders if f.kind == "bank"],
    )


def generate(*, count: int, seed: int, stdout) -> int:
    """Create `count` synthetic projects with their histories; returns the number of projects."""

    rng = random.Random(seed)
    indicators_seed(by=DEMO)
    measured = list(Indicator.objects.filter(slug__in=["beneficiaires", "achats-locaux"]).order_by("slug"))
    with transaction.atomic():
        programmes, by_dep, fallback = _programmes_by_departement(rng)
        funders = _funders()
    communes = _communes()
    departements = sorted(Departement.objects.values_list("code", flat=True))
    first_number = 20_000_000 + Project.objects.filter(programme__is_synthetic=True).count()
    stages_cache: dict[tuple[int, str], list] = {}
    survival_of: dict[int, float] = {}
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        histories = []
        with transaction.atomic():
            for i in range(size):
                dep = departements[(done + i) % len(departements)]
                programme = programmes[rng.choice(by_dep.get(dep) or fallback)]
                model = "generator" if programme.model == "generator" else "carrier"
                if programme.model == "both" and rng.random() < 0.3:
                    model = "generator"
                key = (programme.pk, model)
                if key not in stages_cache:
                    stages_cache[key] = history.pipeline_stages(programme, model)
                if programme.pk not in survival_of:
                    survival_of[programme.pk] = min(
                        0.9, max(0.45, rng.gauss(history.SUPPORTED_FIVE_YEAR_SURVIVAL, 0.07))
                    )
                histories.append(
                    history.simulate(
                        rng,
                        programme=programme,
                        stages=stages_cache[key],
                        model=model,
                        commune=rng.choice(communes[dep]) if communes.get(dep) else None,
                        cohort=rng.randint(SYNTHETIC_FIRST_COHORT, SYNTHETIC_TODAY.year - 1),
                        today=SYNTHETIC_TODAY,
                        funders=funders,
                        indicators=measured,
                        survival=survival_of[programme.pk],
                        number=first_number + done + i,
                    )
                )
            ids = history.write(histories)
            facts_refresh(ids, today=SYNTHETIC_TODAY)
        done += size
        stdout.write(f"  Projets synthétiques : {done}/{count}")
    return count


def clear(*, stdout) -> int:
    """Remove the projects of synthetic programmes and everything hanging from them."""

    projects = Project.objects.filter(programme__is_synthetic=True).values("pk")
    total = 0
    with transaction.atomic():
        # Children first, without loading rows (the evidence signals would otherwise make
        # Django fetch every row before deleting it).
        for queryset in (
            StageFact.objects.filter(fact__project__in=projects),
            YearFact.objects.filter(fact__project__in=projects),
            ProjectFact.objects.filter(project__in=projects),
            Measurement.objects.filter(project__in=projects),
            IndicatorTarget.objects.filter(project__in=projects),
            CheckinFigures.objects.filter(checkin__project__in=projects),
            Enterprise.objects.filter(project__in=projects),
            FinancingResource.objects.filter(plan__project__in=projects),
            FinancingNeed.objects.filter(plan__project__in=projects),
            FinancingPlan.objects.filter(project__in=projects),
            Checkin.objects.filter(project__in=projects),
            StageTransition.objects.filter(project__in=projects),
        ):
            total += queryset._raw_delete(queryset.db)
        removed, _detail = Project.objects.filter(programme__is_synthetic=True).delete()
        Funder.objects.filter(is_synthetic=True).delete()
    stdout.write(f"  Projets synthétiques supprimés : {removed} (et {total} lignes liées).")
    return removed
