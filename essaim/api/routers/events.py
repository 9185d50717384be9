"""Events and trainings, read-only: the upcoming public events, and one event (docs/events.md).

The list holds published events open to everyone that are not over; one event is read through
`events.selectors.event_for`, so a draft, or an event for a programme's carriers or an
ecosystem's members, is a 404 to anyone outside its audience and its organisers' staff.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from essaim.api.errors import bad_request, not_found
from essaim.api.pagination import paginate, parse_page
from essaim.api.schemas.common import ERRORS
from essaim.api.schemas.ecosystems import EventOut, EventPage, PageQuery
from essaim.api.schemas.types import ID_MAX
from essaim.events.models import Event, Session
from essaim.events.selectors import event_for, public_events, registration_window_error, with_counts

router = Router(tags=["événements"])

SESSIONS = Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "pk"))


def _place(event: Event) -> dict:
    commune = event.commune
    if event.is_online:
        words = _("En ligne")
    else:
        words = ", ".join(part for part in (event.address, commune.name if commune else "") if part)
    return {
        "kind": event.place_kind,
        "in_words": words,
        "address": "" if event.is_online else event.address,
        "commune": commune and {"level": "commune", "code": commune.pk, "name": commune.name},
    }


def _owner(owner) -> dict | None:
    return owner and {"slug": owner.slug, "name": owner.name}


def _event(request, event: Event, now) -> dict:
    refusal = registration_window_error(event, now)
    return {
        "id": event.pk,
        "kind": event.kind,
        "kind_label": event.get_kind_display(),
        "title": event.title,
        "description": event.description,
        "state": event.state,
        "audience": event.audience,
        "sessions": [{"starts_at": s.starts_at, "ends_at": s.ends_at} for s in event.sessions.all()],
        "place": _place(event),
        "capacity": event.capacity,
        "seats_left": max(0, event.capacity - event.seated),
        "registration": {
            "opens_at": event.registration_opens_at,
            "closes_at": event.registration_closes_at or event.starts_at,
            "open": refusal is None,
            "message": refusal or "",
        },
        "programme": _owner(event.programme),
        "ecosystem": _owner(event.ecosystem),
        "url": request.build_absolute_uri(reverse("api:event-detail", kwargs={"event_id": event.pk})),
        "page_url": request.build_absolute_uri(reverse("events:event", kwargs={"pk": event.pk})),
    }


@router.get("", response={200: EventPage, **ERRORS}, url_name="event-list", summary="Événements à venir")
def event_list(request, params: Query[PageQuery]):
    """Événements publiés ouverts à tous et pas encore terminés, les plus proches d'abord, paginés."""
    errors: dict[str, str] = {}
    page = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    now = timezone.now()
    body = paginate(request, with_counts(public_events(now=now)).prefetch_related(SESSIONS), page)
    body["results"] = [_event(request, event, now) for event in body["results"]]
    return body


@router.get(
    "/{event_id}", response={200: EventOut, **ERRORS}, url_name="event-detail", summary="Un événement"
)
def event_detail(request, event_id: int):
    """Un événement publié (ou, pour son équipe, en brouillon) : séances, lieu, places, inscriptions."""
    if not 1 <= event_id <= ID_MAX:
        raise not_found(_("Événement introuvable."))
    try:
        event_for(request.user, event_id)  # who may see it (404 otherwise)
    except Http404 as exc:
        raise not_found(str(exc)) from None
    event = (
        with_counts(Event.objects.filter(pk=event_id))
        .select_related("programme", "ecosystem", "commune")
        .prefetch_related(SESSIONS)
        .get()
    )
    return _event(request, event, timezone.now())
