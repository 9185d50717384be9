"""Writes of the practice library (docs/library.md): a programme's resources, their states, and
the reuse of a published checklist in another programme's pipeline. Each is a `@service`:
keyword-only, checked by the predicates of `library.rules`, one transaction, logged in the
activity log.
"""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from essaim.accompaniment.models import PipelineStage, ProgrammePipeline
from essaim.accompaniment.services.programmes import pipeline_stage_add
from essaim.audit import record
from essaim.core import bounds
from essaim.core.actors import is_system
from essaim.core.errors import ValidationError
from essaim.core.services import ensure, service
from essaim.directory.enums import LifeStage, Need, ProgrammeKind
from essaim.directory.models import Programme
from essaim.library import rules
from essaim.library.enums import Facet, Licence, ResourceKind, ResourceState, ReuseMode
from essaim.library.models import (
    ITEM_MAX,
    ITEMS_MAX,
    STAGE_NAME_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    Resource,
    ResourceTag,
    Reuse,
)
from essaim.library.workflows import RESOURCE

VOCABULARY = {Facet.STAGE: LifeStage, Facet.KIND: ProgrammeKind, Facet.NEED: Need}


def _line(value: str, field: str, limit: int, message: str, *, required: bool = True) -> str:
    value = " ".join((value or "").split())
    if (required and not value) or len(value) > limit:
        raise ValidationError({field: message})
    return value


def _clean(*, kind, title, summary, body, items, licence, tags) -> dict:
    if kind not in ResourceKind.values:
        raise ValidationError({"kind": _("Choisissez un type de ressource.")})
    if licence not in Licence.values:
        raise ValidationError({"licence": _("Choisissez une licence.")})
    body = (body or "").strip()
    if len(body) > bounds.LONG_TEXT:
        raise ValidationError(
            {"body": _("Le contenu fait %(max)d caractères au plus.") % {"max": bounds.LONG_TEXT}}
        )
    lines = [" ".join(str(i).split()) for i in (items or [])]
    lines = [line for line in lines if line]
    if len(lines) > ITEMS_MAX or any(len(line) > ITEM_MAX for line in lines):
        raise ValidationError(
            {
                "items": _("%(n)d lignes au plus, de %(max)d caractères au plus.")
                % {"n": ITEMS_MAX, "max": ITEM_MAX}
            }
        )
    if kind == ResourceKind.CHECKLIST and not lines:
        raise ValidationError({"items": _("Une liste de contrôle a au moins une ligne.")})
    for facet, values in tags.items():
        if set(values) - set(VOCABULARY[facet].values):
            raise ValidationError({facet: _("Choisissez des valeurs de la liste.")})
    return {
        "kind": kind,
        "title": _line(
            title,
            "title",
            TITLE_MAX,
            _("Indiquez un titre (%(max)d caractères au plus).") % {"max": TITLE_MAX},
        ),
        "summary": _line(
            summary,
            "summary",
            SUMMARY_MAX,
            _("Indiquez un résumé (%(max)d caractères au plus).") % {"max": SUMMARY_MAX},
        ),
        "body": body,
        "items": lines if kind == ResourceKind.CHECKLIST else [],
        "licence": licence,
    }


def _set_tags(resource: Resource, tags: dict) -> None:
    resource.tags.all().delete()
    ResourceTag.objects.bulk_create(
        ResourceTag(resource=resource, facet=facet, value=value)
        for facet, values in tags.items()
        for value in sorted(set(values))
    )


def _person(by):
    """The account behind `by`, or None for a system actor (the log names it)."""
    return None if is_system(by) else by


def _tags(stages, kinds, needs) -> dict:
    return {Facet.STAGE: list(stages or []), Facet.KIND: list(kinds or []), Facet.NEED: list(needs or [])}


@service(permission=rules.can_write_for, on="programme")
def resource_create(
    *,
    programme: Programme,
    by,
    kind: str,
    title: str,
    summary: str,
    licence: str,
    body: str = "",
    items: list[str] | None = None,
    stages: list[str] | None = None,
    kinds: list[str] | None = None,
    needs: list[str] | None = None,
) -> Resource:
    """A new resource of `programme`, in draft.

    Side effects: one Resource and its tags, one activity-log event.
    """
    tags = _tags(stages, kinds, needs)
    fields = _clean(
        kind=kind, title=title, summary=summary, body=body, items=items, licence=licence, tags=tags
    )
    resource = Resource.objects.create(programme=programme, created_by=_person(by), **fields)
    _set_tags(resource, tags)
    record(actor=by, obj=resource, action="create", changes={"kind": [None, kind]})
    return resource


@service(permission=rules.can_manage_resource, on="resource")
def resource_update(
    *,
    resource: Resource,
    by,
    kind: str,
    title: str,
    summary: str,
    licence: str,
    body: str = "",
    items: list[str] | None = None,
    stages: list[str] | None = None,
    kinds: list[str] | None = None,
    needs: list[str] | None = None,
) -> Resource:
    """Edit a resource. An edit of a published resource is published at once as a new version;
    an edit of a draft or an archived one makes a new version when it is published.

    Side effects: the Resource and its tags saved, one activity-log event.
    """
    tags = _tags(stages, kinds, needs)
    fields = _clean(
        kind=kind, title=title, summary=summary, body=body, items=items, licence=licence, tags=tags
    )
    changes = {k: [getattr(resource, k), v] for k, v in fields.items() if getattr(resource, k) != v}
    for name, value in fields.items():
        setattr(resource, name, value)
    if resource.state == ResourceState.PUBLISHED:
        resource.version += 1
    elif resource.version:
        resource.changed = True
    resource.save()
    _set_tags(resource, tags)
    record(
        actor=by,
        obj=resource,
        action="update",
        changes={k: [str(a), str(b)] for k, (a, b) in changes.items()},
    )
    return resource


