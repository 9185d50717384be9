"""Synthetic project histories for benchmarks and scale tests (`generate_synthetic --projects N`).

Projects are spread over every département, each run by a synthetic programme acting there
(create those first with `--programmes N`). Each one gets a stage history, a financing plan,
and — when it reached creation — an enterprise with check-ins and indicator measurements;
survival is drawn around the study's figure for supported enterprises (70 % after 5 years),
varying by programme. Deterministic for a given seed and database. See essaim/evidence/history.py.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.db import transaction

from essaim.evidence import history

OPTION = "projects"
HELP = "nombre de projets synthétiques (historiques, financements, suivis, indicateurs) à créer"
ORDER = 50

BATCH = 5000
FIRST_COHORT = 2012
TODAY = dt.date(2025, 10, 1)


def _programmes_by_departement(rng):
    """département → synthetic programmes accompanying projects there; plus the national ones."""
    from essaim.directory.models import Programme, ZoneItem
    from essaim.territories.models import Commune, Departement

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
    from essaim.territories.models import Commune

    per_dep = defaultdict(list)
    for row in Commune.objects.order_by("departement_id", "-population", "code").values_list(
        "code", "departement_id", "epci_id", "region_id"
    ):
        if len(per_dep[row[1]]) < 40:
            per_dep[row[1]].append(row)
    return per_dep


def _funders():
    from essaim.financing.models import Funder, FunderTerritory
    from essaim.territories.models import Region

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
    from essaim.accompaniment.models import Project
    from essaim.evidence.facts import facts_refresh
    from essaim.evidence.models import Indicator
    from essaim.evidence.services import indicators_seed
    from essaim.territories.models import Departement

    rng = random.Random(seed)
    indicators_seed()
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
                        cohort=rng.randint(FIRST_COHORT, TODAY.year - 1),
                        today=TODAY,
                        funders=funders,
                        indicators=measured,
                        survival=survival_of[programme.pk],
                        number=first_number + done + i,
                    )
                )
            ids = history.write(histories)
            facts_refresh(ids, today=TODAY)
        done += size
        stdout.write(f"  Projets synthétiques : {done}/{count}")
    return count


def clear(*, stdout) -> int:
    """Remove the projects of synthetic programmes and everything hanging from them."""
    from essaim.accompaniment.models import Checkin, Project, StageTransition
    from essaim.evidence.models import (
        CheckinFigures,
        Enterprise,
        IndicatorTarget,
        Measurement,
        ProjectFact,
        StageFact,
        YearFact,
    )
    from essaim.financing.models import FinancingNeed, FinancingPlan, FinancingResource, Funder

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
