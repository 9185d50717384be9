"""Demo practice library (issue 11 §5), run by `manage.py seed_demo` after the accompaniment
demo (the programmes' pipelines): three published resources of demo programmes — Alter'Incub's
feasibility-study checklist, La Fabrique à Initiatives' selection grid, Antropia's financing-plan
template — and one reuse: Antropia copies Alter'Incub's checklist into the feasibility stage of
its pipeline.

Deterministic (fixed texts) and idempotent: a resource is looked up by its programme and title
(published only when it is not), the reuse by its resource and programme; nothing is written
when they exist. Everything goes through the services, as each programme's team would.
"""

from django.db import transaction

from essaim.accompaniment.models import PipelineStage
from essaim.accounts.models import Membership, User
from essaim.directory.models import Programme
from essaim.library import services
from essaim.library.enums import ResourceState
from essaim.library.models import Resource, Reuse

FEASIBILITY = {
    "kind": "checklist",
    "title": "Liste des livrables de l'étude de faisabilité",
    "summary": (
        "Ce qu'un porteur remet avant le comité de passage en création : les livrables que "
        "l'incubateur vérifie, dans l'ordre où il les demande."
    ),
    "body": "Chaque livrable est relu par le chargé d'accompagnement avant le comité.",
    "licence": "cc_by_4",
    "items": [
        "Étude de marché et besoin social documentés",
        "Modèle économique sur trois ans",
        "Partenaires et premiers clients rencontrés",
        "Choix du statut juridique argumenté",
    ],
    "stages": ["emergence"],
    "kinds": ["incubator"],
    "needs": ["feasibility", "business_plan"],
}
SELECTION_GRID = {
    "kind": "selection_grid",
    "title": "Grille de sélection des idées de territoire",
    "summary": "Les critères du comité pour retenir une idée d'activité et lancer sa recherche de porteur.",
    "body": (
        "Besoin social avéré (1 à 5) ; ancrage territorial et partenaires (1 à 5) ; "
        "potentiel d'emplois (1 à 5) ; viabilité économique pressentie (1 à 5). "
        "Une idée est retenue à 12 points et sans note de 1."
    ),
    "licence": "etalab_2",
    "stages": ["emergence"],
    "kinds": ["project_generator"],
    "needs": ["idea"],
}
FINANCING_PLAN = {
    "kind": "financing_template",
    "title": "Modèle de plan de financement de démarrage",
    "summary": "Les besoins et ressources des trois premières années, avec les financements solidaires usuels.",
    "body": (
        "Besoins : investissements, besoin en fonds de roulement, frais de démarrage. "
        "Ressources : apports, prêts d'honneur, prêt bancaire garanti, subventions, "
        "financement participatif. Le plan est équilibré chaque année."
    ),
    "licence": "cc_by_sa_4",
    "stages": ["creation"],
    "kinds": ["incubator", "couveuse"],
    "needs": ["financing"],
}
RESOURCES = [
    ("alter-incub", FEASIBILITY),
    ("la-fabrique-a-initiatives", SELECTION_GRID),
    ("antropia", FINANCING_PLAN),
]
REUSE = ("antropia", "opportunite_faisabilite")  # Antropia copies the feasibility checklist


def _team(programme):
    return (
        User.objects.filter(
            memberships__organisation_id=programme.organisation_id, memberships__role=Membership.Role.ADMIN
        )
        .order_by("pk")
        .first()
    )


def _resource(programme, team, fields) -> tuple[Resource, int]:
    resource = Resource.objects.filter(programme=programme, title=fields["title"]).first()
    created = 0
    if resource is None:
        resource, created = services.resource_create(programme=programme, by=team, **fields), 1
    if resource.state == ResourceState.DRAFT:
        resource = services.resource_transition(resource=resource, name="publish", by=team)
    return resource, created


def _reuse(resource) -> int:
    slug, key = REUSE
    programme = Programme.objects.filter(slug=slug).first()
    team = _team(programme) if programme else None
    if team is None or Reuse.objects.filter(resource=resource, programme=programme).exists():
        return 0
    stage = PipelineStage.objects.filter(pipeline__programme=programme, key=key, is_archived=False).first()
    if stage is None:
        return 0
    services.resource_reuse(resource=resource, stage=stage, by=team)
    return 1


def seed(*, stdout=None) -> None:
    programmes = {p.slug: p for p in Programme.objects.filter(slug__in=[s for s, _f in RESOURCES])}
    created = 0
    with transaction.atomic():
        for slug, fields in RESOURCES:
            programme = programmes.get(slug)
            team = _team(programme) if programme else None
            if team is None:
                continue
            resource, n = _resource(programme, team, fields)
            created += n
            if fields is FEASIBILITY:
                created += _reuse(resource)
    if stdout is not None:
        stdout.write(f"Bibliothèque de pratiques : {created} ressource(s) et reprise(s) ajoutée(s).\n")
