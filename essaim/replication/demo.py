"""Demo data of replication, for `essaim/demo` to call: one proven generator project made a model,
copied twice (the second copy copied from the first: a lineage of three), then its kit changed,
so that the first copy shows a drift. Idempotent: a second run changes nothing.

Not imported by the domain; it goes through the services with the programmes' own staff.
"""

from essaim.accompaniment.enums import ProjectModel
from essaim.accompaniment.models import Project
from essaim.accounts.models import Membership
from essaim.directory.enums import LifeStage
from essaim.directory.models import Programme
from essaim.replication import services
from essaim.replication.models import Kit
from essaim.territories.models import Commune

MODEL_PROGRAMME, COPY_PROGRAMME = "district-solidaire", "alter-incub"
COPY_COMMUNES = ("11262", "31555")  # Narbonne, Toulouse
TEXTS = {
    "need": "Des habitants sans solution de réparation de leur véhicule, faute de moyens, "
    "alors que la voiture conditionne l'accès à l'emploi.",
    "business_model": "Réparations à prix solidaire selon les revenus, prestations aux flottes "
    "des collectivités, aides à la mobilité ; une équipe en insertion.",
    "financing_plan": "Outillage et pont élévateur : 45000\nBesoin en fonds de roulement : 20000\n"
    "Subvention de la région : 30000\nPrêt d'honneur : 15000",
    "pipeline": "Diagnostic du territoire : besoin documenté ; partenaires rencontrés\n"
    "Montage : modèle économique ; local trouvé ; porteur recruté\nOuverture : structure immatriculée",
    "partners": "Financeur : région\nOrienteur : France Travail, missions locales\n"
    "Client : collectivité (flotte de véhicules)",
    "indicators": "Emplois créés : 6\nMénages aidés par an : 400",
    "lessons": "Commencer par un atelier mobile avant d'investir dans un local.",
    "documents": "Guide de l'essaimage : https://example.org/essaim/guide-garage-solidaire.pdf",
}


def _staff(programme: Programme):
    membership = (
        Membership.objects.filter(organisation_id=programme.organisation_id, user__is_active=True)
        .select_related("user")
        .order_by("-role", "pk")
        .first()
    )
    return membership.user if membership else None


def seed_replication(
    *, model_programme: Programme | None = None, copy_programme: Programme | None = None, stdout=None
) -> int:
    """Create the demo model and its copies; returns the number of copies created (0 when done
    before, or when the programmes, their staff or the communes are missing)."""
    model_programme = model_programme or Programme.objects.filter(slug=MODEL_PROGRAMME).first()
    copy_programme = copy_programme or Programme.objects.filter(slug=COPY_PROGRAMME).first()
    if model_programme is None or copy_programme is None:
        return 0
    model_staff, copy_staff = _staff(model_programme), _staff(copy_programme)
    communes = list(Commune.objects.filter(code__in=COPY_COMMUNES).order_by("code"))
    project = (
        Project.objects.filter(programme=model_programme, model=ProjectModel.GENERATOR)
        .exclude(commune_id__in=COPY_COMMUNES)
        .order_by("-created_on", "pk")
        .first()
    )
    if (
        None in (model_staff, copy_staff, project)
        or len(communes) != 2
        or Kit.objects.filter(project=project).exists()
    ):
        return 0
    kit = services.kit_create(
        by=model_staff,
        name=f"Garage solidaire (modèle : {project.name})",
        project=project,
        texts=TEXTS,
        need_terms="garage, mobilité, réparation",
        life_stages=[LifeStage.EMERGENCE, LifeStage.CREATION],
    )
    kit = services.kit_transition(kit=kit, name="publish", by=model_staff)
    first = services.replica_create(
        kit=kit,
        by=copy_staff,
        name="Garage solidaire de Narbonne",
        commune=communes[0],
        programme=copy_programme,
    )
    services.replica_create(
        kit=kit,
        by=copy_staff,
        name="Garage solidaire de Toulouse",
        commune=communes[1],
        programme=copy_programme,
        parent=first,
    )
    services.kit_update(
        kit=kit,
        by=model_staff,
        texts={**TEXTS, "lessons": TEXTS["lessons"] + "\nAssocier dès le départ les auto-écoles sociales."},
        note="Enseignement des deux premières copies",
    )
    if stdout is not None:
        stdout.write(f"Essaimage : 1 modèle, 2 copies ({kit.name}).\n")
    return 2
