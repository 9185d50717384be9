"""A small world of the library, shared by the domain, web and API tests.

Organisation A runs programme `pa`, author of resources; organisation B runs `pb`, which reuses
them into its pipeline; O is an outsider with its programme `po`.
"""

from types import SimpleNamespace

from essaim.accounts.models import Membership
from essaim.library import services
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import OrganisationFactory, ProgrammeFactory
from tests.factories.financing import pipeline_for

CHECKLIST = {
    "kind": "checklist",
    "title": "Liste de l'étude de faisabilité",
    "summary": "Les livrables d'une étude de faisabilité d'entreprise sociale.",
    "licence": "cc_by_4",
    "items": ["Étude de marché", "Budget prévisionnel", "Partenaires rencontrés"],
    "stages": ["emergence"],
    "kinds": ["incubator"],
    "needs": ["feasibility"],
}


def staff(organisation, name, role=Membership.Role.MEMBER):
    user = UserFactory(email=f"{name}@example.org", full_name=name.replace("-", " ").title())
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def build_world() -> SimpleNamespace:
    w = SimpleNamespace()
    w.org_a = OrganisationFactory(name="Structure A", slug="structure-a")
    w.org_b = OrganisationFactory(name="Structure B", slug="structure-b")
    w.org_o = OrganisationFactory(name="Structure O", slug="structure-o")
    w.pa = ProgrammeFactory(organisation=w.org_a, slug="prog-a", name="Programme A")
    w.pb = ProgrammeFactory(organisation=w.org_b, slug="prog-b", name="Programme B")
    w.po = ProgrammeFactory(organisation=w.org_o, slug="prog-o", name="Programme O")
    w.a_staff = staff(w.org_a, "a-staff")
    w.b_staff = staff(w.org_b, "b-staff")
    w.b_admin = staff(w.org_b, "b-admin", role=Membership.Role.ADMIN)  # adds stages to pb's pipeline
    w.o_staff = staff(w.org_o, "o-staff")
    w.stage_b = pipeline_for(w.pb).stages.get(key="opportunite_faisabilite")
    w.stage_a = pipeline_for(w.pa).stages.get(key="opportunite_faisabilite")
    w.published = services.resource_create(programme=w.pa, by=w.a_staff, **CHECKLIST)
    w.published = services.resource_transition(resource=w.published, name="publish", by=w.a_staff)
    w.draft = services.resource_create(
        programme=w.pa,
        by=w.a_staff,
        kind="guide",
        title="Guide en préparation",
        summary="Pas encore publié.",
        licence="reserved",
        stages=["emergence"],
    )
    return w
