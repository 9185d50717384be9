"""The state machines of accompaniment, each declared once on the workflow kernel.

`PIPELINE` — a project moves to the next stage of its programme's pipeline (`move`), or a
programme admin skips or goes back with a written reason (`override`); it may be abandoned
with a reason (`abandon`) and reopened by a programme admin (`reopen`). Entering a creation
stage needs a closed financing plan (the study: never launch before the financing plan is
closed) — no override lifts it. Entering a stage writes the project's stage history
(`StageTransition`, read by the evidence app), schedules the post-creation check-ins on
entering creation, and tells the carriers.

`REFERRAL` ("passerelle") — awaiting_consent → proposed (the carrier consents to a set of
fields) or declined_by_carrier; proposed → accepted / refused (receiving staff, a reason to
refuse); awaiting_consent / proposed → withdrawn (sending staff). Each move tells the parties.

`MOBILISATION` — the expert accepts or declines a request; staff record the hours given.

`CHECKIN` — staff validate a scheduled check-in; a correction supersedes a validated one with a
new validated record (validated records never change).

Every move is logged once by the kernel in the activity log (`audit.Event`).
"""

import calendar
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.accompaniment import rules
from essaim.accompaniment.enums import (
    CheckinStatus,
    MobilisationStatus,
    ProjectStatus,
    ReferralField,
    ReferralStatus,
)
from essaim.accompaniment.models import Checkin, PipelineStage, StageTransition
from essaim.accompaniment.selectors import organisation_staff
from essaim.audit import recorder
from essaim.core.actors import is_system
from essaim.core.workflow import Transition, Workflow
from essaim.financing.selectors import plan_is_closed
from essaim.notifications.services import notify
from essaim.notifications.urls import site_url

CHECKIN_MONTHS = (6, 12, 24, 36, 60)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def as_person(by):
    """`by` as a user for a foreign key (system actors are nobody)."""
    return None if by is None or is_system(by) or not by.is_authenticated else by


# -- project pipeline ------------------------------------------------------------------


def project_state(project) -> str:
    """What the log shows as a project's state: its stage, or « abandonné »."""
    if project.status == ProjectStatus.ABANDONED:
        return ProjectStatus.ABANDONED
    return project.stage.name[:40]


def active_stages(project) -> list[PipelineStage]:
    return list(PipelineStage.objects.filter(pipeline_id=project.stage.pipeline_id, is_archived=False))


def next_stage(project, stages: list[PipelineStage] | None = None) -> PipelineStage | None:
    stages = active_stages(project) if stages is None else stages
    later = [s for s in stages if s.position > project.stage.position]
    return later[0] if later else None


def _target_in_pipeline(project, ctx):
    stage = ctx.params.get("to_stage")
    if stage is None:
        return _("Choisissez l'étape de destination.")
    if stage.pipeline_id != project.stage.pipeline_id or stage.is_archived:
        return _("Cette étape n'appartient pas au parcours du projet.")
    if stage.pk == project.stage_id:
        return _("Le projet est déjà à l'étape « %(stage)s ».") % {"stage": stage.name}
    return None


def _target_is_next(project, ctx):
    following = next_stage(project)
    if ctx.params["to_stage"] != following:
        return _(
            "On ne peut pas sauter d'étape : l'étape suivante est « %(stage)s ». "
            "Un administrateur du dispositif peut déroger en écrivant un motif."
        ) % {"stage": getattr(following, "name", "—")}
    return None


def _financing_closed(project, ctx):
    stage = ctx.params["to_stage"]
    if stage.is_creation and not plan_is_closed(project):
        return _(
            "Le projet ne peut pas entrer en « %(stage)s » : son plan de financement n'est pas bouclé "
            "(les ressources acquises doivent couvrir les besoins)."
        ) % {"stage": stage.name}
    return None


