"""Replication ("essaimage"): the models the caller may read, one kit with its lineage and its
outcomes beside its copies', replicating a published kit, a copy's drift and taking the change,
and the replication candidates of a territory (docs/replication.md).

Same selectors and services as the pages (`essaim.replication`): a draft kit of another
organisation is a 404, reading a copy one does not run nor own is a 404, taking the change of a
copy one only owns the kit of is a 403; a refusal of the domain is a 422 (decision 0021).
Outcomes are suppressed under 5 projects outside the place's own programme (decision 0018).
"""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from essaim.api.auth import required_auth
from essaim.api.errors import bad_request, unprocessable
from essaim.api.pagination import paginate, parse_page
from essaim.api.schemas.common import ERRORS
from essaim.api.schemas.ecosystems import PageQuery
from essaim.api.schemas.types import Body, Id, text
from essaim.core.errors import PermissionDenied
from essaim.directory.models import Organisation, Programme
from essaim.replication import content as kit_content
from essaim.replication import outcomes, selectors, services
from essaim.replication.candidates import replication_candidates
from essaim.replication.models import Kit, Replica
from essaim.replication.rules import can_browse_kits, can_replicate
from essaim.territories import selectors as territories
from essaim.territories.models import Commune

router = Router(tags=["essaimage"], auth=required_auth)

Value = int | float | str | None


class KitOut(Schema):
    id: int
    name: str
    subject: str
    owner: str
    state: str
    version: int
    checksum: str
    need_terms: str
    life_stages: list[str]


class KitPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[KitOut]


class NodeOut(Schema):
    key: str
    name: str
    programme: str
    territory: str
    depth: int
    parent: str | None
    replica: int | None
    version: int
    drifted: bool


class FiguresOut(Schema):
    projects: Value
    created: Value
    months_to_creation: Value
    active: Value
    survival: Value
    jobs: Value
    indicators: dict[str, Value]


class RowOut(Schema):
    place: str | None
    inside: bool
    figures: FiguresOut


class KitDetail(KitOut):
    content: dict
    lineage: list[NodeOut]
    outcomes: list[RowOut]


class DriftOut(Schema):
    section: str
    label: str
    added: list[str]
    removed: list[str]


class ReplicaOut(Schema):
    id: int
    kit: int
    name: str
    programme: str
    territory: str
    parent: int | None
    version: int
    checksum: str
    drifted: bool
    created_at: datetime
    drift: list[DriftOut]


class ReplicaIn(Body):
    name: text(max_length=services.NAME_MAX, required=True)
    commune: text(max_length=5) = ""
    programme: text(max_length=80) = ""
    organisation: text(max_length=80) = ""
    territory: text(max_length=30) = ""
    parent: Id | None = None


class CandidateOut(Schema):
    kit: int
    name: str
    subject: str
    owner: str
    reasons: list[str]
    copies: int
    outcomes: FiguresOut | None


class CandidateQuery(Schema):
    territory: str


def _kit(kit: Kit) -> dict:
    return {
        "id": kit.pk,
        "name": kit.name,
        "subject": kit.subject,
        "owner": kit.owner.name,
        "state": kit.state,
        "version": kit.version,
        "checksum": kit.checksum,
        "need_terms": kit.need_terms,
        "life_stages": kit.life_stages,
    }


def _node(kit: Kit, node) -> dict:
    replica = node.replica
    return {
        "key": node.key,
        "name": node.name,
        "programme": node.programme.slug,
        "territory": node.territory_ref,
        "depth": node.depth,
        "parent": node.parent_key,
        "replica": replica.pk if replica else None,
        "version": replica.version.number if replica else kit.version,
        "drifted": bool(replica and replica.has_drifted),
    }


def _replica(replica: Replica) -> dict:
    current = selectors.current_version(replica.kit)
    return {
        "id": replica.pk,
        "kit": replica.kit_id,
        "name": replica.subject_name,
        "programme": replica.programme.slug,
        "territory": replica.territory_ref,
        "parent": replica.parent_id,
        "version": replica.version.number,
        "checksum": replica.checksum,
        "drifted": replica.has_drifted,
        "created_at": replica.created_at,
        "drift": [d.as_dict() for d in kit_content.drift(replica.content, current.content)],
    }


def _browse(request) -> None:
    if not can_browse_kits(request.user):
        raise PermissionDenied


