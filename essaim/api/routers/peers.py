"""The help board (docs/peers.md): the posts of the caller's boards, a post with its answers,
posting a question or an offer, answering; and the caller's peer circles and pooled resources.

Same selectors and services as the pages (`essaim.peers`): a post of a board the caller does not
belong to is a 404, posting on such a board a 403; a refusal of the domain is a 422 (decision
0021). Every operation needs a signed-in caller (a token): boards are members-only.
"""

from datetime import datetime
from typing import Literal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from essaim.api.auth import required_auth
from essaim.api.errors import bad_request, unprocessable
from essaim.api.pagination import paginate, parse_page
from essaim.api.routers.params import PAGE, PAGE_SIZE
from essaim.api.schemas.common import ERRORS
from essaim.api.schemas.types import ID_MAX, Body, text
from essaim.core.errors import PermissionDenied
from essaim.directory.enums import LifeStage
from essaim.directory.models import Ecosystem, Programme
from essaim.peers import community, selectors, services
from essaim.peers.enums import PostKind
from essaim.peers.models import (
    ANSWER_MAX,
    BODY_MAX,
    SECTOR_MAX,
    TITLE_MAX,
    Answer,
    PooledKind,
    PooledResource,
    Post,
)
from essaim.skills.vocabulary import SkillFamily
from essaim.territories.models import Commune

router = Router(tags=["entraide"])

KindValue = Literal[tuple(PostKind.values)]
SkillValue = Literal[tuple(SkillFamily.values)]
StageValue = Literal[tuple(LifeStage.values)]
BoardLevel = Literal["programme", "ecosystem"]


class PeerBoardOut(Schema):
    level: str
    id: int
    name: str


class PeerPostOut(Schema):
    id: int
    board: PeerBoardOut
    kind: str
    title: str
    skill: str
    sector: str
    stage: str
    commune: str | None
    author: str
    state: str
    answers: int
    created_at: datetime


class PeerPostPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[PeerPostOut]


class PeerAnswerOut(Schema):
    id: int
    body: str
    author: str
    state: str
    recommended: bool
    created_at: datetime


class PeerPostDetail(PeerPostOut):
    body: str
    answer_list: list[PeerAnswerOut]


class PeerPostQuery(Schema):
    page: PAGE = None
    page_size: PAGE_SIZE = None
    board: str | None = None
    kind: KindValue | None = None
    skill: SkillValue | None = None
    stage: StageValue | None = None


class PeerPostIn(Body):
    board_level: BoardLevel
    board_id: int
    kind: KindValue
    title: text(max_length=TITLE_MAX, required=True)
    body: text(max_length=BODY_MAX, required=True)
    skill: SkillValue | Literal[""] = ""
    sector: text(max_length=SECTOR_MAX) = ""
    stage: StageValue | Literal[""] = ""
    commune: text(max_length=5) = ""


class PeerAnswerIn(Body):
    body: text(max_length=ANSWER_MAX, required=True)


def _name(user) -> str:
    return user.full_name or user.email.split("@")[0]


def _board(post: Post) -> dict:
    level = "programme" if post.programme_id else "ecosystem"
    board = post.board
    return {"level": level, "id": board.pk, "name": board.name}


def _post(p: Post, answers: int | None = None) -> dict:
    return {
        "id": p.pk,
        "board": _board(p),
        "kind": p.kind,
        "title": p.title,
        "skill": p.skill,
        "sector": p.sector,
        "stage": p.stage,
        "commune": p.commune_id,
        "author": _name(p.author),
        "state": p.state,
        "answers": p.answer_count if answers is None else answers,
        "created_at": p.created_at,
    }


def _answer(a: Answer) -> dict:
    return {
        "id": a.pk,
        "body": a.body,
        "author": _name(a.author),
        "state": a.state,
        "recommended": a.is_recommended,
        "created_at": a.created_at,
    }


def _detail(request, post: Post) -> dict:
    answers = list(selectors.answers_of(request.user, post))
    visible = sum(1 for a in answers if not a.is_hidden)
    return {**_post(post, visible), "body": post.body, "answer_list": [_answer(a) for a in answers]}


def _post_for(request, post_id: int) -> Post:
    if not 1 <= post_id <= ID_MAX:  # past what the database stores: no such post (not a 500)
        raise Http404
    return selectors.post_for(request.user, post_id)


@router.get(
    "/posts",
    response={200: PeerPostPage, **ERRORS},
    auth=required_auth,
    url_name="peers-posts",
    summary="Les messages de mes tableaux d'entraide",
)
def post_list(request, params: Query[PeerPostQuery]):
    """Les questions et propositions d'aide des tableaux de l'appelant (ses dispositifs et ses
    écosystèmes), les plus récentes d'abord, paginées ; `board` : « programme:<id> » ou
    « ecosystem:<id> »."""
    errors: dict[str, str] = {}
    page = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    qs = selectors.posts_for(
        request.user,
        board=params.board or "",
        kind=params.kind or "",
        skill=params.skill or "",
        stage=params.stage or "",
    )
    body = paginate(request, qs, page)
    body["results"] = [_post(p) for p in body["results"]]
    return body


@router.get(
    "/posts/{post_id}",
    response={200: PeerPostDetail, **ERRORS},
    auth=required_auth,
    url_name="peers-post",
    summary="Un message et ses réponses",
)
def post_detail(request, post_id: int):
    """Un message d'un tableau de l'appelant et les réponses qu'il peut lire (recommandées
    d'abord)."""
    return _detail(request, _post_for(request, post_id))


