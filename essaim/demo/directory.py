"""Deterministic synthetic organisations and programmes, for benchmarks and scale tests.

`manage.py generate_synthetic` offers an option to every module of `essaim.demo` that defines
the generator protocol (see essaim/demo/__init__.py):

    OPTION = "projects"          # becomes --projects N
    HELP = "…"                   # help text of the option
    ORDER = 20                   # generators run in ascending order, clears in descending order
    def generate(*, count: int, seed: int, stdout) -> int: ...   # returns rows created
    def clear(*, stdout) -> int: ...                               # removes its synthetic rows

This module is the directory's generator (`--programmes N`). Rows are marked
`is_synthetic=True`, so the public directory and the demo can leave them out.
"""

import random
from dataclasses import dataclass

from django.db import transaction

from essaim.core.text import normalise
from essaim.directory.enums import (
    AccompanimentModel,
    Activity,
    Initiator,
    LegalForm,
    LifeStage,
    Need,
    ProgrammeKind,
    Public,
)
from essaim.directory.models import Ecosystem, Organisation, Programme, ZoneItem
from essaim.territories.models import Commune, Departement, Epci, Level, Region

OPTION = "programmes"
HELP = "nombre de dispositifs synthétiques à créer"
ORDER = 10

SOURCE = "Données synthétiques générées par Essaim (manage.py generate_synthetic), graine {seed}"
LICENCE = "Données fictives"
BATCH = 1000

K, M, S = ProgrammeKind, AccompanimentModel, LifeStage

# kind → (weight, models with weights, typical stages, typical activities, typical needs, name words)
PROFILES: dict[str, dict] = {
    K.INCUBATOR: {
        "weight": 14,
        "models": {M.CARRIER: 9, M.BOTH: 1},
        "stages": [S.EMERGENCE, S.CREATION],
        "activities": [Activity.INDIVIDUAL_COACHING, Activity.EXPERTS, Activity.COLLECTIVE_TRAINING],
        "needs": [Need.FEASIBILITY, Need.BUSINESS_PLAN, Need.FINANCING],
        "label": "Incubateur",
    },
    K.COUVEUSE: {
        "weight": 9,
        "models": {M.CARRIER: 1},
        "stages": [S.EMERGENCE, S.CREATION],
        "activities": [Activity.ACTIVITY_TEST, Activity.INDIVIDUAL_COACHING, Activity.POST_CREATION],
        "needs": [Need.IDEA, Need.BUSINESS_PLAN, Need.LEGAL_STRUCTURE],
        "label": "Couveuse",
    },
    K.PROJECT_GENERATOR: {
        "weight": 6,
        "models": {M.GENERATOR: 1},
        "stages": [S.EMERGENCE],
        "activities": [Activity.OPPORTUNITY_STUDY, Activity.PROJECT_DESIGN, Activity.CARRIER_RECRUITMENT],
        "needs": [Need.IDEA, Need.FEASIBILITY, Need.RECRUITING],
        "label": "Fabrique à projets",
    },
    K.RESOURCE_CENTRE: {
        "weight": 12,
        "models": {M.NONE: 2, M.CARRIER: 1},
        "stages": [S.EMERGENCE, S.CREATION],
        "activities": [Activity.INFORMATION, Activity.ORIENTATION, Activity.NETWORK_STRUCTURING],
        "needs": [Need.IDEA, Need.PEERS, Need.LEGAL_STRUCTURE],
        "label": "Centre de ressources",
    },
    K.SHARED_PLACE: {
        "weight": 12,
        "models": {M.NONE: 1},
        "stages": [S.CREATION, S.CONSOLIDATION, S.DEVELOPPEMENT],
        "activities": [Activity.HOSTING, Activity.POOLED_SERVICES, Activity.COMMUNITY, Activity.EVENTS],
        "needs": [Need.PREMISES, Need.PEERS],
        "label": "Tiers-lieu",
    },
    K.PTCE: {
        "weight": 5,
        "models": {M.NONE: 3, M.BOTH: 1},
        "stages": [S.EMERGENCE, S.CREATION, S.CONSOLIDATION, S.DEVELOPPEMENT],
        "activities": [Activity.COMMUNITY, Activity.PROJECT_DESIGN, Activity.POOLED_SERVICES],
        "needs": [Need.PEERS, Need.MARKETS, Need.PREMISES],
        "label": "Pôle de coopération",
    },
    K.BUSINESS_NURSERY: {
        "weight": 12,
        "models": {M.CARRIER: 1, M.NONE: 1},
        "stages": [S.CREATION, S.CONSOLIDATION],
        "activities": [Activity.HOSTING, Activity.INDIVIDUAL_COACHING, Activity.POOLED_SERVICES],
        "needs": [Need.PREMISES, Need.FINANCING],
        "label": "Pépinière",
    },
    K.NETWORK: {
        "weight": 6,
        "models": {M.BOTH: 1, M.NONE: 1},
        "stages": [S.EMERGENCE, S.CREATION, S.CONSOLIDATION, S.DEVELOPPEMENT],
        "activities": [Activity.COMMUNITY, Activity.NETWORK_STRUCTURING, Activity.PROMOTION],
        "needs": [Need.PEERS, Need.MARKETS],
        "label": "Réseau",
    },
    K.REPRESENTATION_BODY: {
        "weight": 4,
        "models": {M.NONE: 1},
        "stages": [S.EMERGENCE, S.CREATION, S.CONSOLIDATION, S.DEVELOPPEMENT],
        "activities": [Activity.OBSERVATORY, Activity.PROMOTION, Activity.INFORMATION],
        "needs": [Need.PEERS],
        "label": "Chambre de l'ESS",
    },
    K.BUSINESS_FLOW_TOOL: {
        "weight": 4,
        "models": {M.NONE: 1},
        "stages": [S.CONSOLIDATION, S.DEVELOPPEMENT],
        "activities": [Activity.BUSINESS_FLOWS, Activity.EVENTS],
        "needs": [Need.MARKETS],
        "label": "Marché solidaire",
    },
    K.TRAINING_CENTRE: {
        "weight": 8,
        "models": {M.NONE: 1},
        "stages": [S.CONSOLIDATION, S.DEVELOPPEMENT],
        "activities": [Activity.COLLECTIVE_TRAINING],
        "needs": [Need.TRAINING],
        "label": "École",
    },
    K.ENTERPRISE_GROUP: {
        "weight": 4,
        "models": {M.GENERATOR: 2, M.BOTH: 1},
        "stages": [S.EMERGENCE, S.CREATION, S.DEVELOPPEMENT],
        "activities": [Activity.PROJECT_DESIGN, Activity.REPLICATION, Activity.POOLED_SERVICES],
        "needs": [Need.IDEA, Need.RECRUITING],
        "label": "Groupe",
    },
}

