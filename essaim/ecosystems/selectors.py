"""Reads of ecosystems shared by the pages (and the API to come).

`ecosystem_for(user, slug_or_pk, *, manage=False)`: an ecosystem the user takes part in (staff
of its leader or of a member organisation; platform admins), 404 otherwise, 403 when `manage`
asks for the leader's staff. Children are read through their ecosystem: `membership_for`,
`joint_project_for` (each contributor's staff see their own part only).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from essaim.accounts.selectors import staff_organisation_ids
from essaim.core.errors import PermissionDenied
from essaim.directory.models import Ecosystem, Organisation, Programme
from essaim.ecosystems.enums import ContributionRole, MembershipState
from essaim.ecosystems.models import Contribution, EcosystemMembership, JointProject
from essaim.ecosystems.rules import can_manage_ecosystem

# -- public reads ---------------------------------------------------------------------------


def public_ecosystems() -> QuerySet[Ecosystem]:
    """Every ecosystem, by name, with its leader and its number of published member programmes."""
    return (
        Ecosystem.objects.select_related("leader")
        .annotate(member_count=Count("members", filter=Q(members__is_published=True), distinct=True))
        .order_by("name", "pk")
    )


def public_ecosystem(slug: str) -> Ecosystem:
    ecosystem = Ecosystem.objects.select_related("leader").filter(slug=slug).first()
    if ecosystem is None:
        raise Http404(_("Écosystème introuvable."))
    return ecosystem


def member_programmes(ecosystem: Ecosystem) -> QuerySet[Programme]:
    """The ecosystem's published member programmes, by name, with their organisation."""
    return ecosystem.members.public().select_related("organisation").order_by("name", "pk")


def contributable_programmes(ecosystem: Ecosystem) -> QuerySet[Programme]:
    """Programmes that may take part in a joint project: members, and the leader's own."""
    q = Q(ecosystems=ecosystem)
    if ecosystem.leader_id:
        q |= Q(organisation_id=ecosystem.leader_id)
    return Programme.objects.filter(q).select_related("organisation").distinct().order_by("name", "pk")


def ecosystems_of_programme(programme: Programme) -> list[Ecosystem]:
    """The ecosystems a programme belongs to, or that its organisation leads (for its page)."""
    q = Q(members=programme) | Q(leader_id=programme.organisation_id)
    return list(Ecosystem.objects.filter(q).distinct().order_by("name", "pk"))


def ecosystem_programme_ids(slug: str) -> set[int]:
    """Ids of the member programmes of ecosystem `slug` (the directory's `ecosystem` filter)."""
    return set(Programme.objects.filter(ecosystems__slug=slug).values_list("pk", flat=True))


# -- who takes part -----------------------------------------------------------------------


def participating_organisation_ids(ecosystem: Ecosystem) -> set[int]:
    """The leader, the organisations of the member programmes, and the active members (2 queries)."""
    ids = set(ecosystem.members.values_list("organisation_id", flat=True))
    ids |= set(
        ecosystem.memberships.filter(state=MembershipState.ACTIVE).values_list("organisation_id", flat=True)
    )
    if ecosystem.leader_id:
        ids.add(ecosystem.leader_id)
    return ids


def _lookup(slug_or_pk) -> Ecosystem | None:
    qs = Ecosystem.objects.select_related("leader")
    value = str(slug_or_pk)
    return (qs.filter(pk=int(value)) if value.isdigit() else qs.filter(slug=value)).first()


def ecosystem_for(user, slug_or_pk, *, manage: bool = False) -> Ecosystem:
    ecosystem = _lookup(slug_or_pk)
    if ecosystem is None or not user.is_authenticated:
        raise Http404(_("Écosystème introuvable."))
    if not user.is_superuser:
        mine = set(staff_organisation_ids(user))
        if not mine & participating_organisation_ids(ecosystem):
            raise Http404(_("Écosystème introuvable."))
    if manage and not can_manage_ecosystem(user, ecosystem):
        raise PermissionDenied(_("Réservé à l'équipe de la structure qui anime l'écosystème."))
    return ecosystem


def workspace_ecosystems(user) -> list[Ecosystem]:
    """The ecosystems the user's organisations lead or belong to, by name."""
    if not user.is_authenticated:
        return []
    qs = Ecosystem.objects.select_related("leader").order_by("name", "pk")
    if user.is_superuser:
        return list(qs)
    mine = staff_organisation_ids(user)
    q = (
        Q(leader_id__in=mine)
        | Q(members__organisation_id__in=mine)
        | Q(memberships__organisation_id__in=mine, memberships__state=MembershipState.ACTIVE)
    )
    return list(qs.filter(q).distinct())


# -- members' directory -------------------------------------------------------------------


@dataclass
class MemberRow:
    organisation: Organisation
    membership: EcosystemMembership | None
    programmes: list[Programme] = field(default_factory=list)

    @property
    def role_label(self) -> str:
        return self.membership.get_role_display() if self.membership else _("Membre")

    @property
    def contact(self):
        return self.membership.contact if self.membership else None


def memberships_of(ecosystem: Ecosystem) -> QuerySet[EcosystemMembership]:
    return (
        ecosystem.memberships.select_related("organisation", "contact")
        .prefetch_related(Prefetch("programmes", queryset=Programme.objects.order_by("name", "pk")))
        .order_by("organisation__name", "pk")
    )


