"""A small referral network in the Hérault (région Occitanie), shared by the domain, web and API
tests of essaim/network.

Programmes: Alpha (incubator, emergence + creation, run by org A, whose admin is `a_admin`),
Bêta (business nursery, creation + consolidation, org B), Gamma (incubator, org G), and a
mainstream actor "Chambre" (org M). Referrals of projects located in Montpellier (34172):

- Alpha → Bêta: 6 accepted (answered in 2, 4, 6, 8, 10, 12 days), 3 refused ("Hors zone"),
  1 proposed 20 days ago (overdue), 1 proposed 3 days ago;
- Bêta → Gamma: 2 accepted;
- Gamma → Chambre: 1 refused ("Projet trop avancé");
- one withdrawn Alpha → Gamma (not counted);
- elsewhere (a project in Paris 75056): Alpha → Gamma 4 accepted (outside the Hérault).

Contact requests from carriers of Montpellier: 7 to Alpha, 2 to Bêta, 1 to the territory's
authorities; one to Alpha from Paris (not counted).

Readers: `viewer` (local authority, région 76), `funder_viewer` (funder scope, région 76),
`other_viewer` (local authority, Île-de-France), `a_admin` (Alpha's staff), `outsider` (no role),
`platform_admin`. Ecosystem `eco` (led by org L, `leader_staff`) has Alpha and Bêta as members.
"""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from essaim.accompaniment.enums import ReferralStatus
from essaim.accounts.models import Membership, TerritoryScope
from essaim.audit.models import Action, Event
from essaim.directory.enums import LifeStage, OfferFamily, ProgrammeKind
from essaim.orientation.models import ContactRequest, Recipient
from tests.factories.accompaniment import ProjectFactory, ReferralFactory
from tests.factories.accounts import MembershipFactory, TerritoryScopeFactory, UserFactory
from tests.factories.directory import EcosystemFactory, OrganisationFactory, ProgrammeFactory

NOW = timezone.now()
MONTPELLIER = "34172"
PARIS = "75056"


def _move(referral, state, at):
    Event.objects.create(
        at=at,
        object_type="accompaniment.referral",
        object_id=referral.pk,
        action=Action.TRANSITION,
        workflow="referral",
        from_state="",
        to_state=state,
    )


def referral(
    source, target, status, *, commune=MONTPELLIER, consented_days_ago=30, answer_days=None, reason=""
):
    project = ProjectFactory(programme=source, commune_id=commune)
    r = ReferralFactory(
        project=project, from_programme=source, to_programme=target, status=status, decision_reason=reason
    )
    consented = NOW - dt.timedelta(days=consented_days_ago)
    if status != ReferralStatus.WITHDRAWN:  # the moves as the workflow makes them: log and times
        _move(r, ReferralStatus.PROPOSED, consented)
        r.consented_at = consented
    if answer_days is not None:
        _move(r, status, consented + dt.timedelta(days=answer_days))
        r.decided_at = consented + dt.timedelta(days=answer_days)
    r.save(update_fields=["consented_at", "decided_at"])
    return r


def contact(programme=None, *, recipient=Recipient.PROGRAMME, commune=MONTPELLIER):
    return ContactRequest.objects.create(
        recipient=recipient,
        programme=programme,
        name="Personne",
        email="personne@example.org",
        message="Bonjour",
        commune_id=commune,
        consent_at=NOW,
    )


def _staff(organisation, email, role=Membership.Role.ADMIN):
    return MembershipFactory(organisation=organisation, role=role, user__email=email).user


def build_world() -> SimpleNamespace:
    w = SimpleNamespace()
    w.org_a, w.org_b = OrganisationFactory(name="Org A"), OrganisationFactory(name="Org B")
    w.org_g, w.org_m = OrganisationFactory(name="Org G"), OrganisationFactory(name="Org M")
    w.org_l = OrganisationFactory(name="Réseau Leader")
    w.alpha = ProgrammeFactory(organisation=w.org_a, slug="alpha", name="Alpha", zone=["departement:34"])
    w.beta = ProgrammeFactory(
        organisation=w.org_b,
        slug="beta",
        name="Bêta",
        kind=ProgrammeKind.BUSINESS_NURSERY,
        stages=[LifeStage.CREATION, LifeStage.CONSOLIDATION],
        zone=["departement:34"],
    )
    w.gamma = ProgrammeFactory(organisation=w.org_g, slug="gamma", name="Gamma", zone=["departement:34"])
    w.chamber = ProgrammeFactory(
        organisation=w.org_m,
        slug="chambre",
        name="Chambre",
        family=OfferFamily.MAINSTREAM,
        kind=ProgrammeKind.CCI,
        zone=["departement:34"],
    )
    for days in (2, 4, 6, 8, 10, 12):
        referral(w.alpha, w.beta, ReferralStatus.ACCEPTED, answer_days=days)
    for _i in range(3):
        referral(w.alpha, w.beta, ReferralStatus.REFUSED, answer_days=1, reason="Hors zone.")
    w.overdue = referral(w.alpha, w.beta, ReferralStatus.PROPOSED, consented_days_ago=20)
    referral(w.alpha, w.beta, ReferralStatus.PROPOSED, consented_days_ago=3)
    for _i in range(2):
        referral(w.beta, w.gamma, ReferralStatus.ACCEPTED, answer_days=5)
    referral(w.gamma, w.chamber, ReferralStatus.REFUSED, answer_days=3, reason="Projet trop avancé")
    referral(w.alpha, w.gamma, ReferralStatus.WITHDRAWN)
    for _i in range(4):
        referral(w.alpha, w.gamma, ReferralStatus.ACCEPTED, commune=PARIS, answer_days=1)
    for _i in range(7):
        contact(w.alpha)
    for _i in range(2):
        contact(w.beta)
    contact(recipient=Recipient.TERRITORY)
    contact(w.alpha, commune=PARIS)
    w.viewer = TerritoryScopeFactory(user__email="collectivite@example.org", level="region", code="76").user
    w.funder_viewer = TerritoryScopeFactory(
        user__email="financeur@example.org", level="region", code="76", kind=TerritoryScope.Kind.FUNDER
    ).user
    w.other_viewer = TerritoryScopeFactory(user__email="idf@example.org", level="region", code="11").user
    w.a_admin = _staff(w.org_a, "admin-a@example.org")
    w.leader_staff = _staff(w.org_l, "leader@example.org", Membership.Role.MEMBER)
    w.b_admin = _staff(w.org_b, "admin-b@example.org")
    w.outsider = UserFactory(email="personne@example.org")
    w.platform_admin = UserFactory(admin=True, email="plateforme@example.org")
    w.eco = EcosystemFactory(
        slug="eco-herault", name="Éco Hérault", leader=w.org_l, territory_refs=["departement:34"]
    )
    w.eco.members.add(w.alpha, w.beta)
    return w
