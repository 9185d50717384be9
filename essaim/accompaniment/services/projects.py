"""Writes of projects: creation, description, team, checklists, pipeline moves."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accompaniment import pipelines, rules
from essaim.accompaniment.enums import ProjectModel
from essaim.accompaniment.models import PipelineStage, Project, StageTransition
from essaim.accompaniment.selectors import organisation_staff
from essaim.accompaniment.workflows import PIPELINE, as_person
from essaim.audit import recorder
from essaim.audit.models import Action
from essaim.core.services import service

PROJECT_FIELDS = ["name", "summary", "social_need", "sector", "commune", "model", "programme"]
EDITABLE_FIELDS = {"name", "summary", "social_need", "sector", "commune", "coach"}


@service(permission=rules.can_run_programme, on="programme")
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
    carrier yet. Side effects: creates the pipeline if missing, the project, its first stage
    history row and one event.
    """
    if model not in ProjectModel.values:
        raise ValidationError({"model": _("Modèle d'accompagnement inconnu.")})
    if not name.strip():
        raise ValidationError({"name": _("Le nom du projet est obligatoire.")})
    pipeline = pipelines.install(programme, model)
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
        project=project,
        from_stage=None,
        to_stage=stage,
        from_status="",
        to_status=project.status,
        by=as_person(by),
    )
    recorder.record(
        actor=by, obj=project, action=Action.CREATE, changes=recorder.snapshot(project, PROJECT_FIELDS)
    )
    return project


# An unchanged form logs nothing: the event is written only when a field changed.
@service(permission=rules.can_manage_project, on="project", audit=False)
def project_update(*, project: Project, by, **fields) -> Project:
    """Change descriptive fields and the coach (a member of the programme's team, whose name and
    e-mail the carriers see). Side effects: saves the project, one event with the diff (none
    when nothing changed)."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    if "name" in fields and not str(fields["name"]).strip():
        raise ValidationError({"name": _("Le nom du projet est obligatoire.")})
    coach = fields.get("coach")
    if (
        coach is not None
        and not organisation_staff(project.programme.organisation_id).filter(pk=coach.pk).exists()
    ):
        raise ValidationError({"coach": _("Choisissez un membre de l'équipe du dispositif.")})
    before = recorder.snapshot(project, list(fields))
    for name, value in fields.items():
        setattr(project, name, value)
    project.save()
    changes = recorder.diff(before, recorder.snapshot(project, list(fields)))
    if changes:
        recorder.record(actor=by, obj=project, action=Action.UPDATE, changes=changes)
    return project


@service(permission=rules.can_manage_project, on="project")
def project_set_carriers(*, project: Project, carriers, by) -> Project:
    """Replace the project's team (e.g. the recruited leader of a generated project).

    Side effects: updates the carriers, flags the users as carriers, one event.
    """
    before = sorted(project.carriers.values_list("pk", flat=True))
    project.carriers.set(carriers)
    for user in carriers:
        if not user.is_carrier:
            user.is_carrier = True
            user.save(update_fields=["is_carrier"])
    after = sorted(u.pk for u in carriers)
    recorder.record(actor=by, obj=project, action=Action.UPDATE, changes={"carriers": [before, after]})
    return project


@service(permission=rules.can_manage_project, on="project")
def checklist_toggle(*, project: Project, stage: PipelineStage, item: str, done: bool, by) -> Project:
    """Tick or untick a deliverable. Side effects: saves the project, one event."""
    if stage.pipeline_id != project.stage.pipeline_id or item not in {i["key"] for i in stage.checklist}:
        raise ValidationError(_("Livrable inconnu pour cette étape."))
    current = set(project.checklist_done.get(stage.key, []))
    current = current | {item} if done else current - {item}
    project.checklist_done = {**project.checklist_done, stage.key: sorted(current)}
    project.save(update_fields=["checklist_done", "updated_at"])
    recorder.record(
        actor=by, obj=project, action=Action.UPDATE, changes={"checklist_done": {stage.key: {item: done}}}
    )
    return project


@service
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
    """Move a project through its pipeline (`workflows.PIPELINE`): to `to_stage` (the next
    stage, or any stage with `override`), or abandon it, or reopen it.

    Side effects: the project's stage, life stage, status and dates; its stage history row;
    one event (the move); post-creation check-ins when entering creation; an e-mail to the
    carriers. Raises PermissionDenied when `by` may not make this move, TransitionNotAllowed
    (a French message) when the state or a rule of the pipeline refuses it.
    """
    name = "reopen" if reopen else "abandon" if abandon else "override" if override else "move"
    moved = PIPELINE.apply(project, name, by=by, comment=comment, to_stage=to_stage)
    return moved.last_move.params["history"]
