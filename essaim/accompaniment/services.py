"""Writes of accompaniment. Forms, API handlers, commands and tasks call these functions.

Pipeline moves and referral decisions live in `workflow.py` (the state machines).
Every function writes an AuditEvent for what it changed.
"""

import calendar
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accompaniment import audit
from essaim.accompaniment.enums import (
    AuditAction,
    CheckinStatus,
    EnterpriseStatus,
    MobilisationStatus,
    ProjectModel,
    ReferralStatus,
    Remuneration,
)
from essaim.accompaniment.models import (
    Checkin,
    Expert,
    Meeting,
    Mobilisation,
    PipelineStage,
    ProgrammePipeline,
    ProgrammeSettings,
    Project,
    Referral,
    ReferralEvent,
)
from essaim.accompaniment.pipelines import TEMPLATE_FOR_MODEL, TEMPLATES

CHECKIN_MONTHS = (6, 12, 24, 36, 60)
DEFAULT_REMINDER_DELAYS = getattr(settings, "ACCOMPANIMENT_REMINDER_DELAYS", (10, 14, 30))
PROJECT_FIELDS = ["name", "summary", "social_need", "sector", "commune", "model", "programme"]


class PermissionDenied(Exception):
    pass


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# -- programme set-up -------------------------------------------------------------------


def programme_settings(*, programme) -> ProgrammeSettings:
    """The programme's targets, created with defaults on first use. Side effect: may insert a row."""
    obj, _created = ProgrammeSettings.objects.get_or_create(
        programme=programme, defaults={"reminder_delays": list(DEFAULT_REMINDER_DELAYS)}
    )
    return obj


@transaction.atomic
def pipeline_create(*, programme, model: str, template: str | None = None) -> ProgrammePipeline:
    """Copy a template into the programme's pipeline for `model` (idempotent).

    Side effects: one ProgrammePipeline and its PipelineStage rows when missing.
    """
    existing = ProgrammePipeline.objects.filter(programme=programme, model=model).first()
    if existing is not None:
        return existing
    tpl = TEMPLATES[template] if template else TEMPLATE_FOR_MODEL[model]
    pipeline = ProgrammePipeline.objects.create(
        programme=programme, model=model, template=tpl.key, name=str(tpl.name)
    )
    PipelineStage.objects.bulk_create(
        PipelineStage(
            pipeline=pipeline,
            key=st.key,
            name=str(st.name),
            life_stage=st.life_stage,
            position=(i + 1) * 10,
            checklist=[{"key": k, "label": str(label)} for k, label in st.checklist],
            is_creation=st.is_creation,
        )
        for i, st in enumerate(tpl.stages)
    )
    return pipeline


