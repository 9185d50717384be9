"""Public pages of events, under /evenements/: the upcoming events, an event's page, registration
(signed in: at once; the public: by e-mail confirmation), the person's own registrations, and the
calendar feeds (per programme, per ecosystem, per person)."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from essaim.core.errors import ValidationError
from essaim.directory.models import Ecosystem, Programme
from essaim.events import ics, rules, selectors, services, tokens
from essaim.events.models import ACTIVE_STATES, Session
from essaim.events.notices import checkin_url, manage_url
from essaim.notifications.urls import site_url
from essaim.web.events import forms


@login_not_required
@require_GET
def event_list(request):
    events = selectors.public_events()[:200]
    return render(request, "web/events/list.html", {"events": events})


@login_not_required
@require_GET
def event_detail(request, pk):
    event = selectors.event_for(request.user, pk)
    user = request.user
    mine = None
    if user.is_authenticated:
        mine = event.registrations.filter(user=user, state__in=ACTIVE_STATES).first()
    context = {
        "event": event,
        "sessions": event.sessions.all(),
        "closed_reason": selectors.registration_window_error(event),
        "mine": mine,
        "mine_url": manage_url(mine) if mine else "",
        "may_manage": rules.can_manage_event(user, event),
    }
    return render(request, "web/events/detail.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def register(request, pk):
    event = selectors.event_for(request.user, pk)
    signed_in = request.user.is_authenticated
    form = None if signed_in else forms.PublicRegistrationForm(request.POST or None)
    if request.method == "POST" and (signed_in or form.is_valid()):
        try:
            if signed_in:
                registration = services.registration_create(event=event, by=request.user)
            else:
                registration = services.registration_request(
                    event=event, by=tokens.PUBLIC_FORM, **form.cleaned_data
                )
        except ValidationError as exc:
            if form is None:
                messages.error(request, " ".join(exc.messages))
                return redirect("events:event", pk=event.pk)
            forms.add_service_errors(form, exc)
        else:
            return render(
                request, "web/events/registered.html", {"event": event, "registration": registration}
            )
    context = {"event": event, "form": form, "closed_reason": selectors.registration_window_error(event)}
    return render(request, "web/events/register.html", context, status=400 if form and form.errors else 200)


@require_GET
def my_registrations(request):
    registrations = list(selectors.person_registrations(request.user))
    for registration in registrations:
        registration.url = manage_url(registration)
    feed = site_url("events:person_feed", token=tokens.calendar_token(request.user))
    return render(request, "web/events/mine.html", {"registrations": registrations, "feed_url": feed})


# Digits no real id has, put in the URL at reverse() and replaced by each event's id: one
# reverse() per feed instead of one per event (the script prefix is the request's).
_MARK = "987654321001"


def _ics_response(name: str, sessions) -> HttpResponse:
    """The feed of these sessions (a queryset), written from plain rows in one query."""
    template = site_url("events:event", int(_MARK))

    def url_of(event_id: int) -> str:
        return template.replace(_MARK, str(int(event_id)))

    body = ics.calendar(name, ics.rows(sessions), url_of=url_of, now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="evenements.ics"'
    return response


def _public_sessions(**filters):
    return Session.objects.filter(event__in=selectors.public_events().filter(**filters)).order_by(
        "starts_at", "pk"
    )[:1000]


@login_not_required
@require_GET
def programme_feed(request, slug):
    programme = get_object_or_404(Programme.objects.public(), slug=slug)
    return _ics_response(programme.name, _public_sessions(programme=programme))


@login_not_required
@require_GET
def ecosystem_feed(request, slug):
    ecosystem = get_object_or_404(Ecosystem, slug=slug)
    return _ics_response(ecosystem.name, _public_sessions(ecosystem=ecosystem))


@login_not_required
@require_GET
def person_feed(request, token):
    user_id = tokens.calendar_user_id(token)
    if user_id is None:
        raise Http404(_("Ce lien n'est pas valide."))
    sessions = (
        Session.objects.filter(
            event__registrations__user_id=user_id, event__registrations__state__in=ACTIVE_STATES
        )
        .distinct()
        .order_by("starts_at", "pk")[:1000]
    )
    return _ics_response(_("Mes événements"), sessions)


def ticket_qr(registration) -> str:
    """The ticket's QR code (an SVG data URI) pointing to the signed check-in link."""
    return segno.make(checkin_url(registration), error="m").svg_data_uri(scale=4, border=2)
