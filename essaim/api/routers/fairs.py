"""Trade fairs (docs/fairs.md): the fairs one runs or takes part in, their participants, meeting
requests, the schedule and what followed each meeting.

Same selectors and services as the pages (`essaim.fairs.selectors`, `essaim.fairs.services`):
another tenant's fair or another participant's row is a 404; a participant may read the other
side's names but not their contacts, make and withdraw its own requests, read and record its own
meetings; running the scheduler is for the fair's staff (403 otherwise). A service's refusal is
a 422 (decision 0021).
"""

from decimal import Decimal
from typing import Literal

from django.db.models import Q
from django.http import Http404
from ninja import Query, Router, Schema, Status

from essaim.api.auth import required_auth
from essaim.api.errors import bad_request
from essaim.api.pagination import paginate, parse_page
from essaim.api.routers.params import PAGE, PAGE_SIZE
from essaim.api.schemas.common import ERRORS
from essaim.api.schemas.types import ID_MAX, Amount, Body, Id, bounded_int
from essaim.core.errors import PermissionDenied
from essaim.events.models import Event
from essaim.fairs import rules, selectors, services
from essaim.fairs.models import FairParticipant, FollowUp, Meeting, MeetingRequest, Priority

router = Router(tags=["salons"], auth=required_auth)


class FairOut(Schema):
    id: int
    title: str
    state: str
    starts_at: str | None
    role: Literal["staff", "participant"]


class FairPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[FairOut]


class FairPageQuery(Schema):
    page: PAGE = None
    page_size: PAGE_SIZE = None


class ParticipantOut(Schema):
    id: int
    side: str
    name: str
    contact_name: str | None
    email: str | None
    offer: int | None
    buyer: int | None


class FairParticipantPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[ParticipantOut]


class FairRequestOut(Schema):
    id: int
    requester: int
    target: int
    priority: int


class FairRequestPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[FairRequestOut]


class FairMeetingOut(Schema):
    id: int
    starts_at: str
    ends_at: str
    table: int
    buyer: int
    supplier: int
    state: str
    follow_up: str
    deal_amount: Decimal | None


class FairMeetingPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[FairMeetingOut]


class RunOut(Schema):
    meetings: int
    requests: int
    honoured: int
    requests_bound: int
    weight: int
    weight_bound: int
    optimal: bool
    milliseconds: int


class FairRequestIn(Body):
    requester: Id
    target: Id
    priority: bounded_int(1, 3) = Priority.NORMAL


class FairMeetingPatch(Body):
    action: Literal["hold", "miss", "replan"] | None = None
    follow_up: Literal["none", "quote", "deal"] | None = None
    deal_amount: Amount | None = None


def _page(request) -> object:
    errors: dict[str, str] = {}
    page = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    return page


def _fair(request, fair_id: int) -> tuple[Event, bool]:
    """The fair and whether the caller runs it (a participant's own fair otherwise, else 404)."""
    if not 1 <= fair_id <= ID_MAX:  # past what the database stores: no such fair (not a 500)
        raise Http404
    event = selectors.fair_for(request.user, fair_id)
    if rules.is_fair_staff(request.user, event):
        return event, True
    if not event.fair_participants.filter(user=request.user).exists():
        raise Http404
    return event, False


def _meeting_out(m: Meeting) -> dict:
    return {
        "id": m.pk,
        "starts_at": m.slot.starts_at.isoformat(),
        "ends_at": m.slot.ends_at.isoformat(),
        "table": m.table,
        "buyer": m.buyer_id,
        "supplier": m.supplier_id,
        "state": m.state,
        "follow_up": m.follow_up,
        "deal_amount": m.deal_amount,
    }


@router.get("", response={200: FairPage, **ERRORS}, url_name="fair-list", summary="Mes salons")
def fair_list(request):
    """Les salons que l'appelant organise ou auxquels il participe, les plus récents d'abord."""
    page = _page(request)
    run = set(selectors.managed_fairs(request.user).values_list("pk", flat=True))
    mine = selectors.my_participations(request.user).values_list("event_id", flat=True)
    fairs = Event.objects.filter(Q(pk__in=run) | Q(pk__in=mine)).order_by("-starts_at", "-pk")
    body = paginate(request, fairs, page)
    body["results"] = [
        {
            "id": e.pk,
            "title": e.title,
            "state": e.state,
            "starts_at": e.starts_at.isoformat() if e.starts_at else None,
            "role": "staff" if e.pk in run else "participant",
        }
        for e in body["results"]
    ]
    return body


@router.get(
    "/{fair_id}/participants",
    response={200: FairParticipantPage, **ERRORS},
    url_name="fair-participants",
    summary="Participants d'un salon",
)
def participant_list(request, fair_id: int, params: Query[FairPageQuery]):
    """Acheteurs puis fournisseurs, par nom, par pages (`page`, `page_size` jusqu'à 100) ; les
    coordonnées des contacts sont réservées à l'équipe du salon. `offer` : l'offre publiée du
    fournisseur (`/api/v1/business/offers/{id}`), s'il en a une ; `buyer` : la fiche d'acheteur
    d'un acheteur dans les flux d'affaires, s'il y est relié."""
    page = _page(request)
    event, staff = _fair(request, fair_id)
    rows = selectors.with_offer(event.fair_participants.all()).order_by("side", "name", "pk")
    body = paginate(request, rows, page)
    body["results"] = [
        {
            "id": p.pk,
            "side": p.side,
            "name": p.name,
            "contact_name": p.contact_name if staff else None,
            "email": p.email if staff else None,
            "offer": p.offer_pk,
            "buyer": p.buyer_id,
        }
        for p in body["results"]
    ]
    return body


