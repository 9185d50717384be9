"""The two state machines of accompaniment, with their transitions in one place.

Project pipeline: a project moves to the next stage of its programme's pipeline, or is
abandoned (and may be reopened by a programme admin). Skipping or going back needs a
programme admin's override with a written reason. Entering a creation stage needs a closed
financing plan (the study: never launch before the financing plan is closed) — no override.

Referral ("passerelle"): awaiting_consent → proposed (carrier consents to a set of fields)
or declined_by_carrier; proposed → accepted / refused (receiving staff, with a reason);
awaiting_consent / proposed → withdrawn (sending staff).

Every transition writes its log row (StageTransition / ReferralEvent) and an AuditEvent,
and enqueues the e-mail notification.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accompaniment import audit
from essaim.accompaniment.enums import AuditAction, ProjectStatus, ReferralField, ReferralStatus
from essaim.accompaniment.models import PipelineStage, Project, Referral, ReferralEvent, StageTransition


class TransitionError(Exception):
    """A refused transition; `str(exc)` is a French message for the user."""


class TransitionForbidden(TransitionError):
    pass


def financing_closed(project: Project) -> bool:
    """The creation gate. The financing app owns the plan (a project without plan is not closed)."""
    from essaim.financing.selectors import plan_is_closed

    return bool(plan_is_closed(project))


# -- project pipeline ------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    to_stage: PipelineStage | None
    to_status: str
    needs_override: bool


def active_stages(project: Project) -> list[PipelineStage]:
    return list(PipelineStage.objects.filter(pipeline_id=project.stage.pipeline_id, is_archived=False))


def next_stage(project: Project, stages: list[PipelineStage] | None = None) -> PipelineStage | None:
    stages = active_stages(project) if stages is None else stages
    later = [s for s in stages if s.position > project.stage.position]
    return later[0] if later else None


def allowed_moves(project: Project) -> list[Move]:
    """Moves a staff member may propose, without override, from the current state."""
    if project.status == ProjectStatus.ABANDONED:
        return []
    moves = []
    following = next_stage(project)
    if following is not None:
        moves.append(Move(following, ProjectStatus.ACTIVE, needs_override=False))
    moves.append(Move(None, ProjectStatus.ABANDONED, needs_override=False))
    return moves


def _check_move(project: Project, to_stage: PipelineStage, *, override: bool, reason: str) -> None:
    if to_stage.pipeline_id != project.stage.pipeline_id or to_stage.is_archived:
        raise TransitionError(_("Cette étape n'appartient pas au parcours du projet."))
    if to_stage.pk == project.stage_id:
        raise TransitionError(_("Le projet est déjà à l'étape « %(stage)s ».") % {"stage": to_stage.name})
    if not override and to_stage != next_stage(project):
        raise TransitionError(
            _(
                "On ne peut pas sauter d'étape : l'étape suivante est « %(stage)s ». "
                "Un administrateur du dispositif peut déroger en écrivant un motif."
            )
            % {"stage": getattr(next_stage(project), "name", "—")}
        )
    if override and not reason.strip():
        raise TransitionError(_("Une dérogation doit être motivée par écrit."))
    if to_stage.is_creation and not financing_closed(project):
        raise TransitionError(
            _(
                "Le projet ne peut pas entrer en « %(stage)s » : son plan de financement n'est pas bouclé "
                "(les ressources acquises doivent couvrir les besoins)."
            )
            % {"stage": to_stage.name}
        )


@transaction.atomic
def project_transition(
    *,
    project: Project,
    by,
    to_stage: PipelineStage | None = None,
    abandon: bool = False,
    reopen: bool = False,
    comment: str = "",
    override: bool = False,
) -> StageTransition:
    """Move a project, check the rules, log the move.

    Side effects: updates the project (stage, life stage, status, dates), writes a
    StageTransition and an AuditEvent, schedules post-creation check-ins when entering a
    creation stage, enqueues an e-mail to the carriers. Raises TransitionForbidden when
    `by` may not make this move and TransitionError (French message) when a rule refuses it.
    """
    from essaim.accounts import rules as perms

    project = Project.objects.select_for_update().select_related("stage").get(pk=project.pk)
    if not perms.can_manage_project(by, project):
        raise TransitionForbidden(_("Vous ne pouvez pas faire avancer ce projet."))
    if override and not perms.is_programme_admin(by, project):
        raise TransitionForbidden(_("Seul un administrateur du dispositif peut déroger au parcours."))
    if reopen:
        if project.status != ProjectStatus.ABANDONED:
            raise TransitionError(_("Seul un projet abandonné peut être repris."))
        if not perms.is_programme_admin(by, project) or not comment.strip():
            raise TransitionError(
                _("La reprise d'un projet abandonné est réservée aux administrateurs, avec un motif.")
            )
        to_stage, to_status = project.stage, ProjectStatus.ACTIVE
    elif project.status == ProjectStatus.ABANDONED:
        raise TransitionError(_("Ce projet est abandonné : un administrateur doit d'abord le reprendre."))
    elif abandon:
        if not comment.strip():
            raise TransitionError(_("Indiquez le motif de l'abandon."))
        to_stage, to_status = project.stage, ProjectStatus.ABANDONED
    else:
        if to_stage is None:
            raise TransitionError(_("Choisissez l'étape de destination."))
        _check_move(project, to_stage, override=override, reason=comment)
        to_status = ProjectStatus.ACTIVE

    today = timezone.localdate()
    log = StageTransition.objects.create(
        project=project,
        from_stage=project.stage,
        to_stage=to_stage,
        from_status=project.status,
        to_status=to_status,
        by=by,
        comment=comment.strip(),
        is_override=override,
    )
    before = audit.snapshot(project, ["stage", "status", "life_stage"])
    if to_stage != project.stage:
        project.stage = to_stage
        project.life_stage = to_stage.life_stage
        project.stage_entered_on = today
    project.status = to_status
    if to_status == ProjectStatus.ABANDONED:
        project.ended_on, project.end_reason = today, comment.strip()
    elif reopen:
        project.ended_on, project.end_reason = None, ""
    if to_stage.is_creation and project.created_on is None:
        project.created_on = today
    project.save()
    if to_stage.is_creation and to_status == ProjectStatus.ACTIVE:
        from essaim.accompaniment.services import checkins_schedule

        checkins_schedule(project=project)
    audit.record(
        actor=by,
        obj=project,
        action=AuditAction.TRANSITION,
        changes={**audit.diff(before, audit.snapshot(project, list(before))), "comment": log.comment},
    )
    from essaim.accompaniment.tasks import notify_transition

    notify_transition.enqueue(log.pk)
    return log


# -- referrals ("passerelles") ------------------------------------------------------------

REFERRAL_TRANSITIONS: dict[str, dict[str, str]] = {
    # action: {from_status: to_status}
    "consent": {ReferralStatus.AWAITING_CONSENT: ReferralStatus.PROPOSED},
    "decline": {ReferralStatus.AWAITING_CONSENT: ReferralStatus.DECLINED_BY_CARRIER},
    "accept": {ReferralStatus.PROPOSED: ReferralStatus.ACCEPTED},
    "refuse": {ReferralStatus.PROPOSED: ReferralStatus.REFUSED},
    "withdraw": {
        ReferralStatus.AWAITING_CONSENT: ReferralStatus.WITHDRAWN,
        ReferralStatus.PROPOSED: ReferralStatus.WITHDRAWN,
    },
}


def referral_actor_may(user, referral: Referral, action: str) -> bool:
    from essaim.accounts import rules as perms

    if action in ("consent", "decline"):
        return referral.project.carriers.filter(pk=user.pk).exists()
    if action in ("accept", "refuse"):
        return perms.is_org_staff(user, referral.to_programme)
    if action == "withdraw":
        return perms.is_org_staff(user, referral.from_programme)
    return False


@transaction.atomic
def referral_transition(
    *, referral: Referral, by, action: str, comment: str = "", shared_fields: list[str] | None = None
) -> ReferralEvent:
    """Apply one referral action.

    Side effects: updates the referral (status, shared fields or decision reason), writes a
    ReferralEvent and an AuditEvent, enqueues an e-mail to the other parties.
    """
    referral = Referral.objects.select_for_update().select_related("project").get(pk=referral.pk)
    moves = REFERRAL_TRANSITIONS.get(action)
    if moves is None:
        raise TransitionError(_("Action inconnue."))
    if not referral_actor_may(by, referral, action):
        raise TransitionForbidden(_("Vous ne pouvez pas faire cette action sur cette passerelle."))
    if referral.status not in moves:
        raise TransitionError(
            _("Cette passerelle est « %(status)s » : l'action n'est plus possible.")
            % {"status": referral.get_status_display()}
        )
    if action == "consent":
        fields = list(dict.fromkeys(shared_fields or []))
        unknown = set(fields) - set(ReferralField.values)
        if unknown:
            raise TransitionError(
                _("Informations inconnues : %(names)s") % {"names": ", ".join(sorted(unknown))}
            )
        referral.shared_fields = [f for f in ReferralField.values if f in fields]
    if action in ("refuse",) and not comment.strip():
        raise TransitionError(_("Indiquez le motif du refus."))
    if action in ("accept", "refuse"):
        referral.decision_reason = comment.strip()
    from_status = referral.status
    referral.status = moves[from_status]
    referral.save()
    event = ReferralEvent.objects.create(
        referral=referral, from_status=from_status, to_status=referral.status, by=by, comment=comment.strip()
    )
    audit.record(
        actor=by,
        obj=referral,
        action=AuditAction.TRANSITION,
        changes={"status": [from_status, referral.status], "shared_fields": referral.shared_fields},
        project=referral.project,
    )
    from essaim.accompaniment.tasks import notify_referral

    notify_referral.enqueue(event.pk)
    return event
