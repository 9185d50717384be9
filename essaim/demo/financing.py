"""Demo data of financing: a directory of funders (real institutions, no real amounts).

Called by `manage.py seed_demo` (see essaim/core/management/commands/seed_demo.py). The
financing plans of the demo projects are written with their histories by
essaim/demo/evidence.py; the amounts there are fictitious.
"""

from django.db import transaction

from essaim.core.actors import DEMO
from essaim.financing.models import Funder
from essaim.financing.services import funder_create

# slug, name, kind, instruments, territories
FUNDERS = [
    ("region-occitanie", "Région Occitanie", "region", ["grant", "seed_fund"], ["region:76"]),
    ("region-ile-de-france", "Région Île-de-France", "region", ["grant"], ["region:11"]),
    ("region-sud", "Région Provence-Alpes-Côte d'Azur", "region", ["grant"], ["region:93"]),
    ("region-auvergne-rhone-alpes", "Région Auvergne-Rhône-Alpes", "region", ["grant"], ["region:84"]),
    ("region-nouvelle-aquitaine", "Région Nouvelle-Aquitaine", "region", ["grant"], ["region:75"]),
    ("region-normandie", "Région Normandie", "region", ["grant"], ["region:28"]),
    ("departement-herault", "Département de l'Hérault", "departement", ["grant"], ["departement:34"]),
    ("departement-gard", "Département du Gard", "departement", ["grant"], ["departement:30"]),
    ("etat-dreets", "État (services déconcentrés)", "state", ["grant"], ["national"]),
    ("bpifrance", "Bpifrance", "bpi", ["honour_loan", "bank_loan", "equity"], ["national"]),
    ("france-active", "France Active", "network", ["honour_loan", "equity", "grant"], ["national"]),
    ("initiative-france", "Initiative France", "network", ["honour_loan"], ["national"]),
    ("reseau-entreprendre", "Réseau Entreprendre", "network", ["honour_loan"], ["national"]),
    ("adie", "Adie", "network", ["bank_loan", "honour_loan"], ["national"]),
    ("credit-cooperatif", "Crédit Coopératif", "bank", ["bank_loan"], ["national"]),
    ("la-nef", "La Nef", "bank", ["bank_loan"], ["national"]),
    ("fondation-de-france", "Fondation de France", "foundation", ["grant"], ["national"]),
]


@transaction.atomic
def seed(*, stdout=None) -> int:
    """Create the demo funders (idempotent). Side effects: Funder and FunderTerritory rows, through
    `financing.services.funder_create` (one activity-log event each)."""
    created = 0
    existing = set(Funder.objects.filter(slug__in=[f[0] for f in FUNDERS]).values_list("slug", flat=True))
    for slug, name, kind, instruments, territories in FUNDERS:
        if slug in existing:
            continue
        funder_create(
            name=name,
            slug=slug,
            kind=kind,
            instruments=instruments,
            territories=territories,
            description="Annuaire de démonstration : les montants associés dans la démo sont fictifs.",
            by=DEMO,
        )
        created += 1
    if stdout is not None:
        stdout.write(f"  Financeurs : {created} créés ({len(FUNDERS)} au total).")
    return created
