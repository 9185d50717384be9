"""Accompanied projects: what the caller may see, their meetings, their stage transitions.

Same selectors and services as the workspace pages (`essaim.accompaniment.selectors`,
`essaim.accompaniment.services`): another tenant's project is a 404, a carrier may read their
project but not change it (403). A move that the pipeline refuses is a 409.
"""

from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status
from pydantic import ConfigDict

from essaim.accompaniment import selectors, services
from essaim.accompaniment.enums import MeetingKind
from essaim.accompaniment.models import Meeting, PipelineStage, Project
from essaim.accounts.models import User
from essaim.api.auth import required_auth
from essaim.api.errors import ApiError, bad_request, not_found, unprocessable
from essaim.api.pagination import paginate, parse_page
from essaim.api.schemas.common import ERRORS, Error
from essaim.api.schemas.types import Body, Date, StrictBool, bounded_int, openapi_fixes
from essaim.core.errors import TransitionNotAllowed

router = Router(tags=["projets"], auth=required_auth)


class CarrierOut(Schema):
    id: int
    name: str
    email: str


class ProjectOut(Schema):
    id: int
    name: str
    programme: str
    model: str
    stage: str
    stage_name: str
    life_stage: str
    status: str
    commune: str | None
    sector: str
    started_on: date
    created_on: date | None
    carriers: list[CarrierOut]


class ProjectPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[ProjectOut]


class MeetingOut(Schema):
    id: int
    date: date
    duration_minutes: int
    kind: str
    topics: str
    decisions: str
    next_steps: str
    next_meeting_on: date | None


Minutes = bounded_int(1, 24 * 60, gettext_lazy("La durée doit être comprise entre 1 minute et 24 heures."))


class MeetingIn(Body):
    date: Date
    duration_minutes: Minutes
    kind: MeetingKind = MeetingKind.INDIVIDUAL
    topics: str = ""
    decisions: str = ""
    next_steps: str = ""
    next_meeting_on: Date | None = None


class MeetingPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[MeetingOut]


class TransitionIn(Body):
    action: Literal["move", "abandon", "reopen"] = "move"
    to_stage: str = ""
    comment: str = ""
    override: StrictBool = False


class TransitionOut(Schema):
    id: int
    from_stage: str | None
    to_stage: str | None
    from_status: str
    to_status: str
    by: str | None
    at: str
    comment: str
    is_override: bool


class TransitionPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[TransitionOut]


def _projects(user):
    carriers = Prefetch("carriers", queryset=User.objects.order_by("pk"))
    return (
        Project.objects.visible_to(user)
        .select_related("programme", "stage")
        .prefetch_related(carriers)
        .order_by("name", "pk")
    )


def _out(project: Project) -> dict:
    return {
        "id": project.pk,
        "name": project.name,
        "programme": project.programme.slug,
        "model": project.model,
        "stage": project.stage.key,
        "stage_name": project.stage.name,
        "life_stage": project.life_stage,
        "status": project.status,
        "commune": project.commune_id,
        "sector": project.sector,
        "started_on": project.started_on,
        "created_on": project.created_on,
        "carriers": [
            {"id": u.pk, "name": u.get_full_name(), "email": u.email} for u in project.carriers.all()
        ],
    }


def _get(request, project_id: int, *, manage: bool = False) -> Project:
    try:
        return selectors.project_for(request.user, project_id, manage=manage)
    except Http404 as exc:
        raise not_found(str(exc)) from None  # the selector's message: « Projet introuvable. »


def _validation(exc: ValidationError) -> ApiError:
    """A service's refusal: 422 (decision 0021)."""
    if hasattr(exc, "error_dict"):
        return unprocessable(
            {k: " ".join(v.messages[0] for v in errs[:1]) for k, errs in exc.error_dict.items()}
        )
    return unprocessable({}, " ".join(exc.messages))


@router.get("", response={200: ProjectPage, **ERRORS}, url_name="project-list", summary="Mes projets")
def project_list(request, programme: str = "", stage: str = ""):
    """Projets visibles par l'appelant (équipe du dispositif, porteurs), paginés, par nom."""
    errors: dict[str, str] = {}
    page_request = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    qs = _projects(request.user)
    if programme:
        qs = qs.filter(programme__slug=programme)
    if stage:
        qs = qs.filter(stage__key=stage)
    body = paginate(request, qs, page_request)
    body["results"] = [_out(p) for p in body["results"]]
    return body


@router.get(
    "/{project_id}", response={200: ProjectOut, **ERRORS}, url_name="project-detail", summary="Un projet"
)
def project_detail(request, project_id: int):
    return _out(_get(request, project_id))


@router.get(
    "/{project_id}/meetings",
    response={200: MeetingPage, **ERRORS},
    url_name="project-meetings",
    summary="Journal des rendez-vous",
)
def meeting_list(request, project_id: int):
    errors: dict[str, str] = {}
    page_request = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    project = _get(request, project_id)
    body = paginate(request, Meeting.objects.filter(project=project).order_by("-date", "-pk"), page_request)
    return body


