"""Writes of ecosystems: invitations and memberships, contacts, joint projects and contributions.

Every function is a `@service` (essaim/core/services.py): keyword-only, takes `by`, checks its
permission through the predicates of `rules.py`, runs in one transaction and writes its
activity-log event. Membership moves go through `workflows.MEMBERSHIP`; a joint project's
accompaniment project is created by `accompaniment.services.project_create` (its own rules:
the creator runs the lead programme).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accompaniment.rules import can_run_programme
from essaim.accompaniment.services import project_create
from essaim.accounts.models import Membership as Staff
from essaim.audit import recorder
from essaim.audit.models import Action
from essaim.core.errors import ValidationError
from essaim.core.services import service
from essaim.directory.models import Ecosystem, Organisation, Programme
from essaim.directory.rules import can_load_directory
from essaim.ecosystems import notices
from essaim.ecosystems.enums import AUTHORITY_ROLES, ContributionRole, MemberRole, MembershipState
from essaim.ecosystems.models import Contribution, EcosystemMembership, JointProject, is_local_authority
from essaim.ecosystems.rules import can_manage_ecosystem, is_member_org_admin
from essaim.ecosystems.selectors import contributable_programmes
from essaim.ecosystems.workflows import MEMBERSHIP

MESSAGE_MAX = 1000
PART_MAX = 500


def _check_role(organisation: Organisation, role: str) -> None:
    if role not in MemberRole.values:
        raise ValidationError({"role": _("Rôle inconnu.")})
    if role in AUTHORITY_ROLES and not is_local_authority(organisation):
        raise ValidationError(
            {
                "role": _(
                    "Ce rôle est celui d'une collectivité ; choisissez « Membre » pour cette organisation."
                )
            }
        )


def _check_programmes(organisation: Organisation, programmes) -> list[Programme]:
    programmes = list(programmes)
    if any(p.organisation_id != organisation.pk for p in programmes):
        raise ValidationError({"programmes": _("Choisissez des dispositifs de l'organisation invitée.")})
    return programmes


@service(permission=can_manage_ecosystem, on="ecosystem")
def membership_invite(
    *,
    ecosystem: Ecosystem,
    organisation: Organisation,
    by,
    role: str = MemberRole.MEMBER,
    programmes=(),
    message: str = "",
) -> EcosystemMembership:
    """Invite an organisation (with the programmes it would bring) to join the ecosystem.

    Side effects: the membership row in state "invited" (or the old one invited again), one
    event (the creation or the move), an e-mail to the organisation's admins.
    """
    if organisation.pk == ecosystem.leader_id:
        raise ValidationError({"organisation": _("Cette organisation anime déjà l'écosystème.")})
    _check_role(organisation, role)
    programmes = _check_programmes(organisation, programmes)
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ValidationError({"message": _("Le message dépasse %(n)s caractères.") % {"n": MESSAGE_MAX}})
    membership = EcosystemMembership.objects.filter(ecosystem=ecosystem, organisation=organisation).first()
    if membership is not None and membership.state in (MembershipState.INVITED, MembershipState.ACTIVE):
        raise ValidationError({"organisation": _("Cette organisation est déjà membre ou déjà invitée.")})
    if membership is None and ecosystem.members.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("Cette organisation est déjà membre de l'écosystème.")})
    if membership is None:
        membership = EcosystemMembership.objects.create(
            ecosystem=ecosystem, organisation=organisation, role=role, message=message
        )
        recorder.record(
            actor=by, obj=membership, action=Action.CREATE, changes={"role": role}, comment=message
        )
    else:
        EcosystemMembership.objects.filter(pk=membership.pk).update(role=role, message=message, contact=None)
        membership = MEMBERSHIP.apply(membership, "reinvite", by=by, comment=message)
    membership.programmes.set(programmes)
    notices.invitation_sent(membership)
    return membership


@service
def membership_transition(
    *, membership: EcosystemMembership, action: str, by, comment: str = ""
) -> EcosystemMembership:
    """Apply one move of `workflows.MEMBERSHIP` (accept, decline, withdraw, remove, leave).

    Side effects: the state (and the ecosystem's member programmes on accept, remove, leave),
    one event (the move), an e-mail to the leader's admins when the invited organisation answers.
    """
    if action == "reinvite":
        raise ValidationError(_("Invitez de nouveau depuis le formulaire d'invitation."))
    moved = MEMBERSHIP.apply(membership, action, by=by, comment=comment[:MESSAGE_MAX])
    if action in ("accept", "decline"):
        notices.invitation_answered(moved)
    return moved


@service(permission=can_manage_ecosystem, on="ecosystem")
def member_remove(
    *, ecosystem: Ecosystem, organisation: Organisation, by, comment: str = ""
) -> EcosystemMembership:
    """Remove a member organisation, also one whose programmes were listed without an invitation
    (the study's data): its membership is recorded first, then removed.

    Side effects: the membership row (created when missing), its programmes out of the
    ecosystem, events (the record and the move).
    """
    membership = EcosystemMembership.objects.filter(ecosystem=ecosystem, organisation=organisation).first()
    if membership is None:
        listed = list(ecosystem.members.filter(organisation=organisation))
        if not listed:
            raise ValidationError({"organisation": _("Cette organisation n'est pas membre de l'écosystème.")})
        membership = _record_active(ecosystem, organisation, MemberRole.MEMBER, listed, by)
    return MEMBERSHIP.apply(membership, "remove", by=by, comment=comment[:MESSAGE_MAX])


def _record_active(ecosystem, organisation, role, programmes, by) -> EcosystemMembership:
    now = timezone.now()
    membership = EcosystemMembership.objects.create(
        ecosystem=ecosystem,
        organisation=organisation,
        role=role,
        state=MembershipState.ACTIVE,
        created_at=now,
        state_changed_at=now,
    )
    membership.programmes.set(programmes)
    ecosystem.members.add(*programmes)
    recorder.record(
        actor=by,
        obj=membership,
        action=Action.CREATE,
        changes={
            "role": role,
            "state": MembershipState.ACTIVE,
            "programmes": sorted(p.pk for p in programmes),
        },
    )
    return membership


@service(permission=can_load_directory)
def membership_record(
    *, ecosystem: Ecosystem, organisation: Organisation, by, role: str = MemberRole.MEMBER, programmes=()
) -> EcosystemMembership:
    """Record an organisation as a member without an invitation (data loads, the demo).

    Idempotent: an existing membership is left as it is. Side effects: the membership row, its
    programmes added to the ecosystem, one event.
    """
    _check_role(organisation, role)
    programmes = _check_programmes(organisation, programmes)
    existing = EcosystemMembership.objects.filter(ecosystem=ecosystem, organisation=organisation).first()
    if existing is not None:
        recorder.record(actor=by, obj=existing, action=Action.VALIDATE)
        return existing
    return _record_active(ecosystem, organisation, role, programmes, by)


@service(permission=can_manage_ecosystem, on="membership")
def membership_role_set(*, membership: EcosystemMembership, role: str, by) -> EcosystemMembership:
    """Change a member's role (a local authority's role, or plain member). Side effects: one event."""
    _check_role(membership.organisation, role)
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    recorder.record(actor=by, obj=membership, action=Action.UPDATE, changes={"role": [before, role]})
    return membership


@service(permission=is_member_org_admin, on="membership")
def membership_contact_set(*, membership: EcosystemMembership, contact, by) -> EcosystemMembership:
    """Name the member's contact person for the members' directory: one of its staff (or nobody).

    Side effects: one event (ids only).
    """
    if (
        contact is not None
        and not Staff.objects.filter(user=contact, organisation_id=membership.organisation_id).exists()
    ):
        raise ValidationError({"contact": _("Choisissez une personne de l'équipe de l'organisation.")})
    before = membership.contact_id
    membership.contact = contact
    membership.save(update_fields=["contact"])
    recorder.record(
        actor=by,
        obj=membership,
        action=Action.UPDATE,
        changes={"contact": [before, getattr(contact, "pk", None)]},
    )
    return membership


# -- joint projects -------------------------------------------------------------------------


def _check_contributor(ecosystem: Ecosystem, programme: Programme, field: str) -> None:
    if not contributable_programmes(ecosystem).filter(pk=programme.pk).exists():
        raise ValidationError(
            {field: _("Choisissez un dispositif membre de l'écosystème ou de la structure qui l'anime.")}
        )


def _check_part(part: str) -> str:
    part = (part or "").strip()
    if len(part) > PART_MAX:
        raise ValidationError({"part": _("La description dépasse %(n)s caractères.") % {"n": PART_MAX}})
    return part


@service(permission=can_manage_ecosystem, on="ecosystem")
def joint_project_create(
    *, ecosystem: Ecosystem, lead: Programme, name: str, model: str, by, summary: str = "", part: str = ""
) -> JointProject:
    """Create a joint project of the ecosystem: an accompaniment project run in the pipeline of
    its lead programme (which the creator's team runs), owned by the ecosystem.

    Side effects: the accompaniment project (`project_create`: pipeline, first stage, event),
    the joint project, the lead's contribution, one event.
    """
    _check_contributor(ecosystem, lead, "lead")
    if not can_run_programme(by, lead):
        raise ValidationError(
            {
                "lead": _(
                    "Le pilote doit être un dispositif que votre équipe anime ; ajoutez ensuite les autres dispositifs comme contributeurs."
                )
            }
        )
    part = _check_part(part)
    project = project_create(programme=lead, name=name, model=model, summary=summary, by=by)
    joint = JointProject.objects.create(ecosystem=ecosystem, project=project)
    Contribution.objects.create(joint_project=joint, programme=lead, role=ContributionRole.LEAD, part=part)
    recorder.record(
        actor=by, obj=joint, action=Action.CREATE, changes={"ecosystem": ecosystem.pk, "lead": lead.pk}
    )
    return joint


@service(permission=can_manage_ecosystem, on="joint_project")
def contribution_add(
    *, joint_project: JointProject, programme: Programme, role: str, by, part: str = ""
) -> Contribution:
    """Add a contributing programme with its role (finances, hosts, accompanies, expertise).

    Side effects: the contribution, one event.
    """
    if role not in ContributionRole.values or role == ContributionRole.LEAD:
        raise ValidationError(
            {
                "role": _(
                    "Choisissez le rôle du dispositif : il finance, héberge, accompagne ou apporte son expertise."
                )
            }
        )
    _check_contributor(joint_project.ecosystem, programme, "programme")
    if joint_project.contributions.filter(programme=programme, role=role).exists():
        raise ValidationError({"programme": _("Ce dispositif a déjà ce rôle dans le projet.")})
    contribution = Contribution.objects.create(
        joint_project=joint_project, programme=programme, role=role, part=_check_part(part)
    )
    recorder.record(
        actor=by, obj=contribution, action=Action.CREATE, changes={"programme": programme.pk, "role": role}
    )
    return contribution


@service(permission=can_manage_ecosystem, on="contribution")
def contribution_remove(*, contribution: Contribution, by) -> JointProject:
    """Remove a contribution (never the lead's). Side effects: the row deleted, one event."""
    if contribution.role == ContributionRole.LEAD:
        raise ValidationError(
            _("Le pilote du projet ne se retire pas : il porte le projet d'accompagnement.")
        )
    joint = contribution.joint_project
    recorder.record(
        actor=by,
        obj=contribution,
        action=Action.DELETE,
        changes={"programme": contribution.programme_id, "role": contribution.role},
    )
    contribution.delete()
    return joint