@service(permission=rules.can_manage_resource, on="resource")
def resource_transition(*, resource: Resource, name: str, by) -> Resource:
    """Publish or archive a resource (workflows.RESOURCE).

    Side effects: the state (and on publication the version) saved, the move logged.
    """
    return RESOURCE.apply(resource, name, by=by)


def _copied_lines(resource: Resource, stage: PipelineStage) -> list[dict]:
    """The resource's lines as checklist items of `stage`, with keys the stage does not hold yet."""
    taken = {item["key"] for item in stage.checklist}
    added = []
    for n, label in enumerate(resource.items, start=1):
        key = slugify(f"bib-{resource.pk}-{n}-{label}")[:40].strip("-")
        while key in taken:
            key = f"{key[:36]}-{len(taken)}"
        taken.add(key)
        added.append({"key": key, "label": label})
    return added


@service(permission=rules.can_reuse, on="resource")
def resource_reuse(*, resource: Resource, stage: PipelineStage, by) -> Reuse:
    """Copy a published checklist's lines onto a stage of another programme's pipeline, as that
    stage's checklist items, and record where they came from.

    Side effects: the stage's checklist extended, one Reuse, one activity-log event.
    """
    programme = stage.pipeline.programme
    ensure(
        rules.can_write_for, by, programme, _("Vous ne pouvez changer que le parcours de vos dispositifs.")
    )
    if programme.pk == resource.programme_id:
        raise ValidationError({"stage": _("Cette ressource est déjà celle de votre dispositif.")})
    if stage.is_archived:
        raise ValidationError({"stage": _("Cette étape est retirée du parcours.")})
    if Reuse.objects.filter(resource=resource, stage=stage).exists():
        raise ValidationError({"stage": _("Cette liste est déjà copiée dans cette étape.")})
    stage = PipelineStage.objects.select_for_update().get(pk=stage.pk)
    added = _copied_lines(resource, stage)
    stage.checklist = [*stage.checklist, *added]
    stage.save(update_fields=["checklist"])
    reuse = Reuse.objects.create(
        resource=resource,
        version=resource.version,
        programme=programme,
        stage=stage,
        keys=[item["key"] for item in added],
        by=_person(by),
    )
    record(actor=by, obj=reuse, action="create", changes={"stage": [None, stage.name]})
    return reuse


def _stage_name(resource: Resource, name: str | None) -> str:
    if name is None:
        name = resource.title
        if len(name) > STAGE_NAME_MAX:
            raise ValidationError(
                {"name": _("Le titre de la ressource est trop long pour une étape : donnez-lui un nom.")}
            )
    return _line(
        name,
        "name",
        STAGE_NAME_MAX,
        _("Indiquez le nom de l'étape (%(max)d caractères au plus).") % {"max": STAGE_NAME_MAX},
    )


def _after(pipeline: ProgrammePipeline, after: PipelineStage | None) -> PipelineStage:
    live = pipeline.stages.filter(is_archived=False).order_by("position", "pk")
    if after is None:
        after = live.last()
        if after is None:
            raise ValidationError({"after": _("Ce parcours n'a plus d'étape en service.")})
    elif after.pipeline_id != pipeline.pk:
        raise ValidationError({"after": _("Choisissez une étape de ce parcours.")})
    elif after.is_archived:
        raise ValidationError({"after": _("Cette étape est retirée du parcours.")})
    return after


@service(permission=rules.can_reuse, on="resource")
def resource_reuse_as_stage(
    *,
    resource: Resource,
    pipeline: ProgrammePipeline,
    by,
    name: str | None = None,
    after: PipelineStage | None = None,
) -> Reuse:
    """Make a published checklist a new stage of another programme's pipeline (a stage template):
    the stage is named after the resource (or `name`), placed after `after` (by default at the
    end), its checklist the resource's lines; the origin is recorded.

    The stage is made by `accompaniment.services.pipeline_stage_add`, with its rule (the
    programme's admins). Side effects: one PipelineStage (later positions shifted), one Reuse,
    their activity-log events.
    """
    programme = pipeline.programme
    ensure(
        rules.can_write_for, by, programme, _("Vous ne pouvez changer que le parcours de vos dispositifs.")
    )
    if programme.pk == resource.programme_id:
        raise ValidationError({"pipeline": _("Cette ressource est déjà celle de votre dispositif.")})
    name = _stage_name(resource, name)
    after = _after(pipeline, after)
    stage = pipeline_stage_add(pipeline=pipeline, name=name, life_stage=after.life_stage, after=after, by=by)
    stage.checklist = _copied_lines(resource, stage)
    stage.save(update_fields=["checklist"])
    reuse = Reuse.objects.create(
        resource=resource,
        version=resource.version,
        programme=programme,
        stage=stage,
        mode=ReuseMode.STAGE,
        keys=[item["key"] for item in stage.checklist],
        by=_person(by),
    )
    record(
        actor=by,
        obj=reuse,
        action="create",
        changes={"stage": [None, stage.name], "mode": [None, ReuseMode.STAGE]},
    )
    return reuse
