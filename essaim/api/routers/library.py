"""The practice library (docs/library.md): published resources for everyone, a programme's own
resources for its staff, writing, publishing and archiving them, and reusing a published
checklist into a stage of one's pipeline.

Same selectors and services as the pages (`essaim.library`): a draft of another programme is a
404, changing a resource one only reads is a 403, copying into a pipeline one does not run is a
403; a refusal of the domain is a 422 (decision 0021).
"""

from datetime import datetime
from typing import Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from essaim.accompaniment.models import PipelineStage, ProgrammePipeline
from essaim.api.auth import required_auth
from essaim.api.errors import bad_request, unprocessable
from essaim.api.pagination import paginate, parse_page
from essaim.api.routers.params import PAGE, PAGE_SIZE
from essaim.api.schemas.common import ERRORS
from essaim.api.schemas.types import ID_MAX, Body, Id, text
from essaim.core.errors import PermissionDenied
from essaim.directory.enums import LifeStage, Need, ProgrammeKind
from essaim.directory.models import Programme
from essaim.evidence.privacy import shown
from essaim.library import outcomes, selectors, services
from essaim.library.enums import Facet, Licence, ResourceKind, ReuseMode
from essaim.library.models import ITEM_MAX, ITEMS_MAX, STAGE_NAME_MAX, SUMMARY_MAX, TITLE_MAX, Resource, Reuse
from essaim.library.rules import can_manage_resource
from essaim.library.workflows import RESOURCE

router = Router(tags=["bibliothèque"])

StageValue = Literal[tuple(LifeStage.values)]
KindValue = Literal[tuple(ProgrammeKind.values)]
NeedValue = Literal[tuple(Need.values)]
ResourceKindValue = Literal[tuple(ResourceKind.values)]
LicenceValue = Literal[tuple(Licence.values)]


class LibraryResourceOut(Schema):
    id: int
    programme: str
    kind: str
    title: str
    summary: str
    licence: str
    state: str
    version: int
    stages: list[str]
    kinds: list[str]
    needs: list[str]
    published_at: datetime | None


class LibraryResourcePage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[LibraryResourceOut]


class LibraryReuseOut(Schema):
    id: int
    resource: int
    version: int
    programme: str
    stage: int
    stage_name: str
    mode: str
    keys: list[str]
    at: datetime


class LibraryGroupOut(Schema):
    projects: int | str | None
    moved_on: int | str | None
    median_days: int | str | None


class LibraryOutcomesOut(Schema):
    with_resource: LibraryGroupOut
    without_resource: LibraryGroupOut


class LibraryResourceDetail(LibraryResourceOut):
    body: str
    items: list[str]
    reusers: int | None
    reuses: list[LibraryReuseOut] | None
    outcomes: LibraryOutcomesOut | None


class LibraryQuery(Schema):
    page: PAGE = None
    page_size: PAGE_SIZE = None
    stage: StageValue | None = None
    kind: KindValue | None = None
    need: NeedValue | None = None
    resource_kind: ResourceKindValue | None = None


class LibraryResourceIn(Body):
    kind: ResourceKindValue
    title: text(max_length=TITLE_MAX, required=True)
    summary: text(max_length=SUMMARY_MAX, required=True)
    licence: LicenceValue
    body: text(max_length=5000) = ""
    items: list[text(max_length=ITEM_MAX)] = Field(default_factory=list, max_length=ITEMS_MAX)
    stages: list[StageValue] = Field(default_factory=list, max_length=len(LifeStage.values))
    kinds: list[KindValue] = Field(default_factory=list, max_length=len(ProgrammeKind.values))
    needs: list[NeedValue] = Field(default_factory=list, max_length=len(Need.values))


class LibraryResourceCreateIn(LibraryResourceIn):
    programme: text(max_length=80, required=True)


class LibraryTransitionIn(Body):
    action: Literal[tuple(RESOURCE.transitions)]


class LibraryReuseIn(Body):
    mode: Literal[tuple(ReuseMode.values)] = ReuseMode.CHECKLIST.value
    stage: Id | None = Field(
        None,
        description="checklist : l'étape qui reçoit les lignes (obligatoire) ; stage : celle après "
        "laquelle placer la nouvelle étape (par défaut, à la fin du parcours `pipeline`)",
    )
    pipeline: Id | None = Field(None, description="stage : le parcours qui reçoit la nouvelle étape")
    name: text(max_length=STAGE_NAME_MAX) | None = Field(
        None, description="stage : le nom de la nouvelle étape (par défaut, le titre de la ressource)"
    )


def _resource(r: Resource) -> dict:
    return {
        "id": r.pk,
        "programme": r.programme.slug,
        "kind": r.kind,
        "title": r.title,
        "summary": r.summary,
        "licence": r.licence,
        "state": r.state,
        "version": r.version,
        "stages": selectors.tag_values(r, Facet.STAGE),
        "kinds": selectors.tag_values(r, Facet.KIND),
        "needs": selectors.tag_values(r, Facet.NEED),
        "published_at": r.published_at,
    }


def _reuse(u: Reuse) -> dict:
    return {
        "id": u.pk,
        "resource": u.resource_id,
        "version": u.version,
        "programme": u.programme.slug,
        "stage": u.stage_id,
        "stage_name": u.stage.name,
        "mode": u.mode,
        "keys": u.keys,
        "at": u.at,
    }


def _resource_for(request, resource_id: int, *, manage: bool = False) -> Resource:
    if not 1 <= resource_id <= ID_MAX:  # past what the database stores: no such resource (not a 500)
        raise Http404
    return selectors.resource_for(request.user, resource_id, manage=manage)