# Zone level of a synthetic programme, with weights: most act at département level.
LEVEL_WEIGHTS = {
    Level.COMMUNE: 15,
    Level.EPCI: 20,
    Level.DEPARTEMENT: 40,
    Level.REGION: 20,
    Level.NATIONAL: 5,
}
NAME_WORDS = [
    "Horizon",
    "Solidaire",
    "Essor",
    "Ruche",
    "Trame",
    "Racines",
    "Envol",
    "Passerelle",
    "Communs",
    "Graines",
    "Atelier",
    "Fabrique",
    "Boussole",
    "Archipel",
    "Levain",
    "Sillon",
]
LEGAL_FORMS = {
    LegalForm.ASSOCIATION: 12,
    LegalForm.SCIC: 3,
    LegalForm.SCOP: 2,
    LegalForm.CAE: 2,
    LegalForm.SAS: 1,
    LegalForm.GIE: 1,
}


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()), k=1)[0]


def _extras(rng: random.Random, base: list, universe, count: int) -> list:
    values = set(base)
    pool = [v for v in universe if v not in values]
    values.update(rng.sample(pool, k=min(count, len(pool))))
    return sorted(values)


@dataclass
class _Territories:
    departements: list[tuple[str, str, str]]  # code, name, region code
    communes: dict[str, list[tuple[str, str, str | None]]]  # département → [(code, name, epci)]
    commune_weights: dict[str, list[int]]  # département → cumulated populations (+1 each)
    region_names: dict[str, str]
    epci_names: dict[str, str]

    @classmethod
    def load(cls) -> "_Territories":
        departements = list(Departement.objects.order_by("code").values_list("code", "name", "region_id"))
        if not departements:
            raise RuntimeError("Aucun territoire en base : lancez d'abord python manage.py load_territories")
        communes: dict[str, list] = {}
        weights: dict[str, list[int]] = {}
        for code, name, dep, epci, population in Commune.objects.order_by("code").values_list(
            "code", "name", "departement_id", "epci_id", "population"
        ):
            communes.setdefault(dep, []).append((code, name, epci))
            cumulated = weights.setdefault(dep, [])
            cumulated.append((cumulated[-1] if cumulated else 0) + population + 1)
        return cls(
            departements=departements,
            communes=communes,
            commune_weights=weights,
            region_names=dict(Region.objects.values_list("code", "name")),
            epci_names=dict(Epci.objects.values_list("code", "name")),
        )


def _zone(rng: random.Random, terr: _Territories, dep: tuple[str, str, str]) -> tuple[list, str]:
    """(zone keys, place name used in the programme's name) around a home département."""
    dep_code, dep_name, region = dep
    level = _pick(rng, LEVEL_WEIGHTS)
    communes = terr.communes.get(dep_code) or []
    if level == Level.COMMUNE and communes:
        # Populous communes host more programmes than villages.
        code, name, _epci = rng.choices(communes, cum_weights=terr.commune_weights[dep_code], k=1)[0]
        return [(Level.COMMUNE, code)], name
    epcis = sorted({epci for _c, _n, epci in communes if epci})
    if level in (Level.COMMUNE, Level.EPCI) and epcis:
        epci = rng.choice(epcis)
        return [(Level.EPCI, epci)], terr.epci_names.get(epci, dep_name)
    if level == Level.REGION:
        return [(Level.REGION, region)], terr.region_names.get(region, dep_name)
    if level == Level.NATIONAL:
        return [(Level.NATIONAL, "FR")], "France"
    keys = [(Level.DEPARTEMENT, dep_code)]
    if rng.random() < 0.25:
        siblings = [d[0] for d in terr.departements if d[2] == region and d[0] != dep_code]
        keys += [(Level.DEPARTEMENT, code) for code in rng.sample(siblings, k=min(len(siblings), 2))]
    return keys, dep_name


