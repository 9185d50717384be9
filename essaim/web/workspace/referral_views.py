"""Referrals ("passerelles") between programmes: propose, consent, decide."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.accompaniment import selectors, services, workflow
from essaim.accompaniment.models import Referral
from essaim.accounts import rules as perms
from essaim.web.workspace import forms
from essaim.web.workspace.access import get_programme, get_project, get_referral
from essaim.web.workspace.views import form_errors


@require_http_methods(["GET", "POST"])
def referral_create(request, pk):
    project = get_project(request, pk, manage=True)
    form = forms.ReferralProposeForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_propose(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request, _("Passerelle proposée : le porteur doit maintenant donner son accord.")
            )
            return redirect("workspace:referral", pk=referral.pk)
    return render(
        request,
        "workspace/referral_form.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


@require_GET
def referral_list(request, slug):
    programme = get_programme(request, slug)
    visible = Referral.objects.visible_to(request.user).select_related(
        "project", "from_programme", "to_programme"
    )
    context = {
        "programme": programme,
        "received": visible.filter(to_programme=programme),
        "sent": visible.filter(from_programme=programme),
    }
    return render(request, "workspace/referral_list.html", context)


@require_GET
def referral_detail(request, pk):
    referral = get_referral(request, pk)
    user = request.user
    context = {
        "referral": referral,
        "shared": selectors.referral_shared_data(referral),
        "events": referral.events.select_related("by"),
        "can": {a: workflow.referral_actor_may(user, referral, a) for a in ("consent", "accept", "withdraw")},
        "consent_form": forms.ReferralConsentForm(
            initial={"shared_fields": ["summary", "social_need", "sector", "stage"]}
        ),
        "decision_form": forms.ReferralDecisionForm(),
    }
    if perms.can_log_referred_meeting(user, referral):
        context["our_meetings"] = referral.project.meetings.filter(programme=referral.to_programme)
    return render(request, "workspace/referral.html", context)


@require_http_methods(["GET", "POST"])
def referral_meeting_create(request, pk):
    """Staff of the programme that accepted a referral log their own meetings with the project,
    without seeing more of the project than the carrier consented to."""
    referral = get_referral(request, pk)
    if not perms.can_log_referred_meeting(request.user, referral):
        raise PermissionDenied
    form = forms.MeetingForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_create(
                project=referral.project,
                programme=referral.to_programme,
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Rendez-vous consigné."))
            return redirect("workspace:referral", pk=referral.pk)
    context = {"form": form, "referral": referral, "name": referral.project.name}
    return render(request, "workspace/meeting_form.html", context, status=400 if form.errors else 200)


@require_POST
def referral_action(request, pk, action):
    referral = get_referral(request, pk)
    consent = forms.ReferralConsentForm(request.POST)
    decision = forms.ReferralDecisionForm(request.POST)
    if not (consent.is_valid() and decision.is_valid()):
        messages.error(request, _("Choisissez parmi les informations proposées."))
        return redirect("workspace:referral", pk=referral.pk)
    try:
        workflow.referral_transition(
            referral=referral,
            by=request.user,
            action=action,
            comment=decision.cleaned_data.get("comment", ""),
            shared_fields=consent.cleaned_data.get("shared_fields", []),
        )
    except workflow.TransitionForbidden as exc:
        raise PermissionDenied(str(exc)) from exc
    except workflow.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Passerelle mise à jour."))
    return redirect("workspace:referral", pk=referral.pk)