def member_directory(ecosystem: Ecosystem) -> list[MemberRow]:
    """Every member organisation with its role, programmes in the ecosystem and contact
    (4 queries): active memberships, and organisations whose programmes are listed members."""
    rows: dict[int, MemberRow] = {}
    for membership in memberships_of(ecosystem).filter(state=MembershipState.ACTIVE):
        rows[membership.organisation_id] = MemberRow(membership.organisation, membership)
    for programme in ecosystem.members.select_related("organisation").order_by("name", "pk"):
        row = rows.setdefault(programme.organisation_id, MemberRow(programme.organisation, None))
        row.programmes.append(programme)
    return sorted(rows.values(), key=lambda r: (r.organisation.name.lower(), r.organisation.pk))


def pending_invitations(user) -> QuerySet[EcosystemMembership]:
    """Invitations addressed to the organisations the user is on the staff of, newest first."""
    if not user.is_authenticated:
        return EcosystemMembership.objects.none()
    return (
        EcosystemMembership.objects.filter(
            state=MembershipState.INVITED, organisation_id__in=staff_organisation_ids(user)
        )
        .select_related("ecosystem__leader", "organisation")
        .prefetch_related("programmes")
        .order_by("-created_at", "-pk")
    )


def my_memberships(user) -> QuerySet[EcosystemMembership]:
    """Invitations and memberships of the user's organisations (invited or active), newest first."""
    if not user.is_authenticated:
        return EcosystemMembership.objects.none()
    states = (MembershipState.INVITED, MembershipState.ACTIVE)
    return (
        EcosystemMembership.objects.filter(state__in=states, organisation_id__in=staff_organisation_ids(user))
        .select_related("ecosystem__leader", "organisation", "contact")
        .prefetch_related("programmes")
        .order_by("-created_at", "-pk")
    )


def open_memberships(ecosystem: Ecosystem) -> QuerySet[EcosystemMembership]:
    """The leader's view of invitations: pending ones and those declined, withdrawn or ended."""
    return memberships_of(ecosystem).exclude(state=MembershipState.ACTIVE)


def invitation_for(user, pk: int) -> EcosystemMembership:
    """A membership of one of the user's organisations (404 for any other)."""
    if not user.is_authenticated:
        raise Http404(_("Invitation introuvable."))
    membership = (
        EcosystemMembership.objects.filter(pk=pk, organisation_id__in=staff_organisation_ids(user))
        .select_related("ecosystem__leader", "organisation")
        .first()
    )
    if membership is None:
        raise Http404(_("Invitation introuvable."))
    return membership


def membership_for(ecosystem: Ecosystem, pk: int) -> EcosystemMembership:
    """A membership of this ecosystem (fetched through it: 404 for another ecosystem's)."""
    membership = memberships_of(ecosystem).filter(pk=pk).first()
    if membership is None:
        raise Http404(_("Membre introuvable."))
    return membership


# -- joint projects -------------------------------------------------------------------------


@dataclass
class JointView:
    """A joint project as one user may see it: all contributions for the leader's staff and
    the lead programme's staff; for another contributor's staff, their own contributions only."""

    joint: JointProject
    contributions: list[Contribution]
    sees_all: bool

    @property
    def lead(self) -> Contribution | None:
        return next((c for c in self.joint.contributions.all() if c.role == ContributionRole.LEAD), None)


def _views(user, ecosystem: Ecosystem, pk: int | None = None) -> list[JointView]:
    contributions = Contribution.objects.select_related("programme").order_by("role", "programme__name", "pk")
    qs = (
        ecosystem.joint_projects.select_related("project__stage", "project__programme")
        .prefetch_related(Prefetch("contributions", queryset=contributions))
        .order_by("-created_at", "-pk")
    )
    if pk is not None:
        qs = qs.filter(pk=pk)
    if can_manage_ecosystem(user, ecosystem):
        return [JointView(j, list(j.contributions.all()), True) for j in qs]
    mine = set(staff_organisation_ids(user))
    views = []
    for joint in qs.filter(contributions__programme__organisation_id__in=mine).distinct():
        every = list(joint.contributions.all())
        leads = any(c.role == ContributionRole.LEAD and c.programme.organisation_id in mine for c in every)
        own = every if leads else [c for c in every if c.programme.organisation_id in mine]
        views.append(JointView(joint, own, leads))
    return views


def joint_projects_for(user, ecosystem: Ecosystem) -> list[JointView]:
    """The ecosystem's joint projects the user may see, newest first (3 queries)."""
    return _views(user, ecosystem)


def joint_project_for(user, ecosystem: Ecosystem, pk: int) -> JointView:
    """One joint project of this ecosystem as the user may see it; 404 for a non-contributor."""
    found = _views(user, ecosystem, pk=int(pk))
    if not found:
        raise Http404(_("Projet commun introuvable."))
    return found[0]


def contribution_for(ecosystem: Ecosystem, joint_pk: int, pk: int) -> Contribution:
    """A contribution of a joint project of this ecosystem (through both parents)."""
    contribution = (
        Contribution.objects.filter(pk=pk, joint_project_id=joint_pk, joint_project__ecosystem=ecosystem)
        .select_related("joint_project__ecosystem__leader", "programme")
        .first()
    )
    if contribution is None:
        raise Http404(_("Contribution introuvable."))
    return contribution
