"""Writes of replication: kits and their versions, their states, copies and their updates.

Every function is a `@service` (essaim/core/services.py): keyword-only, takes `by`, checks its
permission through the predicates of `rules.py`, runs in one transaction and writes its
activity-log event. A project copy is created by `accompaniment.services.project_create` (its
own rules: the person runs the programme); a programme copy is a new, unpublished programme of
the founding organisation, with the kit's pipeline as its generator pipeline.
"""

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from essaim.accompaniment import pipelines
from essaim.accompaniment.enums import ProjectModel
from essaim.accompaniment.rules import can_manage_project
from essaim.accompaniment.services import project_create
from essaim.audit import recorder
from essaim.audit.models import Action
from essaim.core.errors import ValidationError
from essaim.core.services import ensure, service
from essaim.directory.enums import AccompanimentModel, LifeStage
from essaim.directory.models import Programme, ZoneItem
from essaim.replication import content as kit_content
from essaim.replication.enums import Section, Subject
from essaim.replication.kit_pipeline import sync_pipeline
from essaim.replication.models import Kit, KitVersion, Replica
from essaim.replication.rules import (
    can_copy_into,
    can_found_programme,
    can_manage_kit,
    can_replicate,
    can_run_replica,
)
from essaim.replication.workflows import KIT
from essaim.territories import selectors as territories
from essaim.territories.models import Level

NAME_MAX, TERMS_MAX, NOTE_MAX = 200, 300, 500


def _clean_meta(name: str, need_terms: str, life_stages) -> tuple[str, str, list[str]]:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Le nom du modèle est obligatoire.")})
    if len(name) > NAME_MAX:
        raise ValidationError({"name": _("%(n)s caractères au plus.") % {"n": NAME_MAX}})
    need_terms = ", ".join(t.strip() for t in (need_terms or "").split(",") if t.strip())
    if len(need_terms) > TERMS_MAX:
        raise ValidationError({"need_terms": _("%(n)s caractères au plus.") % {"n": TERMS_MAX}})
    stages = [s for s in LifeStage.values if s in set(life_stages or ())]
    if len(stages) != len(set(life_stages or ())):
        raise ValidationError({"life_stages": _("Étape de vie inconnue.")})
    return name, need_terms, stages


@service
def kit_create(
    *, by, name: str, texts: dict, project=None, programme=None, need_terms: str = "", life_stages=()
) -> Kit:
    """Turn a proven project (or programme) into a replication kit, in draft, version 1.

    Side effects: the kit and its first version, one event.
    """
    if (project is None) == (programme is None):
        raise ValidationError({"subject": _("Choisissez un projet ou un dispositif.")})
    if project is not None:
        ensure(can_manage_project, by, project)
        owner, subject = project.programme, Subject.PROJECT
    else:
        ensure(can_copy_into, by, programme)
        owner, subject = programme, Subject.PROGRAMME
    taken = Kit.objects.filter(project=project) if project else Kit.objects.filter(programme=programme)
    if taken.exists():
        raise ValidationError({"subject": _("Ce modèle a déjà son kit d'essaimage.")})
    name, need_terms, stages = _clean_meta(name, need_terms, life_stages)
    content = kit_content.parse(texts)
    checksum = kit_content.checksum(content)
    kit = Kit.objects.create(
        name=name,
        subject=subject,
        project=project,
        programme=programme,
        owner=owner,
        need_terms=need_terms,
        life_stages=stages,
        checksum=checksum,
    )
    KitVersion.objects.create(kit=kit, number=1, content=content, checksum=checksum, created_by=_person(by))
    recorder.record(actor=by, obj=kit, action=Action.CREATE, changes={"name": name, "version": 1})
    return kit


def _person(by):
    return by if getattr(by, "is_authenticated", False) else None


