"""A small world of the help board, shared by the domain, web and API tests.

Organisation A runs programme `pa`, B runs `pb`, O (an outsider) runs `po`. The ecosystem `eco`
is led by A and has `pa` and `pb` as members. Carriers: `ca` and `ca2` (projects in pa), `cb`
(pb), `co` (po). `post_a` is a question of `ca` on pa's board; `post_e` an offer of `cb` on the
ecosystem's board.
"""

from types import SimpleNamespace

from essaim.accounts.models import Membership
from essaim.peers import services
from tests.factories.accompaniment import ProjectFactory
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import EcosystemFactory, OrganisationFactory, ProgrammeFactory

QUESTION = {
    "kind": "question",
    "title": "Quel statut pour une épicerie solidaire ?",
    "body": "Nous hésitons entre association et SCIC. Qui est passé par là ?",
    "skill": "legal",
    "sector": "Alimentation",
    "stage": "emergence",
}


def person(name, *, organisation=None, carrier=False, role=Membership.Role.MEMBER):
    user = UserFactory(
        email=f"{name}@example.org", full_name=name.replace("-", " ").title(), is_carrier=carrier
    )
    if organisation is not None:
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
    w.eco = EcosystemFactory(name="Écosystème AB", slug="eco-ab", leader=w.org_a)
    w.eco.members.add(w.pa, w.pb)
    w.a_staff = person("a-staff", organisation=w.org_a)
    w.b_staff = person("b-staff", organisation=w.org_b)
    w.o_staff = person("o-staff", organisation=w.org_o)
    w.ca = person("ca", carrier=True)
    w.ca2 = person("ca2", carrier=True)
    w.cb = person("cb", carrier=True)
    w.co = person("co", carrier=True)
    w.project_a = ProjectFactory(programme=w.pa, carriers=[w.ca], name="Épicerie A")
    w.project_a2 = ProjectFactory(programme=w.pa, carriers=[w.ca2], name="Atelier A2")
    w.project_b = ProjectFactory(programme=w.pb, carriers=[w.cb], name="Recyclerie B")
    w.project_o = ProjectFactory(programme=w.po, carriers=[w.co], name="Crèche O")
    w.post_a = services.post_create(board=w.pa, by=w.ca, **QUESTION)
    w.post_e = services.post_create(
        board=w.eco,
        by=w.cb,
        kind="offer",
        title="Je prête un camion le week-end",
        body="Camion de 12 m³, à partager entre membres.",
        skill="mobility",
    )
    return w
