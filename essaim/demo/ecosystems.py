"""Demo data of ecosystems: the study's three as it describes them, and one demo ecosystem led by
a local authority acting as "chef d'orchestre" (clearly marked as a demonstration).

The study's ecosystems come from `load_study` (RAMSESS: coordination, no territory, no member
given; REALIS: a common brand led by the network REALIS, without a local authority's role;
Pôle Sud: joint projects on one site in Romans-sur-Isère). This module records the member
organisations of REALIS and Pôle Sud as memberships, adds one joint project to Pôle Sud
(piloted and hosted by the PTCE itself, as the study describes a shared site), and creates the
demo ecosystem. Idempotent: a second run changes nothing.
"""

from essaim.accounts.models import User
from essaim.core.actors import DEMO
from essaim.demo.accounts import demo_email
from essaim.directory.enums import EcosystemModel, LeaderRole, LegalForm
from essaim.directory.models import Ecosystem, Programme
from essaim.directory.services import ecosystem_save, organisation_upsert
from essaim.ecosystems.enums import ContributionRole, MemberRole
from essaim.ecosystems.models import JointProject
from essaim.ecosystems.services import contribution_add, joint_project_create, membership_record

DEMO_SOURCE = "Données de démonstration d'Essaim (fictives)"
CONDUCTOR_SLUG = "demo-agglomeration-chef-orchestre"
AUTHORITY = {
    "slug": "demo-agglomeration",
    "name": "Communauté d'agglomération de démonstration",
    "legal_form": LegalForm.PUBLIC_BODY,
}
ENGAGED_AUTHORITY = {
    "slug": "demo-departement",
    "name": "Département de démonstration",
    "legal_form": LegalForm.PUBLIC_BODY,
}
CONDUCTOR = {
    "name": "Écosystème de démonstration : une agglomération chef d'orchestre",
    "model": EcosystemModel.COORDINATION,
    "leader_role": LeaderRole.CONDUCTOR,
    "description": (
        "Écosystème fictif, pour la démonstration seulement. Une collectivité y tient le rôle de chef "
        "d'orchestre que l'étude envisage pour les collectivités : elle articule l'offre d'appui de "
        "son territoire, relie les dispositifs de l'ESS entre eux et avec les acteurs de droit commun."
    ),
    "territory_refs": ["departement:34"],
    "territory_description": "Hérault (territoire fictif de démonstration)",
    "source": DEMO_SOURCE,
}
CONDUCTOR_MEMBERS = ["alter-incub", "la-fabrique-a-initiatives", "coventis"]
POLE_SUD_PROJECT = "Atelier partagé de réparation (démo)"


def _record_members(ecosystem: Ecosystem) -> int:
    done = 0
    for programme in ecosystem.members.select_related("organisation").order_by("slug"):
        if programme.organisation_id == ecosystem.leader_id:
            continue
        membership_record(
            ecosystem=ecosystem, organisation=programme.organisation, programmes=[programme], by=DEMO
        )
        done += 1
    return done


def _pole_sud_project() -> None:
    ecosystem = Ecosystem.objects.filter(slug="pole-sud").select_related("leader").first()
    staff = User.objects.filter(email=demo_email("pole-sud")).first()
    programme = Programme.objects.filter(slug="pole-sud").first()
    if ecosystem is None or staff is None or programme is None:
        return
    if JointProject.objects.filter(ecosystem=ecosystem, project__name=POLE_SUD_PROJECT).exists():
        return
    joint = joint_project_create(
        ecosystem=ecosystem,
        lead=programme,
        name=POLE_SUD_PROJECT,
        model="generator",
        summary="Projet fictif de démonstration : une activité montée à plusieurs structures du site.",
        part="Montage du projet avec les structures du site",
        by=staff,
    )
    contribution_add(
        joint_project=joint, programme=programme, role=ContributionRole.HOSTS, part="Locaux du site", by=staff
    )


def _conductor() -> Ecosystem:
    authority, engaged = (
        organisation_upsert(
            slug=data["slug"], values={k: v for k, v in data.items() if k != "slug"}, by=DEMO
        )[0]
        for data in (AUTHORITY, ENGAGED_AUTHORITY)
    )
    members = list(Programme.objects.filter(slug__in=CONDUCTOR_MEMBERS).values_list("slug", flat=True))
    ecosystem, _c, _u = ecosystem_save(
        slug=CONDUCTOR_SLUG, values=CONDUCTOR, members=members, leader=authority.slug, by=DEMO
    )
    membership_record(ecosystem=ecosystem, organisation=engaged, role=MemberRole.ENGAGED_ACTOR, by=DEMO)
    return ecosystem


def seed(*, stdout=None) -> int:
    """Side effects: memberships of the study's ecosystems, a Pôle Sud joint project, the demo
    ecosystem led by a local authority with its organisations; activity-log events."""
    recorded = 0
    for slug in ("realis", "pole-sud"):
        ecosystem = Ecosystem.objects.filter(slug=slug).first()
        if ecosystem is not None:
            recorded += _record_members(ecosystem)
    _pole_sud_project()
    conductor = _conductor()
    recorded += _record_members(conductor)
    if stdout is not None:
        stdout.write(
            f"  Écosystèmes : {recorded} adhésions, l'écosystème de démonstration « {conductor.name} »."
        )
    return recorded