@router.post(
    "/{project_id}/meetings",
    response={201: MeetingOut, **ERRORS},
    url_name="project-meeting-create",
    summary="Consigner un rendez-vous",
)
def meeting_create(request, project_id: int, payload: MeetingIn):
    project = _get(request, project_id, manage=True)
    try:
        meeting = services.meeting_create(project=project, by=request.user, **payload.dict())
    except ValidationError as exc:
        raise _validation(exc) from exc
    return Status(201, meeting)


Day = Date  # the field named `date` below shadows the type inside the class body


class MeetingPatch(Body):
    # Optional but not nullable: OpenAPI shows the plain type; an explicit null is a 400 below.
    model_config = ConfigDict(
        json_schema_extra=openapi_fixes(
            not_nullable=("date", "duration_minutes", "kind", "topics", "decisions", "next_steps")
        )
    )

    date: Day | None = None
    duration_minutes: Minutes | None = None
    kind: MeetingKind | None = None
    topics: str | None = None
    decisions: str | None = None
    next_steps: str | None = None
    next_meeting_on: Day | None = None


def _meeting(request, project_id: int, meeting_id: int) -> Meeting:
    try:
        return selectors.meeting_for(request.user, meeting_id, project_pk=project_id)
    except Http404 as exc:
        raise not_found(str(exc)) from None


@router.patch(
    "/{project_id}/meetings/{meeting_id}",
    response={200: MeetingOut, **ERRORS},
    url_name="project-meeting-update",
    summary="Corriger un rendez-vous",
)
def meeting_update(request, project_id: int, meeting_id: int, payload: MeetingPatch):
    """Corrige les champs envoyés d'un rendez-vous (équipe du dispositif) ; le rythme du projet
    est recalculé et la correction entre au journal d'audit."""
    meeting = _meeting(request, project_id, meeting_id)
    fields = payload.dict(exclude_unset=True)
    for name in ("date", "duration_minutes", "kind", "topics", "decisions", "next_steps"):
        if name in fields and fields[name] is None:
            raise bad_request({name: _("Ce champ ne peut pas être vide.")})
    try:
        services.meeting_update(meeting=meeting, by=request.user, **fields)
    except ValidationError as exc:
        raise _validation(exc) from exc
    return meeting


@router.delete(
    "/{project_id}/meetings/{meeting_id}",
    response={204: None, **ERRORS},
    url_name="project-meeting-delete",
    summary="Supprimer un rendez-vous",
)
def meeting_delete(request, project_id: int, meeting_id: int):
    """Supprime un rendez-vous consigné par erreur (équipe du dispositif), audité."""
    meeting = _meeting(request, project_id, meeting_id)
    services.meeting_delete(meeting=meeting, by=request.user)
    return Status(204, None)


def _transition_out(log) -> dict:
    return {
        "id": log.pk,
        "from_stage": log.from_stage.key if log.from_stage else None,
        "to_stage": log.to_stage.key if log.to_stage else None,
        "from_status": log.from_status,
        "to_status": log.to_status,
        "by": log.by.email if log.by else None,
        "at": log.at.isoformat(),
        "comment": log.comment,
        "is_override": log.is_override,
    }


@router.get(
    "/{project_id}/transitions",
    response={200: TransitionPage, **ERRORS},
    url_name="project-transitions",
    summary="Historique des étapes",
)
def transition_list(request, project_id: int):
    errors: dict[str, str] = {}
    page_request = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    project = _get(request, project_id)
    qs = project.transitions.select_related("from_stage", "to_stage", "by").order_by("at", "pk")
    body = paginate(request, qs, page_request)
    body["results"] = [_transition_out(t) for t in body["results"]]
    return body


@router.post(
    "/{project_id}/transitions",
    response={201: TransitionOut, 409: Error, **ERRORS},
    url_name="project-transition",
    summary="Changer d'étape",
)
def transition_create(request, project_id: int, payload: TransitionIn):
    """`action` : `move` (vers `to_stage`, la clé d'une étape du parcours), `abandon` ou `reopen`.
    Les étapes ne se sautent pas sans `override` (administrateurs, `comment` obligatoire) ; on
    n'entre pas en création tant que le plan de financement n'est pas bouclé."""
    project = _get(request, project_id, manage=True)
    if payload.action not in ("move", "abandon", "reopen"):
        raise bad_request({"action": _("Action attendue : move, abandon ou reopen.")})
    to_stage = None
    if payload.action == "move":
        to_stage = PipelineStage.objects.filter(
            pipeline_id=project.stage.pipeline_id, key=payload.to_stage, is_archived=False
        ).first()
        if to_stage is None:
            raise unprocessable({"to_stage": _("Étape inconnue dans le parcours du projet.")})
    try:
        log = services.project_transition(
            project=project,
            by=request.user,
            to_stage=to_stage,
            abandon=payload.action == "abandon",
            reopen=payload.action == "reopen",
            comment=payload.comment,
            override=payload.override,
        )
    except TransitionNotAllowed as exc:
        raise ApiError(409, " ".join(exc.messages)) from exc
    return Status(201, _transition_out(log))
