"""Staff pages of events, under /espace/evenements/: the list, the form, the event's page (sessions,
moves, registrations, feedback), the door list and the check-in of a ticket's QR code. Events come
from `essaim.events.selectors`: another organisation's event is a 404."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.core.errors import PermissionDenied, ValidationError
from essaim.events import selectors, services, tokens
from essaim.events.certificates import certificate_pdf
from essaim.events.models import RegistrationState
from essaim.events.workflows import EVENT
from essaim.web.events import forms
from essaim.web.events.common import require_organiser, run


@require_GET
def staff_list(request):
    require_organiser(request.user)
    events = selectors.with_counts(selectors.managed_events(request.user)).select_related(
        "programme", "ecosystem"
    )
    return render(request, "web/events/staff_list.html", {"events": events.order_by("-starts_at", "-pk")})


@require_http_methods(["GET", "POST"])
def event_create(request):
    form = forms.EventForm(request.POST or None, owners=require_organiser(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(by=request.user, **form.service_fields())
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Événement créé en brouillon : publiez-le quand il est prêt."))
            return redirect("events:manage", pk=event.pk)
    status = 400 if form.errors else 200
    return render(request, "web/events/event_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = selectors.event_for(request.user, pk, manage=True)
    initial = {name: getattr(event, name) for name in services.EVENT_FIELDS}
    form = forms.EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Événement enregistré."))
            return redirect("events:manage", pk=event.pk)
    context = {"form": form, "event": event}
    return render(request, "web/events/event_form.html", context, status=400 if form.errors else 200)


@require_GET
def event_manage(request, pk):
    event = selectors.event_for(request.user, pk, manage=True)
    registrations = event.registrations.exclude(state=RegistrationState.PENDING).order_by(
        "state", "queued_at"
    )
    context = {
        "event": event,
        "sessions": event.sessions.all(),
        "registrations": registrations,
        "seated": sum(1 for r in registrations if r.is_seated),
        "transitions": EVENT.available(event, request.user),
        "session_form": forms.SessionForm(),
        "feedback": selectors.feedback_summary(event),
    }
    return render(request, "web/events/manage.html", context)


@require_POST
def event_transition(request, pk):
    event = selectors.event_for(request.user, pk, manage=True)
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Action inconnue."))
        return redirect("events:manage", pk=event.pk)

    def action():
        services.event_transition(event=event, by=request.user, **form.cleaned_data)

    run(request, action, _("C'est fait."))
    return redirect("events:manage", pk=event.pk)


@require_POST
def session_add(request, pk):
    event = selectors.event_for(request.user, pk, manage=True)
    form = forms.SessionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        run(
            request,
            lambda: services.session_add(event=event, by=request.user, **form.cleaned_data),
            _("Séance ajoutée."),
        )
    return redirect("events:manage", pk=event.pk)


@require_POST
def session_remove(request, pk, session_pk):
    event = selectors.event_for(request.user, pk, manage=True)
    session = get_object_or_404(event.sessions, pk=session_pk)
    run(request, lambda: services.session_remove(session=session, by=request.user), _("Séance supprimée."))
    return redirect("events:manage", pk=event.pk)


@require_POST
def registration_cancel(request, pk, registration_pk):
    registration = selectors.registration_for(request.user, registration_pk, event_pk=pk)
    action = lambda: services.registration_cancel(registration=registration, by=request.user)  # noqa: E731
    run(request, action, _("Inscription annulée ; la place va à la personne suivante de la liste d'attente."))
    return redirect("events:manage", pk=pk)


def _chosen_session(event, value):
    sessions = list(event.sessions.all())
    chosen = next((s for s in sessions if str(s.pk) == str(value)), None)
    return sessions, chosen or selectors.current_session(sessions)


@require_GET
def attendance(request, pk):
    event = selectors.event_for(request.user, pk, manage=True)
    sessions, session = _chosen_session(event, request.GET.get("seance"))
    context = {
        "event": event,
        "sessions": sessions,
        "session": session,
        "sheet": selectors.attendance_sheet(event),
    }
    return render(request, "web/events/attendance.html", context)


@require_POST
def attendance_mark(request, pk, registration_pk):
    registration = selectors.registration_for(request.user, registration_pk, event_pk=pk)
    form = forms.AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Séance inconnue."))
        return redirect("events:attendance", pk=pk)
    session = get_object_or_404(registration.event.sessions, pk=form.cleaned_data["session"])
    if form.cleaned_data["present"]:
        action = lambda: services.attendance_mark(registration=registration, session=session, by=request.user)  # noqa: E731
        run(request, action, _("%(name)s est pointé(e) présent(e).") % {"name": registration.name})
    else:
        found = get_object_or_404(registration.attendances, session=session)
        run(
            request,
            lambda: services.attendance_unmark(attendance=found, by=request.user),
            _("Présence retirée."),
        )
    return redirect(f"{reverse('events:attendance', args=[pk])}?seance={session.pk}")


@require_http_methods(["GET", "POST"])
def checkin(request, token):
    registration = selectors.registration_from_token(token, tokens.CHECKIN)
    event = selectors.event_for(request.user, registration.event_id, manage=True)
    registration.event = event
    sessions, session = _chosen_session(event, request.POST.get("session") or request.GET.get("seance"))
    if request.method == "POST" and session is not None:
        action = lambda: services.attendance_mark(registration=registration, session=session, by=request.user)  # noqa: E731
        if run(request, action, _("%(name)s est pointé(e) présent(e).") % {"name": registration.name}):
            return redirect("events:attendance", pk=event.pk)
    attended = set(registration.attendances.values_list("session_id", flat=True))
    context = {
        "registration": registration,
        "event": event,
        "sessions": sessions,
        "session": session,
        "attended": attended,
    }
    return render(request, "web/events/checkin.html", context)


@require_GET
def staff_certificate(request, pk, registration_pk):
    registration = selectors.registration_for(request.user, registration_pk, event_pk=pk)
    return certificate_response(registration)


def certificate_response(registration) -> HttpResponse:
    if not registration.event.gives_certificate or not registration.attendances.exists():
        raise PermissionDenied(_("L'attestation est délivrée aux personnes venues à une formation."))
    response = HttpResponse(certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="attestation-{registration.event_id}-{registration.pk}.pdf"'
    )
    return response