def pipeline_stage_rename(*, stage: PipelineStage, name: str, by) -> PipelineStage:
    """Rename a stage (its key stays). Side effects: saves the stage, one AuditEvent."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Le nom de l'étape est obligatoire.")})
    before = stage.name
    stage.name = name
    stage.save(update_fields=["name"])
    audit.record(
        actor=by,
        obj=stage,
        action=AuditAction.UPDATE,
        changes={"name": [before, name]},
        programme_id=stage.pipeline.programme_id,
    )
    return stage


def pipeline_stage_add(*, pipeline: ProgrammePipeline, name: str, life_stage: str, after: PipelineStage, by):
    """Insert a stage after `after`. Side effects: shifts later positions, one AuditEvent."""
    from django.utils.text import slugify

    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Le nom de l'étape est obligatoire.")})
    base = slugify(name)[:30] or "etape"
    key, n = base, 2
    while pipeline.stages.filter(key=key).exists():
        key, n = f"{base}-{n}", n + 1
    with transaction.atomic():
        later = list(pipeline.stages.filter(position__gt=after.position).order_by("-position"))
        for st in later:
            st.position += 10
            st.save(update_fields=["position"])
        stage = PipelineStage.objects.create(
            pipeline=pipeline, key=key, name=name, life_stage=life_stage, position=after.position + 5
        )
        audit.record(actor=by, obj=stage, action=AuditAction.CREATE, programme_id=pipeline.programme_id)
    return stage


def pipeline_stage_drop(*, stage: PipelineStage, by) -> None:
    """Retire a stage from the pipeline (kept for history). Refused while projects sit on it."""
    if stage.projects.exists():
        raise ValidationError(_("Des projets sont à cette étape : déplacez-les avant de la retirer."))
    if stage.is_creation:
        raise ValidationError(_("L'étape de création ne peut pas être retirée."))
    stage.is_archived = True
    stage.save(update_fields=["is_archived"])
    audit.record(actor=by, obj=stage, action=AuditAction.DELETE, programme_id=stage.pipeline.programme_id)


# -- projects ------------------------------------------------------------------------------


@transaction.atomic
def project_create(
    *,
    programme,
    name: str,
    model: str,
    by,
    summary: str = "",
    social_need: str = "",
    sector: str = "",
    commune=None,
    carriers=(),
    stage_key: str | None = None,
    started_on: date | None = None,
) -> Project:
    """Create a project in the programme's pipeline for `model`.

    `stage_key` places it directly (e.g. "opportunite_faisabilite" for an application accepted
    by the selection committee); default is the first stage. A generator project may have no
    carrier yet. Side effects: creates the pipeline if missing, the project, a StageTransition
    (creation entry) and an AuditEvent.
    """
    from essaim.accompaniment.models import StageTransition

    if model not in ProjectModel.values:
        raise ValidationError({"model": _("Modèle d'accompagnement inconnu.")})
    if not name.strip():
        raise ValidationError({"name": _("Le nom du projet est obligatoire.")})
    pipeline = pipeline_create(programme=programme, model=model)
    stages = pipeline.stages.filter(is_archived=False)
    stage = stages.filter(key=stage_key).first() if stage_key else stages.first()
    if stage is None:
        raise ValidationError({"stage": _("Étape inconnue dans le parcours du dispositif.")})
    today = timezone.localdate()
    project = Project.objects.create(
        programme=programme,
        name=name.strip(),
        model=model,
        summary=summary,
        social_need=social_need,
        sector=sector,
        commune=commune,
        stage=stage,
        life_stage=stage.life_stage,
        started_on=started_on or today,
        stage_entered_on=today,
    )
    if carriers:
        project.carriers.add(*carriers)
    StageTransition.objects.create(
        project=project, from_stage=None, to_stage=stage, from_status="", to_status=project.status, by=by
    )
    audit.record(
        actor=by, obj=project, action=AuditAction.CREATE, changes=audit.snapshot(project, PROJECT_FIELDS)
    )
    return project


def project_update(*, project: Project, by, **fields) -> Project:
    """Change descriptive fields. Side effects: saves the project, one AuditEvent with the diff."""
    allowed = {"name", "summary", "social_need", "sector", "commune"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    if "name" in fields and not str(fields["name"]).strip():
        raise ValidationError({"name": _("Le nom du projet est obligatoire.")})
    before = audit.snapshot(project, list(fields))
    for name, value in fields.items():
        setattr(project, name, value)
    project.save()
    changes = audit.diff(before, audit.snapshot(project, list(fields)))
    if changes:
        audit.record(actor=by, obj=project, action=AuditAction.UPDATE, changes=changes)
    return project


def project_set_carriers(*, project: Project, carriers, by) -> None:
    """Replace the project's team (e.g. the recruited leader of a generated project).

    Side effects: updates the carriers, flags the users as carriers, one AuditEvent.
    """
    before = sorted(project.carriers.values_list("pk", flat=True))
    project.carriers.set(carriers)
    for user in carriers:
        if not user.is_carrier:
            user.is_carrier = True
            user.save(update_fields=["is_carrier"])
    after = sorted(u.pk for u in carriers)
    audit.record(actor=by, obj=project, action=AuditAction.UPDATE, changes={"carriers": [before, after]})


def checklist_toggle(*, project: Project, stage: PipelineStage, item: str, done: bool, by) -> Project:
    """Tick or untick a deliverable. Side effects: saves the project, one AuditEvent."""
    if stage.pipeline_id != project.stage.pipeline_id or item not in {i["key"] for i in stage.checklist}:
        raise ValidationError(_("Livrable inconnu pour cette étape."))
    current = set(project.checklist_done.get(stage.key, []))
    current = current | {item} if done else current - {item}
    project.checklist_done = {**project.checklist_done, stage.key: sorted(current)}
    project.save(update_fields=["checklist_done", "updated_at"])
    audit.record(
        actor=by, obj=project, action=AuditAction.UPDATE, changes={"checklist": {stage.key: {item: done}}}
    )
    return project


# -- meetings ---------------------------------------------------------------------------------


def _refresh_meeting_stats(project: Project) -> None:
    stats = project.meetings.aggregate(last=Max("date"), minutes=Sum("duration_minutes"))
    upcoming = (
        project.meetings.filter(next_meeting_on__isnull=False)
        .order_by("-date", "-pk")
        .values("next_meeting_on")
        .first()
    )
    project.last_meeting_on = stats["last"]
    project.meeting_minutes = stats["minutes"] or 0
    project.next_meeting_on = upcoming["next_meeting_on"] if upcoming else None
    project.save(update_fields=["last_meeting_on", "meeting_minutes", "next_meeting_on", "updated_at"])


MEETING_FIELDS = [
    "date",
    "duration_minutes",
    "kind",
    "topics",
    "decisions",
    "next_steps",
    "next_meeting_on",
    "expert",
]


@transaction.atomic
def meeting_create(
    *,
    project: Project,
    by,
    date: date,
    duration_minutes: int,
    kind: str,
    topics: str = "",
    decisions: str = "",
    next_steps: str = "",
    next_meeting_on: date | None = None,
    expert: Expert | None = None,
) -> Meeting:
    """Log a meeting. Side effects: the meeting, the project's dosage figures, one AuditEvent."""
    errors = {}
    if duration_minutes is None or duration_minutes <= 0 or duration_minutes > 24 * 60:
        errors["duration_minutes"] = _("La durée doit être comprise entre 1 minute et 24 heures.")
    if date > timezone.localdate() + timedelta(days=1):
        errors["date"] = _("On ne consigne que des rendez-vous qui ont eu lieu.")
    if next_meeting_on is not None and next_meeting_on < date:
        errors["next_meeting_on"] = _("Le prochain rendez-vous doit suivre celui-ci.")
    if errors:
        raise ValidationError(errors)
    meeting = Meeting(
        project=project,
        date=date,
        duration_minutes=duration_minutes,
        kind=kind,
        topics=topics,
        decisions=decisions,
        next_steps=next_steps,
        next_meeting_on=next_meeting_on,
        expert=expert,
        created_by=by,
    )
    meeting.full_clean(exclude=["created_by"])
    meeting.save()
    _refresh_meeting_stats(project)
    audit.record(
        actor=by,
        obj=meeting,
        action=AuditAction.CREATE,
        changes=audit.snapshot(meeting, MEETING_FIELDS),
        project=project,
    )
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, by) -> None:
    """Remove a meeting logged by mistake. Side effects: dosage figures, one AuditEvent."""
    project = meeting.project
    audit.record(
        actor=by,
        obj=meeting,
        action=AuditAction.DELETE,
        changes=audit.snapshot(meeting, MEETING_FIELDS),
        project=project,
    )
    meeting.delete()
    _refresh_meeting_stats(project)