def build(*, count: int, seed: int, territories: _Territories | None = None):
    """The rows to create, without touching the database: (organisations, programmes, zones).

    Deterministic: the same seed and the same territories give the same rows.
    """
    rng = random.Random(seed)
    terr = territories or _Territories.load()
    kinds = {kind: profile["weight"] for kind, profile in PROFILES.items()}
    organisations: list[Organisation] = []
    programmes: list[Programme] = []
    zones: list[list[tuple[str, str]]] = []
    source = SOURCE.format(seed=seed)
    remaining_in_org = 0
    for i in range(count):
        dep = rng.choice(terr.departements)
        if remaining_in_org == 0:
            remaining_in_org = _pick(rng, {1: 6, 2: 3, 3: 1})
            org_number = len(organisations) + 1
            org_communes = terr.communes.get(dep[0]) or []
            organisations.append(
                Organisation(
                    slug=f"synthetique-{seed}-o{org_number:06d}",
                    name=f"{rng.choice(NAME_WORDS)} {dep[1]} {org_number}",
                    legal_form=_pick(rng, LEGAL_FORMS),
                    year_created=rng.randint(1990, 2025),
                    initiator=rng.choice(Initiator.values),
                    commune_id=rng.choice(org_communes)[0] if org_communes else None,
                    is_synthetic=True,
                )
            )
        remaining_in_org -= 1
        kind = _pick(rng, kinds)
        profile = PROFILES[kind]
        zone, place = _zone(rng, terr, dep)
        name = f"{profile['label']} {rng.choice(NAME_WORDS)} {place} {i + 1}"
        stages = profile["stages"]
        if rng.random() < 0.2:
            stages = _extras(rng, stages, S.values, 1)
        share_public = rng.choice([None, 40, 55, 60, 70, 80])
        programmes.append(
            Programme(
                organisation=organisations[-1],
                slug=f"synthetique-{seed}-{i + 1:06d}",
                name=name,
                name_norm=normalise(name),
                kind=kind,
                model=_pick(rng, profile["models"]),
                stages=stages,
                activities=_extras(rng, profile["activities"], Activity.values, rng.randint(0, 2)),
                needs=_extras(rng, profile["needs"], Need.values, rng.randint(0, 2)),
                publics=_extras(rng, [Public.CARRIERS], Public.values, rng.randint(0, 3)),
                summary=f"Dispositif fictif ({profile['label'].lower()}) pour les essais de charge.",
                share_public_funding=share_public,
                share_service_sales=(100 - share_public) // 2 if share_public else None,
                source=source,
                licence=LICENCE,
                is_synthetic=True,
            )
        )
        zones.append(zone)
    return organisations, programmes, zones


def generate(*, count: int, seed: int, stdout=None) -> int:
    """Create `count` synthetic programmes (and their organisations and zones) in bulk.

    Side effects: bulk INSERTs of Organisation, Programme, ZoneItem, in one transaction.
    Raises ValueError if synthetic rows with these slugs already exist (use clear first).
    """
    if count <= 0:
        return 0
    organisations, programmes, zones = build(count=count, seed=seed)
    if Programme.objects.filter(slug__startswith=f"synthetique-{seed}-").exists():
        raise ValueError(
            f"Des dispositifs synthétiques de graine {seed} existent déjà : ajoutez --clear pour les remplacer."
        )
    with transaction.atomic():
        Organisation.objects.bulk_create(organisations, batch_size=BATCH)
        for programme in programmes:
            programme.organisation_id = programme.organisation.pk
        Programme.objects.bulk_create(programmes, batch_size=BATCH)
        items = [
            ZoneItem(programme_id=programme.pk, level=level, code=code)
            for programme, zone in zip(programmes, zones, strict=True)
            for level, code in zone
        ]
        ZoneItem.objects.bulk_create(items, batch_size=BATCH * 5)
    if stdout is not None:
        stdout.write(
            f"  {len(programmes)} dispositifs, {len(organisations)} organisations, "
            f"{len(items)} territoires d'intervention synthétiques créés (graine {seed})."
        )
    return len(programmes)


def clear(*, stdout=None) -> int:
    """Delete every synthetic programme and organisation (with their zones and memberships).

    Side effects: DELETEs in one transaction.
    """
    with transaction.atomic():
        programmes = Programme.objects.filter(is_synthetic=True)
        Ecosystem.members.through.objects.filter(programme__in=programmes).delete()
        ZoneItem.objects.filter(programme__in=programmes).delete()
        count = programmes.count()
        programmes.delete()
        Organisation.objects.filter(is_synthetic=True).delete()
    if stdout is not None:
        stdout.write(f"  Dispositifs synthétiques supprimés : {count} lignes.")
    return count
