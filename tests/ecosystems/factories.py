"""A small world of ecosystem actors, shared by the domain and the web tests.

Leader organisation L (programme `pl`) leads ecosystem E. Organisations A (`pa`) and B (`pb`)
are candidates; C is a local authority (no programme); O (`po`) is an outsider. Each has an
admin (`<x>_admin`) and a plain staff member (`<x>_staff` for L and A).
"""

from types import SimpleNamespace

from essaim.accounts.models import Membership
from essaim.directory.enums import EcosystemModel, LegalForm, LifeStage, ProgrammeKind
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import EcosystemFactory, OrganisationFactory, ProgrammeFactory


def _staff(organisation, name, role=Membership.Role.MEMBER):
    user = UserFactory(email=f"{name}@example.org", full_name=name.replace("-", " ").title())
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def build_world() -> SimpleNamespace:
    w = SimpleNamespace()
    w.org_l = OrganisationFactory(name="Réseau Leader", slug="reseau-leader")
    w.org_a = OrganisationFactory(name="Incubateur Alpha", slug="incubateur-alpha")
    w.org_b = OrganisationFactory(name="Pépinière Bêta", slug="pepiniere-beta")
    w.org_c = OrganisationFactory(
        name="Communauté d'agglomération Gamma", slug="agglo-gamma", legal_form=LegalForm.PUBLIC_BODY
    )
    w.org_o = OrganisationFactory(name="Autre Structure", slug="autre-structure")
    w.pl = ProgrammeFactory(
        organisation=w.org_l,
        slug="leader-reseau",
        name="Leader Réseau",
        kind=ProgrammeKind.NETWORK,
        stages=[LifeStage.EMERGENCE],
    )
    w.pa = ProgrammeFactory(
        organisation=w.org_a, slug="alpha", name="Alpha", stages=[LifeStage.EMERGENCE, LifeStage.CREATION]
    )
    w.pb = ProgrammeFactory(
        organisation=w.org_b,
        slug="beta",
        name="Bêta",
        kind=ProgrammeKind.BUSINESS_NURSERY,
        stages=[LifeStage.CREATION, LifeStage.CONSOLIDATION],
    )
    w.po = ProgrammeFactory(organisation=w.org_o, slug="omega", name="Oméga")
    w.eco = EcosystemFactory(
        slug="eco-test", name="Éco Test", model=EcosystemModel.COORDINATION, leader=w.org_l
    )
    w.leader_admin = _staff(w.org_l, "leader-admin", Membership.Role.ADMIN)
    w.leader_staff = _staff(w.org_l, "leader-staff")
    w.a_admin = _staff(w.org_a, "a-admin", Membership.Role.ADMIN)
    w.a_staff = _staff(w.org_a, "a-staff")
    w.b_admin = _staff(w.org_b, "b-admin", Membership.Role.ADMIN)
    w.c_admin = _staff(w.org_c, "c-admin", Membership.Role.ADMIN)
    w.o_admin = _staff(w.org_o, "o-admin", Membership.Role.ADMIN)
    w.platform_admin = UserFactory(email="plateforme@example.org", admin=True)
    w.carrier = UserFactory(email="porteur@example.org", carrier=True)
    return w