def _board_of(level: str, pk: int):
    model = Programme if level == "programme" else Ecosystem
    board = model.objects.filter(pk=pk).first() if 1 <= pk <= ID_MAX else None
    if board is None:
        raise unprocessable({"board_id": _("Tableau inconnu.")})
    return board


@router.post(
    "/posts",
    response={201: PeerPostDetail, **ERRORS},
    auth=required_auth,
    url_name="peers-post-create",
    summary="Poser une question ou proposer son aide",
)
def post_create(request, payload: PeerPostIn):
    """Un message sur le tableau d'un dispositif (`board_level` « programme ») ou d'un
    écosystème (« ecosystem ») dont l'appelant est membre ; `commune` : code INSEE."""
    board = _board_of(payload.board_level, payload.board_id)
    if not community.belongs(request.user, board) and not request.user.is_superuser:
        raise PermissionDenied(_("Vous n'êtes pas membre de ce tableau d'entraide."))
    commune = None
    if payload.commune.strip():
        commune = Commune.objects.filter(pk=payload.commune.strip()).first()
        if commune is None:
            raise unprocessable({"commune": _("Commune inconnue (code INSEE attendu).")})
    data = payload.dict(exclude={"board_level", "board_id", "commune"})
    post = services.post_create(board=board, by=request.user, commune=commune, **data)
    return Status(201, _detail(request, selectors.post_for(request.user, post.pk)))


@router.post(
    "/posts/{post_id}/answers",
    response={201: PeerAnswerOut, **ERRORS},
    auth=required_auth,
    url_name="peers-answer-create",
    summary="Répondre à un message",
)
def answer_create(request, post_id: int, payload: PeerAnswerIn):
    """Une réponse à un message visible ; son auteur en est prévenu par courriel."""
    post = _post_for(request, post_id)
    return Status(201, _answer(services.answer_create(post=post, by=request.user, body=payload.body)))


# -- peer circles and pooled resources (read; offering a pooled resource) --------------------


class PeerCircleOut(Schema):
    id: int
    programme: str
    name: str
    purpose: str
    members: int
    meetings: int


class PeerPooledOut(Schema):
    id: int
    shared_in: PeerBoardOut  # the place or the ecosystem ("register" is a name pydantic keeps)
    kind: str
    title: str
    description: str
    offered_by: str
    created_at: datetime


class PeerCirclePage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[PeerCircleOut]


class PeerPooledPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[PeerPooledOut]


class PeerPageQuery(Schema):
    page: PAGE = None
    page_size: PAGE_SIZE = None


def _page(request, qs, serialise) -> dict:
    errors: dict[str, str] = {}
    page = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    body = paginate(request, qs, page)
    body["results"] = [serialise(item) for item in body["results"]]
    return body


class PeerPooledIn(Body):
    register_level: Literal["place", "ecosystem"]
    register_id: int
    kind: Literal[tuple(PooledKind.values)]
    title: text(max_length=TITLE_MAX, required=True)
    description: text(max_length=BODY_MAX, required=True)


def _circle(c) -> dict:
    return {
        "id": c.pk,
        "programme": c.programme.slug,
        "name": c.name,
        "purpose": c.purpose,
        "members": c.member_count,
        "meetings": c.meeting_count,
    }


def _pooled(r: PooledResource) -> dict:
    level = "place" if r.place_id else "ecosystem"
    register = r.register
    return {
        "id": r.pk,
        "shared_in": {"level": level, "id": register.pk, "name": register.name},
        "kind": r.kind,
        "title": r.title,
        "description": r.description,
        "offered_by": _name(r.offered_by),
        "created_at": r.created_at,
    }


@router.get(
    "/circles",
    response={200: PeerCirclePage, **ERRORS},
    auth=required_auth,
    url_name="peers-circles",
    summary="Mes cercles de pairs",
)
def circle_list(request, params: Query[PeerPageQuery]):
    """Les cercles que l'appelant anime (équipe du dispositif) ou dont il est membre, paginés."""
    return _page(request, selectors.circles_for(request.user), _circle)


@router.get(
    "/pooled",
    response={200: PeerPooledPage, **ERRORS},
    auth=required_auth,
    url_name="peers-pooled",
    summary="Les ressources mutualisées de mes lieux et écosystèmes",
)
def pooled_list(request, params: Query[PeerPageQuery]):
    """Le matériel, les salariés partagés et les services mis en commun dans les lieux partagés
    dont l'appelant est membre ou qu'il anime, et dans ses écosystèmes."""
    return _page(request, selectors.pooled_for(request.user), _pooled)


@router.post(
    "/pooled",
    response={201: PeerPooledOut, **ERRORS},
    auth=required_auth,
    url_name="peers-pooled-create",
    summary="Mettre une ressource en commun",
)
def pooled_create(request, payload: PeerPooledIn):
    """Une ressource dans le registre d'un lieu partagé (`register_level` « place ») ou d'un
    écosystème (« ecosystem ») dont l'appelant est membre."""
    model = Programme if payload.register_level == "place" else Ecosystem
    register = (
        model.objects.filter(pk=payload.register_id).first() if 1 <= payload.register_id <= ID_MAX else None
    )
    if register is None:
        raise unprocessable({"register_id": _("Registre inconnu.")})
    data = payload.dict(exclude={"register_level", "register_id"})
    return Status(201, _pooled(services.pooled_create(register=register, by=request.user, **data)))