# -- experts ------------------------------------------------------------------------------------


def expert_save(
    *,
    user,
    domains: list[str],
    territory_refs: list[str],
    availability: str = "",
    is_available: bool = True,
    bio="",
) -> Expert:
    """Create or update an expert's profile. Side effects: flags the user as expert."""
    expert, _created = Expert.objects.update_or_create(
        user=user,
        defaults={
            "domains": domains,
            "territory_refs": territory_refs,
            "availability": availability,
            "is_available": is_available,
            "bio": bio,
        },
    )
    if not user.is_expert:
        user.is_expert = True
        user.save(update_fields=["is_expert"])
    return expert


def mobilisation_request(*, project: Project, expert: Expert, domain: str, message: str, by) -> Mobilisation:
    """Ask an expert for time. Side effects: the request, one AuditEvent, an e-mail to the expert."""
    if not message.strip():
        raise ValidationError({"message": _("Décrivez ce que vous attendez de l'expert.")})
    if not expert.is_available:
        raise ValidationError({"expert": _("Cet expert n'est pas disponible en ce moment.")})
    mob = Mobilisation.objects.create(
        project=project, expert=expert, domain=domain, message=message, requested_by=by
    )
    audit.record(actor=by, obj=mob, action=AuditAction.CREATE, project=project, changes={"expert": expert.pk})
    from essaim.accompaniment.tasks import notify_mobilisation

    notify_mobilisation.enqueue(mob.pk)
    return mob


def mobilisation_respond(*, mobilisation: Mobilisation, by, accept: bool, response: str = "") -> Mobilisation:
    """The expert accepts or declines. Side effects: status, one AuditEvent."""
    if mobilisation.expert.user_id != by.pk:
        raise PermissionDenied
    if mobilisation.status != MobilisationStatus.REQUESTED:
        raise ValidationError(_("Cette demande a déjà reçu une réponse."))
    mobilisation.status = MobilisationStatus.ACCEPTED if accept else MobilisationStatus.DECLINED
    mobilisation.response = response
    mobilisation.responded_at = timezone.now()
    mobilisation.save()
    audit.record(
        actor=by,
        obj=mobilisation,
        action=AuditAction.UPDATE,
        changes={"status": [MobilisationStatus.REQUESTED, mobilisation.status]},
        project=mobilisation.project,
    )
    return mobilisation