def _requests(event: Event, user, staff: bool):
    found = MeetingRequest.objects.filter(event=event)
    return found if staff else found.filter(requester__user=user)


@router.get(
    "/{fair_id}/requests",
    response={200: FairRequestPage, **ERRORS},
    url_name="fair-requests",
    summary="Demandes de rendez-vous",
)
def request_list(request, fair_id: int, params: Query[FairPageQuery]):
    """Toutes les demandes (équipe du salon) ou celles de l'appelant (participant), par pages
    (`page`, `page_size` jusqu'à 100), dans l'ordre où elles ont été faites."""
    page = _page(request)
    event, staff = _fair(request, fair_id)
    body = paginate(request, _requests(event, request.user, staff).order_by("pk"), page)
    body["results"] = [
        {"id": r.pk, "requester": r.requester_id, "target": r.target_id, "priority": r.priority}
        for r in body["results"]
    ]
    return body


@router.post(
    "/{fair_id}/requests",
    response={201: FairRequestOut, **ERRORS},
    url_name="fair-request-create",
    summary="Demander un rendez-vous",
)
def request_create(request, fair_id: int, payload: FairRequestIn):
    """Un participant demande à rencontrer un participant de l'autre côté, avec une priorité
    (1 indispensable, 2 souhaité, 3 si possible)."""
    event, _staff = _fair(request, fair_id)
    requester = FairParticipant.objects.filter(event=event, pk=payload.requester).first()
    target = FairParticipant.objects.filter(event=event, pk=payload.target).first()
    if requester is None or target is None:
        raise Http404
    requester.event = target.event = event
    found = services.request_create(
        requester=requester, target=target, by=request.user, priority=payload.priority
    )
    return Status(
        201, {"id": found.pk, "requester": requester.pk, "target": target.pk, "priority": found.priority}
    )


@router.delete(
    "/{fair_id}/requests/{request_id}",
    response={204: None, **ERRORS},
    url_name="fair-request-delete",
    summary="Retirer une demande",
)
def request_delete(request, fair_id: int, request_id: int):
    found = selectors.request_for(request.user, request_id, event_pk=fair_id)
    services.request_withdraw(meeting_request=found, by=request.user)
    return Status(204, None)


@router.post(
    "/{fair_id}/schedule",
    response={201: RunOut, **ERRORS},
    url_name="fair-schedule-run",
    summary="Construire le planning",
)
def schedule_run(request, fair_id: int):
    """Construit (ou reconstruit) le planning des rendez-vous : équipe du salon seulement."""
    event = selectors.fair_for(request.user, fair_id, manage=True)
    run = services.schedule_run(event=event, by=request.user)
    return Status(
        201,
        {
            "meetings": run.meetings,
            "requests": run.requests,
            "honoured": run.honoured,
            "requests_bound": run.requests_bound,
            "weight": run.weight,
            "weight_bound": run.weight_bound,
            "optimal": run.weight == run.weight_bound,
            "milliseconds": run.milliseconds,
        },
    )


@router.get(
    "/{fair_id}/meetings",
    response={200: FairMeetingPage, **ERRORS},
    url_name="fair-meetings",
    summary="Rendez-vous du planning",
)
def meeting_list(request, fair_id: int, params: Query[FairPageQuery]):
    """Tous les rendez-vous (équipe du salon) ou ceux de l'appelant (participant), dans l'ordre des
    heures, par pages (`page`, `page_size` jusqu'à 100)."""
    page = _page(request)
    event, staff = _fair(request, fair_id)
    rows = Meeting.objects.filter(event=event).select_related("slot")
    if not staff:
        rows = rows.filter(Q(buyer__user=request.user) | Q(supplier__user=request.user))
    body = paginate(request, rows.order_by("slot__starts_at", "table", "pk"), page)
    body["results"] = [_meeting_out(m) for m in body["results"]]
    return body


@router.patch(
    "/{fair_id}/meetings/{meeting_id}",
    response={200: FairMeetingOut, **ERRORS},
    url_name="fair-meeting-update",
    summary="Consigner un rendez-vous",
)
def meeting_update(request, fair_id: int, meeting_id: int, payload: FairMeetingPatch):
    """Indique si le rendez-vous a eu lieu (`action`), puis ce qui a suivi (`follow_up`, et
    `deal_amount` pour une affaire conclue) ; par l'équipe du salon ou l'une des deux parties."""
    meeting = selectors.meeting_for(request.user, meeting_id, event_pk=fair_id)
    if not rules.can_act_on_meeting(request.user, meeting):
        raise PermissionDenied
    if payload.action:
        meeting = services.meeting_transition(meeting=meeting, by=request.user, action=payload.action)
    if payload.follow_up:
        services.meeting_follow_up(
            meeting=meeting,
            by=request.user,
            follow_up=FollowUp(payload.follow_up),
            deal_amount=payload.deal_amount,
        )
    meeting = Meeting.objects.select_related("slot").get(pk=meeting.pk)
    return _meeting_out(meeting)