def _group(group) -> dict:
    return {name: shown(getattr(group, name)) for name in ("projects", "moved_on", "median_days")}


def _outcomes(r: Resource) -> dict | None:
    compared = outcomes.compare(r)
    if compared is None:
        return None
    return {"with_resource": _group(compared[0]), "without_resource": _group(compared[1])}


def _detail(request, r: Resource) -> dict:
    manages = can_manage_resource(request.user, r)
    reuses = list(selectors.reuses_of(r)) if manages else None
    return {
        **_resource(r),
        "body": r.body,
        "items": r.items,
        "reusers": len({u.programme_id for u in reuses}) if manages else None,
        "reuses": [_reuse(u) for u in reuses] if manages else None,
        "outcomes": _outcomes(r) if reuses else None,
    }


@router.get(
    "/resources",
    response={200: LibraryResourcePage, **ERRORS},
    url_name="library-resources",
    summary="Les ressources publiées",
)
def resource_list(request, params: Query[LibraryQuery]):
    """Les ressources publiées de la bibliothèque, filtrées par étape, type de dispositif,
    besoin et type de ressource, les plus récentes d'abord, paginées. Ouvert à tous."""
    errors: dict[str, str] = {}
    page = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    qs = selectors.published_resources(
        stage=params.stage or "",
        kind=params.kind or "",
        need=params.need or "",
        resource_kind=params.resource_kind or "",
    )
    body = paginate(request, qs, page)
    body["results"] = [_resource(r) for r in body["results"]]
    return body


@router.get(
    "/resources/{resource_id}",
    response={200: LibraryResourceDetail, **ERRORS},
    url_name="library-resource",
    summary="Une ressource",
)
def resource_detail(request, resource_id: int):
    """Une ressource publiée (ou de ses dispositifs, quel que soit son état) ; son équipe voit
    aussi où elle est reprise."""
    return _detail(request, _resource_for(request, resource_id))


@router.post(
    "/resources",
    response={201: LibraryResourceDetail, **ERRORS},
    auth=required_auth,
    url_name="library-resource-create",
    summary="Créer une ressource",
)
def resource_create(request, payload: LibraryResourceCreateIn):
    """Une ressource en brouillon pour un dispositif de l'appelant (`programme` : son slug)."""
    programme = selectors.programmes_run_by(request.user).filter(slug=payload.programme).first()
    if programme is None:
        if Programme.objects.filter(slug=payload.programme).exists():
            raise PermissionDenied  # another programme's: theirs to write
        raise unprocessable({"programme": _("Dispositif inconnu, ou que vous n'animez pas.")})
    data = payload.dict(exclude={"programme"})
    return Status(
        201, _detail(request, services.resource_create(programme=programme, by=request.user, **data))
    )


@router.put(
    "/resources/{resource_id}",
    response={200: LibraryResourceDetail, **ERRORS},
    auth=required_auth,
    url_name="library-resource-update",
    summary="Modifier une ressource",
)
def resource_update(request, resource_id: int, payload: LibraryResourceIn):
    """Modifier une ressource ; publiée, la modification est une nouvelle version."""
    resource = _resource_for(request, resource_id, manage=True)
    return _detail(request, services.resource_update(resource=resource, by=request.user, **payload.dict()))


@router.post(
    "/resources/{resource_id}/transition",
    response={200: LibraryResourceDetail, **ERRORS},
    auth=required_auth,
    url_name="library-resource-transition",
    summary="Publier ou archiver une ressource",
)
def resource_transition(request, resource_id: int, payload: LibraryTransitionIn):
    resource = _resource_for(request, resource_id, manage=True)
    moved = services.resource_transition(resource=resource, name=payload.action, by=request.user)
    return _detail(request, selectors.resource_for(request.user, moved.pk))


@router.post(
    "/resources/{resource_id}/reuses",
    response={201: LibraryReuseOut, **ERRORS},
    auth=required_auth,
    url_name="library-resource-reuse",
    summary="Reprendre une liste dans son parcours (lignes d'une étape ou nouvelle étape)",
)
def resource_reuse(request, resource_id: int, payload: LibraryReuseIn):
    """Reprendre une liste de contrôle publiée dans le parcours d'un dispositif de l'appelant,
    avec son origine : `mode` checklist, ses lignes ajoutées à l'étape `stage` ; `mode` stage, une
    nouvelle étape (administrateurs du dispositif) nommée `name`, placée après `stage` ou à la fin
    du parcours `pipeline`."""
    resource = _resource_for(request, resource_id)
    stages = PipelineStage.objects.select_related("pipeline__programme")
    stage = get_object_or_404(stages, pk=payload.stage) if payload.stage is not None else None
    if payload.mode == ReuseMode.CHECKLIST:
        if stage is None:
            raise bad_request({"stage": _("Indiquez l'étape qui reçoit les lignes.")})
        return Status(201, _reuse(services.resource_reuse(resource=resource, stage=stage, by=request.user)))
    if payload.pipeline is not None:
        pipeline = get_object_or_404(
            ProgrammePipeline.objects.select_related("programme"), pk=payload.pipeline
        )
    elif stage is not None:
        pipeline = stage.pipeline
    else:
        raise bad_request({"pipeline": _("Indiquez le parcours ou l'étape après laquelle placer l'étape.")})
    reuse = services.resource_reuse_as_stage(
        resource=resource, pipeline=pipeline, after=stage, name=payload.name, by=request.user
    )
    return Status(201, _reuse(reuse))