def mobilisation_record_hours(
    *, mobilisation: Mobilisation, by, hours: Decimal, remuneration: str
) -> Mobilisation:
    """Record the time given once the work is done. Side effects: status done, one AuditEvent."""
    if mobilisation.status not in (MobilisationStatus.ACCEPTED, MobilisationStatus.DONE):
        raise ValidationError(_("Seule une mobilisation acceptée peut recevoir des heures."))
    if hours is None or Decimal(hours) < 0:
        raise ValidationError({"hours": _("Le nombre d'heures ne peut pas être négatif.")})
    if remuneration not in Remuneration.values:
        raise ValidationError({"remuneration": _("Rémunération inconnue.")})
    before = audit.snapshot(mobilisation, ["hours", "remuneration", "status"])
    mobilisation.hours, mobilisation.remuneration = Decimal(hours), remuneration
    mobilisation.status = MobilisationStatus.DONE
    mobilisation.save()
    audit.record(
        actor=by,
        obj=mobilisation,
        action=AuditAction.UPDATE,
        changes=audit.diff(before, audit.snapshot(mobilisation, list(before))),
        project=mobilisation.project,
    )
    return mobilisation


# -- post-creation check-ins ----------------------------------------------------------------------


def checkins_schedule(*, project: Project) -> list[Checkin]:
    """Plan the 6-month, 1, 2, 3 and 5-year check-ins from the creation date (idempotent)."""
    if project.created_on is None:
        return []
    existing = set(project.checkins.values_list("months_after", flat=True))
    new = [
        Checkin(project=project, months_after=m, due_on=add_months(project.created_on, m))
        for m in CHECKIN_MONTHS
        if m not in existing
    ]
    return Checkin.objects.bulk_create(new)


def _clean_checkin(project: Project, data: dict) -> dict:
    errors = {}
    observed_on = data.get("observed_on")
    status = data.get("enterprise_status")
    created = project.created_on
    if observed_on is None:
        errors["observed_on"] = _("Indiquez la date du constat.")
    elif created and observed_on < created:
        errors["observed_on"] = _("Le constat ne peut pas précéder la création (%(date)s).") % {
            "date": created.strftime("%d/%m/%Y")
        }
    if status not in EnterpriseStatus.values:
        errors["enterprise_status"] = _("Indiquez la situation de l'entreprise.")
    ceased_on = data.get("ceased_on")
    if status == EnterpriseStatus.CEASED:
        if ceased_on is None:
            errors["ceased_on"] = _("Indiquez la date de cessation.")
        elif created and ceased_on < created:
            errors["ceased_on"] = _("La cessation ne peut pas précéder la création.")
        elif observed_on and ceased_on > observed_on:
            errors["ceased_on"] = _("La cessation ne peut pas suivre la date du constat.")
    elif ceased_on is not None:
        errors["ceased_on"] = _("Une date de cessation n'a de sens que pour une entreprise qui a cessé.")
    headcount, fte = data.get("headcount"), data.get("fte")
    if headcount is not None and headcount < 0:
        errors["headcount"] = _("L'effectif ne peut pas être négatif.")
    if fte is not None and Decimal(fte) < 0:
        errors["fte"] = _("Le nombre d'emplois ne peut pas être négatif.")
    if errors:
        raise ValidationError(errors)
    return {
        "observed_on": observed_on,
        "enterprise_status": status,
        "ceased_on": ceased_on,
        "headcount": headcount,
        "fte": None if fte is None else Decimal(fte),
        "notes": data.get("notes", ""),
    }


CHECKIN_FIELDS = ["observed_on", "enterprise_status", "ceased_on", "headcount", "fte", "notes"]


@transaction.atomic
def checkin_validate(*, checkin: Checkin, by, **data) -> Checkin:
    """Record and validate a scheduled check-in; afterwards it never changes.

    Side effects: saves the check-in as validated, one AuditEvent.
    """
    checkin = Checkin.objects.select_for_update().select_related("project").get(pk=checkin.pk)
    if checkin.status != CheckinStatus.SCHEDULED:
        raise ValidationError(_("Ce point de suivi est déjà validé : enregistrez une correction."))
    for name, value in _clean_checkin(checkin.project, data).items():
        setattr(checkin, name, value)
    checkin.status = CheckinStatus.VALIDATED
    checkin.validated_by, checkin.validated_at = by, timezone.now()
    checkin.save()
    audit.record(
        actor=by,
        obj=checkin,
        action=AuditAction.VALIDATE,
        changes=audit.snapshot(checkin, CHECKIN_FIELDS),
        project=checkin.project,
    )
    return checkin


