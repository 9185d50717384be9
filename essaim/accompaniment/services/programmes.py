"""Writes of a programme's set-up, by its admins: pipelines, stages, targets and reminders."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from essaim.accompaniment import pipelines, rules
from essaim.accompaniment.models import PipelineStage, ProgrammePipeline, ProgrammeSettings
from essaim.accompaniment.selectors import programme_settings
from essaim.audit import recorder
from essaim.audit.models import Action
from essaim.core.services import ensure, service

SETTINGS_FIELDS = [
    "target_hours_min",
    "target_hours_max",
    "max_hours_per_month",
    "alert_after_days",
    "min_hours_per_period",
    "dosage_period_days",
    "reminder_delays",
]
MIN_HOURS_BOUNDS, PERIOD_BOUNDS = (0, 500), (14, 365)


@service(permission=rules.can_set_up_programme, on="programme")
def pipeline_create(*, programme, model: str, by, template: str | None = None) -> ProgrammePipeline:
    """Copy a template into the programme's pipeline for `model`.

    Side effects: one ProgrammePipeline and its PipelineStage rows, one event. Refused when
    the programme already runs a pipeline for this model.
    """
    if ProgrammePipeline.objects.filter(programme=programme, model=model).exists():
        raise ValidationError(_("Ce dispositif a déjà un parcours pour ce modèle."))
    pipeline = pipelines.install(programme, model, template)
    recorder.record(actor=by, obj=pipeline, action=Action.CREATE, changes={"template": pipeline.template})
    return pipeline


def _ensure_stage_admin(by, stage: PipelineStage) -> None:
    ensure(rules.can_set_up_programme, by, stage.pipeline.programme)


@service
def pipeline_stage_rename(*, stage: PipelineStage, name: str, by) -> PipelineStage:
    """Rename a stage (its key stays). Side effects: saves the stage, one event."""
    _ensure_stage_admin(by, stage)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Le nom de l'étape est obligatoire.")})
    before = stage.name
    stage.name = name
    stage.save(update_fields=["name"])
    recorder.record(actor=by, obj=stage, action=Action.UPDATE, changes={"name": [before, name]})
    return stage


@service
def pipeline_stage_add(
    *, pipeline: ProgrammePipeline, name: str, life_stage: str, after: PipelineStage, by
) -> PipelineStage:
    """Insert a stage after `after`. Side effects: shifts later positions, one event."""
    ensure(rules.can_set_up_programme, by, pipeline.programme)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Le nom de l'étape est obligatoire.")})
    base = slugify(name)[:30] or "etape"
    key, n = base, 2
    while pipeline.stages.filter(key=key).exists():
        key, n = f"{base}-{n}", n + 1
    for st in pipeline.stages.filter(position__gt=after.position).order_by("-position"):
        st.position += 10
        st.save(update_fields=["position"])
    stage = PipelineStage.objects.create(
        pipeline=pipeline, key=key, name=name, life_stage=life_stage, position=after.position + 5
    )
    recorder.record(actor=by, obj=stage, action=Action.CREATE, changes={"name": name})
    return stage


@service
def pipeline_stage_drop(*, stage: PipelineStage, by) -> PipelineStage:
    """Retire a stage from the pipeline (kept for history). Refused while projects sit on it.

    Side effects: the stage archived, one event.
    """
    _ensure_stage_admin(by, stage)
    if stage.projects.exists():
        raise ValidationError(_("Des projets sont à cette étape : déplacez-les avant de la retirer."))
    if stage.is_creation:
        raise ValidationError(_("L'étape de création ne peut pas être retirée."))
    stage.is_archived = True
    stage.save(update_fields=["is_archived"])
    recorder.record(actor=by, obj=stage, action=Action.DELETE)
    return stage


@service(permission=rules.is_programme_admin, on="programme")
def programme_settings_update(
    *,
    programme,
    by,
    target_hours_min: int,
    target_hours_max: int,
    max_hours_per_month: int,
    alert_after_days: int,
    reminder_delays: list[int],
    min_hours_per_period: int | None = None,
    dosage_period_days: int | None = None,
) -> ProgrammeSettings:
    """Change a programme's targets and reminder delays (the minimum hours over a period, and
    that period, stay as they are when not given). Side effects: saves them, one event."""
    if target_hours_min > target_hours_max:
        raise ValidationError({"target_hours_max": _("Le maximum doit être supérieur ou égal au minimum.")})
    obj = programme_settings(programme)
    low = obj.min_hours_per_period if min_hours_per_period is None else min_hours_per_period
    days = obj.dosage_period_days if dosage_period_days is None else dosage_period_days
    if not MIN_HOURS_BOUNDS[0] <= low <= MIN_HOURS_BOUNDS[1]:
        raise ValidationError({"min_hours_per_period": _("Indiquez un nombre d'heures entre 0 et 500.")})
    if not PERIOD_BOUNDS[0] <= days <= PERIOD_BOUNDS[1]:
        raise ValidationError({"dosage_period_days": _("Indiquez une période entre 14 et 365 jours.")})
    obj.min_hours_per_period, obj.dosage_period_days = low, days
    before = recorder.snapshot(obj, SETTINGS_FIELDS)
    obj.target_hours_min, obj.target_hours_max = target_hours_min, target_hours_max
    obj.max_hours_per_month, obj.alert_after_days = max_hours_per_month, alert_after_days
    obj.reminder_delays = sorted(set(reminder_delays))
    obj.save()
    after = recorder.snapshot(obj, SETTINGS_FIELDS)
    recorder.record(actor=by, obj=obj, action=Action.UPDATE, changes=recorder.diff(before, after))
    return obj