@service(permission=can_manage_kit, on="kit")
def kit_update(
    *,
    kit: Kit,
    by,
    name: str | None = None,
    texts: dict | None = None,
    need_terms: str | None = None,
    life_stages=None,
    note: str = "",
) -> Kit:
    """Change the kit (what is not given stays): its name, need words and life stages in place,
    its content as a new version (only when the content changed; the copies then show the drift).

    Side effects: the kit, a new `KitVersion` when the content changed, one event.
    """
    name, need_terms, stages = _clean_meta(
        kit.name if name is None else name,
        kit.need_terms if need_terms is None else need_terms,
        kit.life_stages if life_stages is None else life_stages,
    )
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("%(n)s caractères au plus.") % {"n": NOTE_MAX}})
    content = kit.versions.get(number=kit.version).content if texts is None else kit_content.parse(texts)
    checksum = kit_content.checksum(content)
    changes = {}
    if checksum != kit.checksum:
        number = kit.version + 1
        KitVersion.objects.create(
            kit=kit, number=number, content=content, checksum=checksum, note=note, created_by=_person(by)
        )
        changes["version"] = [kit.version, number]
        kit.version, kit.checksum = number, checksum
    for field, value in (("name", name), ("need_terms", need_terms), ("life_stages", stages)):
        if getattr(kit, field) != value:
            changes[field] = [getattr(kit, field), value]
            setattr(kit, field, value)
    kit.save()
    recorder.record(actor=by, obj=kit, action=Action.UPDATE, changes=changes, comment=note)
    return kit


@service
def kit_transition(*, kit: Kit, name: str, by, comment: str = "") -> Kit:
    """Publish or retire a kit (`workflows.KIT`). Side effects: the state, one event (the move)."""
    return KIT.apply(kit, name, by=by, comment=comment[:NOTE_MAX])


# --- Copies ---------------------------------------------------------------------------------


def _territory_codes(level: str, code: str) -> dict[str, str]:
    codes = {lvl: cd for lvl, cd in territories.containing_keys(level, code) if lvl != Level.NATIONAL}
    return {f: codes.get(f, "") for f in ("region", "departement", "epci", "commune")}


def _check_parent(kit: Kit, parent: Replica | None) -> None:
    if parent is not None and parent.kit_id != kit.pk:
        raise ValidationError({"parent": _("Cette copie n'est pas une copie de ce modèle.")})


def _check_new_territory(kit: Kit, level: str, code: str) -> None:
    if Replica.objects.filter(kit=kit, level=level, code=code).exists():
        raise ValidationError({"territory": _("Ce modèle a déjà une copie sur ce territoire.")})
    if kit.subject == Subject.PROJECT and level == Level.COMMUNE and kit.project.commune_id == code:
        raise ValidationError(
            {"territory": _("Le modèle est déjà sur ce territoire : choisissez-en un autre.")}
        )
    if kit.subject == Subject.PROGRAMME and kit.programme.zone.filter(level=level, code=code).exists():
        raise ValidationError(
            {"territory": _("Le modèle est déjà sur ce territoire : choisissez-en un autre.")}
        )


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "dispositif"
    slug, n = base, 1
    while Programme.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _found_programme(kit: Kit, organisation, name: str, level: str, code: str, content: dict) -> Programme:
    model = kit.programme
    description = "\n\n".join(
        part
        for part in (content.get(Section.NEED.value, ""), content.get(Section.BUSINESS_MODEL.value, ""))
        if part
    )
    programme = Programme.objects.create(
        organisation=organisation,
        slug=_unique_slug(name),
        name=name,
        summary=model.summary,
        description=description,
        kind=model.kind,
        family=model.family,
        model=model.model,
        stages=model.stages,
        activities=model.activities,
        needs=model.needs,
        publics=model.publics,
        is_published=False,
    )
    ZoneItem.objects.create(programme=programme, level=level, code=code)
    project_model = (
        ProjectModel.CARRIER if model.model == AccompanimentModel.CARRIER else ProjectModel.GENERATOR
    )
    sync_pipeline(pipelines.install(programme, project_model), content)
    return programme