def _enter(project, ctx) -> None:
    """The project's stage, life stage and dates follow the move; the log keeps the diff."""
    today = timezone.localdate()
    before = {"stage": project.stage_id, "status": ctx.from_state, "life_stage": project.life_stage}
    ctx.params["from_stage"] = project.stage
    stage = ctx.params.get("to_stage") or project.stage
    if stage.pk != project.stage_id:
        project.stage, project.life_stage, project.stage_entered_on = stage, stage.life_stage, today
    if project.status == ProjectStatus.ABANDONED:
        project.ended_on, project.end_reason = today, ctx.comment
    elif ctx.from_state == ProjectStatus.ABANDONED:
        project.ended_on, project.end_reason = None, ""
    if project.stage.is_creation and project.created_on is None:
        project.created_on = today
    after = {"stage": project.stage_id, "status": project.status, "life_stage": project.life_stage}
    ctx.params["log_changes"] = recorder.diff(before, after)


def _write_history(project, ctx) -> None:
    ctx.params["history"] = StageTransition.objects.create(
        project=project,
        from_stage=ctx.params["from_stage"],
        to_stage=project.stage,
        from_status=ctx.from_state,
        to_status=project.status,
        by=as_person(ctx.by),
        comment=ctx.comment,
        is_override=ctx.transition.name == "override",
    )


def schedule_checkins(project) -> list[Checkin]:
    """Plan the 6-month, 1, 2, 3 and 5-year check-ins from the creation date (idempotent).

    A step of entering the creation stage (logged by that move), not a use case of its own.
    """
    if project.created_on is None:
        return []
    existing = set(project.checkins.values_list("months_after", flat=True))
    new = [
        Checkin(project=project, months_after=m, due_on=add_months(project.created_on, m))
        for m in CHECKIN_MONTHS
        if m not in existing
    ]
    return Checkin.objects.bulk_create(new)


def _checkins_on_creation(project, ctx) -> None:
    if project.stage.is_creation and project.status == ProjectStatus.ACTIVE:
        schedule_checkins(project)


def _tell_carriers(project, ctx) -> None:
    notify(
        "accompaniment/transition",
        to=project.carriers.all(),
        context={
            "project": project,
            "abandoned": project.status == ProjectStatus.ABANDONED,
            "comment": ctx.comment,
            "url": site_url("workspace:project", project.pk),
        },
    )


ABANDONED_FIRST = _("Ce projet est abandonné : un administrateur doit d'abord le reprendre.")
ENTER = {"prepare": (_enter,), "effects": (_write_history, _checkins_on_creation, _tell_carriers)}

PIPELINE = Workflow(
    "project",
    states=ProjectStatus,
    state_field="status",
    state_repr=project_state,
    transitions=[
        Transition(
            "move",
            (ProjectStatus.ACTIVE,),
            ProjectStatus.ACTIVE,
            _("Passer à l'étape choisie"),
            permission=rules.can_manage_project,
            guards=(_target_in_pipeline, _target_is_next, _financing_closed),
            denied_message=_("Vous ne pouvez pas faire avancer ce projet."),
            state_message=ABANDONED_FIRST,
            **ENTER,
        ),
        Transition(
            "override",
            (ProjectStatus.ACTIVE,),
            ProjectStatus.ACTIVE,
            _("Déroger au parcours"),
            permission=rules.is_project_admin,
            guards=(_target_in_pipeline, _financing_closed),
            needs_comment=True,
            denied_message=_("Seul un administrateur du dispositif peut déroger au parcours."),
            state_message=ABANDONED_FIRST,
            comment_message=_("Une dérogation doit être motivée par écrit."),
            **ENTER,
        ),
        Transition(
            "abandon",
            (ProjectStatus.ACTIVE,),
            ProjectStatus.ABANDONED,
            _("Abandonner le projet"),
            permission=rules.can_manage_project,
            needs_comment=True,
            is_negative=True,
            denied_message=_("Vous ne pouvez pas faire avancer ce projet."),
            state_message=ABANDONED_FIRST,
            comment_message=_("Indiquez le motif de l'abandon."),
            **ENTER,
        ),
        Transition(
            "reopen",
            (ProjectStatus.ABANDONED,),
            ProjectStatus.ACTIVE,
            _("Reprendre le projet"),
            permission=rules.is_project_admin,
            needs_comment=True,
            denied_message=_(
                "La reprise d'un projet abandonné est réservée aux administrateurs, avec un motif."
            ),
            state_message=_("Seul un projet abandonné peut être repris."),
            comment_message=_(
                "La reprise d'un projet abandonné est réservée aux administrateurs, avec un motif."
            ),
            **ENTER,
        ),
    ],
)


