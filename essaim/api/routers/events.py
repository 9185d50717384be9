"""Events and trainings: the upcoming public events, one event, and the registrations of the
signed-in person (register, list, cancel, accept or decline an offered place; docs/events.md).

The list holds published events open to everyone that are not over; one event is read through
`events.selectors.event_for`, so a draft, or an event for a programme's carriers or an
ecosystem's members, is a 404 to anyone outside its audience and its organisers' staff.
"""

import datetime as dt
from typing import Literal

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from essaim.api.auth import required_auth
from essaim.api.errors import bad_request, not_found
from essaim.api.pagination import paginate, parse_page
from essaim.api.schemas.common import ERRORS
from essaim.api.schemas.ecosystems import EventOut, EventPage, PageQuery
from essaim.api.schemas.types import ID_MAX
from essaim.events import services
from essaim.events.models import Event, Registration, Session
from essaim.events.selectors import (
    event_for,
    person_registrations,
    public_events,
    registration_window_error,
    with_counts,
)
from essaim.events.workflows import REGISTRATION

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


# -- registrations (signed-in people) -------------------------------------------------------------


class RegistrationOut(Schema):
    id: int
    event_id: int
    event_title: str
    state: str
    state_label: str
    queued_at: dt.datetime | None
    hold_expires_at: dt.datetime | None
    actions: list[str]


class RegistrationPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[RegistrationOut]


def _registration(registration: Registration, user) -> dict:
    return {
        "id": registration.pk,
        "event_id": registration.event_id,
        "event_title": registration.event.title,
        "state": registration.state,
        "state_label": registration.get_state_display(),
        "queued_at": registration.queued_at,
        "hold_expires_at": registration.hold_expires_at,
        "actions": [t.name for t in REGISTRATION.available(registration, user)],
    }


def _own_registration(request, registration_id: int) -> Registration:
    if not 1 <= registration_id <= ID_MAX:
        raise not_found(_("Inscription introuvable."))
    registration = person_registrations(request.user).filter(pk=registration_id).first()
    if registration is None:
        raise not_found(_("Inscription introuvable."))
    return registration


@router.get(
    "/registrations/mine",
    response={200: RegistrationPage, **ERRORS},
    auth=required_auth,
    url_name="registration-list",
    summary="Mes inscriptions",
)
def registration_list(request):
    """Les inscriptions de la personne connectée, les événements les plus récents d'abord."""
    errors: dict[str, str] = {}
    page = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    body = paginate(request, person_registrations(request.user), page)
    body["results"] = [_registration(r, request.user) for r in body["results"]]
    return body


@router.post(
    "/{event_id}/registrations",
    response={201: RegistrationOut, **ERRORS},
    auth=required_auth,
    url_name="registration-create",
    summary="S'inscrire à un événement",
)
def registration_create(request, event_id: int):
    """Inscrit la personne connectée : une place s'il en reste et que personne n'attend, sinon la
    liste d'attente (état `waiting`). Hors de la fenêtre d'inscription ou déjà inscrite : 422."""
    if not 1 <= event_id <= ID_MAX:
        raise not_found(_("Événement introuvable."))
    try:
        event = event_for(request.user, event_id)
    except Http404 as exc:
        raise not_found(str(exc)) from None
    registration = services.registration_create(event=event, by=request.user)
    return 201, _registration(registration, request.user)


@router.post(
    "/registrations/{registration_id}/{action}",
    response={200: RegistrationOut, **ERRORS},
    auth=required_auth,
    url_name="registration-action",
    summary="Annuler, accepter ou refuser une place",
)
def registration_action(request, registration_id: int, action: Literal["cancel", "accept", "decline"]):
    """`cancel` : se désinscrire (la place libérée est proposée à la personne suivante) ;
    `accept` / `decline` : répondre à une place proposée avant son échéance."""
    registration = _own_registration(request, registration_id)
    move = {
        "cancel": services.registration_cancel,
        "accept": services.registration_accept,
        "decline": services.registration_decline,
    }[action]
    registration = move(registration=registration, by=request.user)
    registration = person_registrations(request.user).get(pk=registration.pk)
    return _registration(registration, request.user)