@transaction.atomic
def checkin_correct(*, checkin: Checkin, by, **data) -> Checkin:
    """Correct a validated check-in with a new validated record that supersedes it.

    Side effects: the old record becomes "superseded", a new validated record, one AuditEvent.
    """
    old = Checkin.objects.select_for_update().select_related("project").get(pk=checkin.pk)
    if old.status != CheckinStatus.VALIDATED:
        raise ValidationError(_("Seul un point de suivi validé et en vigueur peut être corrigé."))
    clean = _clean_checkin(old.project, data)
    old.status = CheckinStatus.SUPERSEDED
    old.save()
    new = Checkin.objects.create(
        project=old.project,
        months_after=old.months_after,
        due_on=old.due_on,
        status=CheckinStatus.VALIDATED,
        supersedes=old,
        validated_by=by,
        validated_at=timezone.now(),
        **clean,
    )
    audit.record(
        actor=by,
        obj=new,
        action=AuditAction.VALIDATE,
        changes={
            **audit.diff(audit.snapshot(old, CHECKIN_FIELDS), audit.snapshot(new, CHECKIN_FIELDS)),
            "supersedes": old.pk,
        },
        project=old.project,
    )
    return new


# -- referrals --------------------------------------------------------------------------------------


@transaction.atomic
def referral_propose(*, project: Project, to_programme, by, message: str) -> Referral:
    """Propose a project to another programme; the carrier must consent before it is sent.

    Side effects: the referral and its first ReferralEvent, one AuditEvent, an e-mail to the
    carriers asking for consent.
    """
    from essaim.accounts import rules as perms

    if not perms.can_manage_project(by, project):
        raise PermissionDenied
    errors = {}
    if to_programme.pk == project.programme_id:
        errors["to_programme"] = _("Choisissez un autre dispositif que celui qui accompagne le projet.")
    if not message.strip():
        errors["message"] = _("Expliquez pourquoi vous orientez ce projet.")
    if not project.carriers.exists():
        errors["__all__"] = _("Le projet n'a pas encore de porteur pour consentir à la passerelle.")
    open_statuses = [ReferralStatus.AWAITING_CONSENT, ReferralStatus.PROPOSED]
    if Referral.objects.filter(project=project, to_programme=to_programme, status__in=open_statuses).exists():
        errors["to_programme"] = _("Une passerelle vers ce dispositif est déjà en cours.")
    if errors:
        raise ValidationError(errors)
    referral = Referral.objects.create(
        project=project,
        from_programme=project.programme,
        to_programme=to_programme,
        message=message.strip(),
        proposed_by=by,
    )
    event = ReferralEvent.objects.create(
        referral=referral, to_status=referral.status, by=by, comment=referral.message
    )
    audit.record(
        actor=by,
        obj=referral,
        action=AuditAction.CREATE,
        project=project,
        changes={"to_programme": to_programme.pk},
    )
    from essaim.accompaniment.tasks import notify_referral

    notify_referral.enqueue(event.pk)
    return referral


def programme_settings_update(
    *,
    programme,
    by,
    target_hours_min: int,
    target_hours_max: int,
    max_hours_per_month: int,
    alert_after_days: int,
    reminder_delays: list[int],
) -> ProgrammeSettings:
    """Change a programme's targets and reminder delays. Side effects: saves them, one AuditEvent."""
    if target_hours_min > target_hours_max:
        raise ValidationError({"target_hours_max": _("Le maximum doit être supérieur ou égal au minimum.")})
    obj = programme_settings(programme=programme)
    fields = [
        "target_hours_min",
        "target_hours_max",
        "max_hours_per_month",
        "alert_after_days",
        "reminder_delays",
    ]
    before = audit.snapshot(obj, fields)
    obj.target_hours_min, obj.target_hours_max = target_hours_min, target_hours_max
    obj.max_hours_per_month, obj.alert_after_days = max_hours_per_month, alert_after_days
    obj.reminder_delays = sorted(set(reminder_delays))
    obj.save()
    audit.record(
        actor=by,
        obj=obj,
        action=AuditAction.UPDATE,
        changes=audit.diff(before, audit.snapshot(obj, fields)),
        programme_id=programme.pk,
    )
    return obj