# -- referrals ("passerelles") ------------------------------------------------------------


def _known_fields(referral, ctx):
    fields = list(dict.fromkeys(ctx.params.get("shared_fields") or []))
    unknown = set(fields) - set(ReferralField.values)
    if unknown:
        return _("Informations inconnues : %(names)s") % {"names": ", ".join(sorted(unknown))}
    return None


def _share(referral, ctx) -> None:
    fields = set(ctx.params.get("shared_fields") or [])
    referral.shared_fields = [f for f in ReferralField.values if f in fields]
    referral.consented_at = timezone.now()
    ctx.params["log_changes"] = {"shared_fields": referral.shared_fields}


def _decide(referral, ctx) -> None:
    referral.decision_reason = ctx.comment
    referral.decided_at = timezone.now()


def tell_referral_parties(referral) -> None:
    """The e-mail of a referral's current status, to whoever must act or know."""
    project = referral.project
    context = {"referral": referral, "url": site_url("workspace:referral", referral.pk)}
    if referral.status == ReferralStatus.AWAITING_CONSENT:
        notify("accompaniment/referral_consent", to=project.carriers.all(), context=context)
    elif referral.status == ReferralStatus.PROPOSED:
        staff = organisation_staff(referral.to_programme.organisation_id)
        notify("accompaniment/referral_received", to=staff, context=context)
    else:
        staff = organisation_staff(referral.from_programme.organisation_id)
        notify("accompaniment/referral_status", to=[*project.carriers.all(), *staff], context=context)


def _tell_parties(referral, ctx) -> None:
    tell_referral_parties(referral)


NO_LONGER = _("Cette passerelle est « %(state)s » : l'action n'est plus possible.")
NOT_YOURS = _("Vous ne pouvez pas faire cette action sur cette passerelle.")
TELL = {"effects": (_tell_parties,), "denied_message": NOT_YOURS, "state_message": NO_LONGER}

REFERRAL = Workflow(
    "referral",
    states=ReferralStatus,
    state_field="status",
    transitions=[
        Transition(
            "consent",
            (ReferralStatus.AWAITING_CONSENT,),
            ReferralStatus.PROPOSED,
            _("J'accepte de partager ces informations"),
            permission=rules.is_referral_carrier,
            guards=(_known_fields,),
            prepare=(_share,),
            **TELL,
        ),
        Transition(
            "decline",
            (ReferralStatus.AWAITING_CONSENT,),
            ReferralStatus.DECLINED_BY_CARRIER,
            _("Je refuse cette orientation"),
            permission=rules.is_referral_carrier,
            is_negative=True,
            **TELL,
        ),
        Transition(
            "accept",
            (ReferralStatus.PROPOSED,),
            ReferralStatus.ACCEPTED,
            _("Accepter"),
            permission=rules.is_receiving_staff,
            prepare=(_decide,),
            **TELL,
        ),
        Transition(
            "refuse",
            (ReferralStatus.PROPOSED,),
            ReferralStatus.REFUSED,
            _("Refuser"),
            permission=rules.is_receiving_staff,
            prepare=(_decide,),
            needs_comment=True,
            is_negative=True,
            comment_message=_("Indiquez le motif du refus."),
            **TELL,
        ),
        Transition(
            "withdraw",
            (ReferralStatus.AWAITING_CONSENT, ReferralStatus.PROPOSED),
            ReferralStatus.WITHDRAWN,
            _("Retirer la passerelle"),
            permission=rules.is_sending_staff,
            is_negative=True,
            **TELL,
        ),
    ],
)


