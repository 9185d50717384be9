"""A small world of replication, shared by the domain, web and API tests.

Organisation M runs the model programme `pm` (Hérault) and its proven project "Garage solidaire"
in Montpellier; organisation C runs `pc` (Aude) and copies models; O is an outsider. Each has an
admin and a plain staff member; `viewer` is a local-authority viewer of the Aude.
"""

from types import SimpleNamespace

from essaim.accounts.models import Membership
from essaim.directory.enums import AccompanimentModel, LifeStage, ProgrammeKind
from essaim.replication import services
from essaim.territories.models import Commune
from tests.factories.accompaniment import ProjectFactory
from tests.factories.accounts import MembershipFactory, TerritoryScopeFactory, UserFactory
from tests.factories.directory import OrganisationFactory, ProgrammeFactory

TEXTS = {
    "need": "Des ménages modestes sans solution pour réparer leur voiture.",
    "business_model": "Ventes de réparations à prix solidaire et subventions de mobilité.",
    "financing_plan": "Outillage : 30000\nSubvention région : 20000",
    "pipeline": "Diagnostic du territoire : étude de marché ; partenaires rencontrés\nOuverture : local ; recrutement",
    "partners": "Financeur : région\nOrienteur : France Travail",
    "indicators": "Emplois créés : 4\nMénages aidés : 300",
    "lessons": "Commencer par un atelier mobile.",
    "documents": "Guide de l'essaimage : https://example.org/guide.pdf",
}


def staff(organisation, name, role=Membership.Role.MEMBER):
    user = UserFactory(email=f"{name}@example.org", full_name=name.replace("-", " ").title())
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def build_world() -> SimpleNamespace:
    w = SimpleNamespace()
    w.org_m = OrganisationFactory(name="Fabrique Modèle", slug="fabrique-modele")
    w.org_c = OrganisationFactory(name="Fabrique Copie", slug="fabrique-copie")
    w.org_o = OrganisationFactory(name="Autre Structure", slug="autre-structure")
    generator = {"kind": ProgrammeKind.PROJECT_GENERATOR, "model": AccompanimentModel.GENERATOR}
    w.pm = ProgrammeFactory(
        organisation=w.org_m, slug="modele", name="Modèle", zone=["departement:34"], **generator
    )
    w.pc = ProgrammeFactory(
        organisation=w.org_c, slug="copie", name="Copie", zone=["departement:11"], **generator
    )
    w.po = ProgrammeFactory(organisation=w.org_o, slug="autre", name="Autre", zone=["departement:31"])
    w.montpellier = Commune.objects.get(code="34172")
    w.narbonne = Commune.objects.get(code="11262")
    w.toulouse = Commune.objects.get(code="31555")
    w.project = ProjectFactory(
        programme=w.pm, name="Garage solidaire", model="generator", commune=w.montpellier, sector="Mobilité"
    )
    w.m_admin = staff(w.org_m, "m-admin", Membership.Role.ADMIN)
    w.m_staff = staff(w.org_m, "m-staff")
    w.c_admin = staff(w.org_c, "c-admin", Membership.Role.ADMIN)
    w.c_staff = staff(w.org_c, "c-staff")
    w.o_admin = staff(w.org_o, "o-admin", Membership.Role.ADMIN)
    w.o_staff = staff(w.org_o, "o-staff")
    w.viewer = UserFactory(email="aude@example.org")
    TerritoryScopeFactory(user=w.viewer, level="departement", code="11")
    w.platform_admin = UserFactory(email="plateforme@example.org", admin=True)
    w.carrier = UserFactory(email="porteur@example.org", carrier=True)
    return w


def published_kit(w, *, by=None, **kwargs):
    by = by or w.m_staff
    kit = services.kit_create(
        by=by,
        name=kwargs.pop("name", "Garage solidaire"),
        project=kwargs.pop("project", w.project),
        texts=kwargs.pop("texts", TEXTS),
        need_terms=kwargs.pop("need_terms", "garage, mobilité"),
        life_stages=kwargs.pop("life_stages", [LifeStage.EMERGENCE]),
        **kwargs,
    )
    return services.kit_transition(kit=kit, name="publish", by=by)


def project_copy(
    w, kit, *, commune=None, by=None, programme=None, parent=None, name="Garage solidaire Narbonne"
):
    return services.replica_create(
        kit=kit,
        by=by or w.c_staff,
        name=name,
        commune=commune or w.narbonne,
        programme=programme or w.pc,
        parent=parent,
    )