@service(permission=can_replicate, on="kit")
def replica_create(
    *,
    kit: Kit,
    by,
    name: str,
    commune=None,
    programme: Programme | None = None,
    organisation=None,
    territory: str = "",
    parent: Replica | None = None,
) -> Replica:
    """Copy a published model into another territory, from the kit's current version.

    A project kit: a generator-model project named `name` in `commune`, run by `programme`
    (one the person runs). A programme kit: a new unpublished programme of `organisation` (whose
    admin the person is) acting in `territory` ("level:code"), its pipeline the kit's.
    `parent` is the copy this one is copied from (the lineage), when it is not the model.

    Side effects: the project (its own event) or the programme with its zone and pipeline, the
    copy with the content and checksum it took, one event.
    """
    _check_parent(kit, parent)
    name = (name or "").strip()
    if not name or len(name) > NAME_MAX:
        raise ValidationError({"name": _("Donnez un nom de %(n)s caractères au plus.") % {"n": NAME_MAX}})
    version = kit.versions.get(number=kit.version)
    if kit.subject == Subject.PROJECT:
        if commune is None or programme is None:
            raise ValidationError(
                {"commune": _("Choisissez la commune et le dispositif qui accompagnera la copie.")}
            )
        ensure(can_copy_into, by, programme)
        level, code = Level.COMMUNE.value, commune.code
        _check_new_territory(kit, level, code)
        project = project_create(
            programme=programme,
            name=name,
            model=ProjectModel.GENERATOR,
            by=by,
            summary=kit.project.summary,
            social_need=version.content.get(Section.NEED.value, "")[:5000],
            sector=kit.project.sector,
            commune=commune,
        )
        runner, new_programme = programme, None
    else:
        if organisation is None:
            raise ValidationError({"organisation": _("Choisissez l'organisation qui portera le dispositif.")})
        ensure(can_found_programme, by, organisation)
        try:
            level, code = territories.parse_ref(territory)
            territories.get_object(level, code) if level != Level.NATIONAL else None
        except (ValueError, territories.TerritoryNotFound):
            raise ValidationError({"territory": _("Territoire inconnu.")}) from None
        _check_new_territory(kit, level, code)
        new_programme = _found_programme(kit, organisation, name, level, code, version.content)
        runner, project = new_programme, None
    replica = Replica.objects.create(
        kit=kit,
        parent=parent,
        project=project,
        new_programme=new_programme,
        programme=runner,
        level=level,
        code=code,
        version=version,
        content=version.content,
        checksum=version.checksum,
        created_by=_person(by),
        **_territory_codes(level, code),
    )
    recorder.record(
        actor=by,
        obj=replica,
        action=Action.CREATE,
        changes={
            "kit": kit.pk,
            "version": version.number,
            "territory": f"{level}:{code}",
            "parent": parent and parent.pk,
        },
    )
    return replica


@service(permission=can_run_replica, on="replica")
def replica_take_version(*, replica: Replica, by) -> Replica:
    """Take the kit's current version: the copy's content and checksum become the kit's (and a
    programme copy's pipeline gets the kit's stages and deliverables).

    Side effects: the copy (and the pipeline's stages), one event naming both versions.
    """
    kit = replica.kit
    if replica.checksum == kit.checksum:
        raise ValidationError(_("Cette copie suit déjà la version courante du modèle."))
    version = kit.versions.get(number=kit.version)
    before = replica.version.number
    replica.version, replica.content, replica.checksum = version, version.content, version.checksum
    replica.updated_at = timezone.now()
    replica.save()
    if replica.new_programme_id:
        for pipeline in replica.new_programme.pipelines.all():
            sync_pipeline(pipeline, version.content)
    recorder.record(
        actor=by, obj=replica, action=Action.UPDATE, changes={"version": [before, version.number]}
    )
    return replica
