"""Writes of accompaniment: programme set-up, pipelines, projects, checklists, referrals."""

import calendar
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accompaniment import audit
from essaim.accompaniment.enums import (
    AuditAction,
    ProjectModel,
    ReferralStatus,
)
from essaim.accompaniment.models import (
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
