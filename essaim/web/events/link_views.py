"""Pages opened from the signed links of the e-mails: confirm a public registration; the person's
registration page (ticket with its QR code, cancel, accept or decline an offered place); the
feedback survey; the training's attendance certificate. The link is the proof: whoever holds a
valid one acts as `tokens.LinkHolder` (no sign-in needed); a wrong or stale link is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.core.errors import ValidationError
from essaim.events import selectors, services, tokens
from essaim.events.models import Feedback, RegistrationState
from essaim.events.workflows import REGISTRATION
from essaim.web.events import forms
from essaim.web.events.common import run
from essaim.web.events.public_views import ticket_qr
from essaim.web.events.staff_views import certificate_response

DONE = {
    "cancel": _("Votre inscription est annulée."),
    "accept": _("C'est noté : la place est à vous."),
    "decline": _("C'est noté : la place va à la personne suivante."),
}


def _manage(token):
    registration = selectors.registration_from_token(token, tokens.MANAGE)
    return registration, tokens.holder_of(registration)


@login_not_required
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    registration = selectors.registration_from_token(token, tokens.CONFIRM)
    if request.method == "POST":
        holder = tokens.holder_of(registration)
        try:
            registration = services.registration_confirm(registration=registration, by=holder)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return redirect("events:registration", token=tokens.make(registration, tokens.MANAGE))
    return render(
        request, "web/events/confirm.html", {"registration": registration, "event": registration.event}
    )


@login_not_required
@require_GET
def registration_page(request, token):
    registration, holder = _manage(token)
    seated = registration.state == RegistrationState.CONFIRMED
    context = {
        "registration": registration,
        "event": registration.event,
        "token": token,
        "moves": {t.name for t in REGISTRATION.available(registration, holder)},
        "qr": ticket_qr(registration) if seated else "",
        "attended": registration.attendances.exists(),
        "answered": Feedback.objects.filter(registration=registration).exists(),
    }
    return render(request, "web/events/registration.html", context)


def _move(request, token, service, name):
    registration, holder = _manage(token)
    run(request, lambda: service(registration=registration, by=holder), DONE[name])
    return redirect("events:registration", token=token)


@login_not_required
@require_POST
def cancel(request, token):
    return _move(request, token, services.registration_cancel, "cancel")


@login_not_required
@require_POST
def accept(request, token):
    return _move(request, token, services.registration_accept, "accept")


@login_not_required
@require_POST
def decline(request, token):
    return _move(request, token, services.registration_decline, "decline")


@login_not_required
@require_http_methods(["GET", "POST"])
def feedback(request, token):
    registration, holder = _manage(token)
    form = forms.FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(registration=registration, by=holder, **form.cleaned_data)
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Merci pour votre avis !"))
            return redirect("events:registration", token=token)
    context = {"registration": registration, "event": registration.event, "form": form}
    return render(request, "web/events/feedback.html", context, status=400 if form.errors else 200)


@login_not_required
@require_GET
def certificate(request, token):
    registration, _holder = _manage(token)
    return certificate_response(registration)