# -- expert mobilisations -------------------------------------------------------------------


def _answer(mobilisation, ctx) -> None:
    mobilisation.response = ctx.params.get("response", "")
    mobilisation.responded_at = timezone.now()


def _hours(mobilisation, ctx) -> None:
    before = {"hours": str(mobilisation.hours), "remuneration": mobilisation.remuneration}
    mobilisation.hours, mobilisation.remuneration = ctx.params["hours"], ctx.params["remuneration"]
    after = {"hours": str(mobilisation.hours), "remuneration": mobilisation.remuneration}
    ctx.params["log_changes"] = recorder.diff(before, after)


ANSWERED = _("Cette demande a déjà reçu une réponse.")

MOBILISATION = Workflow(
    "mobilisation",
    states=MobilisationStatus,
    state_field="status",
    transitions=[
        Transition(
            "accept",
            (MobilisationStatus.REQUESTED,),
            MobilisationStatus.ACCEPTED,
            _("J'accepte"),
            permission=rules.is_mobilised_expert,
            prepare=(_answer,),
            state_message=ANSWERED,
        ),
        Transition(
            "decline",
            (MobilisationStatus.REQUESTED,),
            MobilisationStatus.DECLINED,
            _("Je décline"),
            permission=rules.is_mobilised_expert,
            prepare=(_answer,),
            is_negative=True,
            state_message=ANSWERED,
        ),
        Transition(
            "record_hours",
            (MobilisationStatus.ACCEPTED, MobilisationStatus.DONE),
            MobilisationStatus.DONE,
            _("Enregistrer les heures"),
            permission=rules.can_manage_project_child,
            prepare=(_hours,),
            state_message=_("Seule une mobilisation acceptée peut recevoir des heures."),
        ),
    ],
)


# -- post-creation check-ins ------------------------------------------------------------------


def _fill(checkin, ctx) -> None:
    for name, value in ctx.params["data"].items():
        setattr(checkin, name, value)
    checkin.validated_by, checkin.validated_at = as_person(ctx.by), timezone.now()
    ctx.params["log_changes"] = recorder.snapshot(checkin, list(ctx.params["data"]))


def _replace(old, ctx) -> None:
    new = Checkin.objects.create(
        project=old.project,
        months_after=old.months_after,
        due_on=old.due_on,
        status=CheckinStatus.VALIDATED,
        supersedes=old,
        validated_by=as_person(ctx.by),
        validated_at=timezone.now(),
        **ctx.params["data"],
    )
    new.refresh_from_db()  # the figures as stored (2.5 is stored 2.50), for an exact diff
    fields = list(ctx.params["data"])
    changes = recorder.diff(recorder.snapshot(old, fields), recorder.snapshot(new, fields))
    recorder.record(actor=ctx.by, obj=new, action="validate", changes={**changes, "_supersedes": old.pk})
    ctx.params["replacement"] = new


CHECKIN = Workflow(
    "checkin",
    states=CheckinStatus,
    state_field="status",
    transitions=[
        Transition(
            "validate",
            (CheckinStatus.SCHEDULED,),
            CheckinStatus.VALIDATED,
            _("Renseigner"),
            permission=rules.can_manage_project_child,
            prepare=(_fill,),
            state_message=_("Ce point de suivi est déjà validé : enregistrez une correction."),
        ),
        Transition(
            "correct",
            (CheckinStatus.VALIDATED,),
            CheckinStatus.SUPERSEDED,
            _("Corriger"),
            permission=rules.can_manage_project_child,
            effects=(_replace,),
            state_message=_("Seul un point de suivi validé et en vigueur peut être corrigé."),
        ),
    ],
)