@router.get("/kits", response={200: KitPage, **ERRORS}, url_name="replication-kits", summary="Les modèles")
def kit_list(request, params: Query[PageQuery]):
    """Les modèles publiés et ceux des dispositifs de l'appelant, par nom, paginés."""
    _browse(request)
    errors: dict[str, str] = {}
    page = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    body = paginate(request, selectors.kits_for(request.user), page)
    body["results"] = [_kit(k) for k in body["results"]]
    return body


@router.get(
    "/kits/{kit_id}", response={200: KitDetail, **ERRORS}, url_name="replication-kit", summary="Un modèle"
)
def kit_detail(request, kit_id: int):
    """Le kit (version courante), l'arbre des copies et les résultats comparés (masqués sous 5)."""
    kit = selectors.kit_for(request.user, kit_id)
    version = selectors.current_version(kit)
    nodes = selectors.lineage(kit)
    rows = outcomes.compare(nodes, version.content, request.user)
    return {
        **_kit(kit),
        "content": version.content,
        "lineage": [_node(kit, n) for n in nodes],
        "outcomes": [
            {"place": r.node.key if r.node else None, "inside": r.inside, "figures": r.figures.as_dict()}
            for r in rows
        ],
    }


def _targets(request, kit: Kit, payload: ReplicaIn) -> dict:
    found, errors = {}, {}
    if payload.commune:
        found["commune"] = Commune.objects.filter(pk=payload.commune).first()
        if found["commune"] is None:
            errors["commune"] = _("Commune inconnue.")
    if payload.programme:
        found["programme"] = selectors.target_programmes(request.user).filter(slug=payload.programme).first()
        if found["programme"] is None and Programme.objects.filter(slug=payload.programme).exists():
            raise PermissionDenied
        if found["programme"] is None:
            errors["programme"] = _("Dispositif inconnu.")
    if payload.organisation:
        found["organisation"] = Organisation.objects.filter(slug=payload.organisation).first()
        if found["organisation"] is None:
            errors["organisation"] = _("Organisation inconnue.")
    if payload.parent:
        found["parent"] = kit.replicas.filter(pk=payload.parent).first()
        if found["parent"] is None:
            errors["parent"] = _("Cette copie n'est pas une copie de ce modèle.")
    if errors:  # well-formed, but naming what does not exist here: the domain refuses (0021)
        raise unprocessable(errors)
    return found


@router.post(
    "/kits/{kit_id}/replicas",
    response={201: ReplicaOut, **ERRORS},
    url_name="replication-replicate",
    summary="Essaimer un modèle",
)
def replica_create(request, kit_id: int, payload: ReplicaIn):
    """Copier un modèle publié : un projet (`commune` INSEE, `programme`) ou un dispositif
    (`organisation`, `territory` niveau:code), éventuellement depuis une copie (`parent`)."""
    kit = selectors.kit_for(request.user, kit_id)
    if not can_replicate(request.user, kit):
        raise PermissionDenied
    replica = services.replica_create(
        kit=kit,
        by=request.user,
        name=payload.name,
        territory=payload.territory,
        **_targets(request, kit, payload),
    )
    return Status(201, _replica(replica))


@router.get(
    "/replicas/{replica_id}",
    response={200: ReplicaOut, **ERRORS},
    url_name="replication-replica",
    summary="Une copie",
)
def replica_detail(request, replica_id: int):
    """Une copie et ce qui la distingue de la version courante de son kit."""
    return _replica(selectors.replica_for(request.user, replica_id))


@router.post(
    "/replicas/{replica_id}/take",
    response={200: ReplicaOut, **ERRORS},
    url_name="replication-replica-take",
    summary="Reprendre la version courante du kit",
)
def replica_take(request, replica_id: int):
    replica = selectors.replica_for(request.user, replica_id, manage=True)
    return _replica(services.replica_take_version(replica=replica, by=request.user))


@router.get(
    "/candidates",
    response={200: list[CandidateOut], **ERRORS},
    url_name="replication-candidates",
    summary="Modèles à essaimer sur un territoire",
)
def candidates(request, params: Query[CandidateQuery]):
    """Les modèles publiés dont le besoin est présent sur le territoire (`territory`,
    niveau:code) et qui n'y ont pas de copie, les mieux éprouvés d'abord."""
    _browse(request)
    try:
        found = replication_candidates(params.territory)
    except (ValueError, territories.TerritoryNotFound):
        raise unprocessable({"territory": _("Territoire inconnu.")}) from None
    return [c.as_dict() for c in found]
