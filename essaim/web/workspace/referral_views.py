"""Referrals ("passerelles") between programmes: propose, consent, decide."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.accompaniment import rules, selectors, services
from essaim.accompaniment.workflows import REFERRAL
from essaim.web.workspace import forms
from essaim.web.workspace.views import form_errors, form_page


@require_http_methods(["GET", "POST"])
def referral_create(request, pk):
    project = selectors.project_for(request.user, pk, manage=True)
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
    return form_page(request, "workspace/referral_form.html", form, {"project": project})


@require_GET
def referral_list(request, slug):
    programme = selectors.programme_for(request.user, slug)
    received, sent = selectors.programme_referrals(request.user, programme)
    context = {"programme": programme, "received": received, "sent": sent}
    return render(request, "workspace/referral_list.html", context)


@require_GET
def referral_detail(request, pk):
    referral = selectors.referral_for(request.user, pk)
    user = request.user
    context = {
        "referral": referral,
        "shared": selectors.referral_shared_data(referral),
        "history": [(e, REFERRAL.state_label(e.to_state)) for e in REFERRAL.log(referral)],
        "can": {name: REFERRAL.may(referral, name, user) for name in REFERRAL.transitions},
        "consent_form": forms.ReferralConsentForm(
            initial={"shared_fields": ["summary", "social_need", "sector", "stage"]}
        ),
        "decision_form": forms.ReferralDecisionForm(),
    }
    if rules.can_log_referred_meeting(user, referral):
        context["our_meetings"] = referral.project.meetings.filter(programme=referral.to_programme)
    return render(request, "workspace/referral.html", context)


@require_http_methods(["GET", "POST"])
def referral_meeting_create(request, pk):
    """Staff of the programme that accepted a referral log their own meetings with the project,
    without seeing more of the project than the carrier consented to."""
    referral = selectors.referral_for(request.user, pk)
    if not rules.can_log_referred_meeting(request.user, referral):
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
    context = {"referral": referral, "name": referral.project.name}
    return form_page(request, "workspace/meeting_form.html", form, context)


@require_POST
def referral_action(request, pk, action):
    referral = selectors.referral_for(request.user, pk)
    consent = forms.ReferralConsentForm(request.POST)
    decision = forms.ReferralDecisionForm(request.POST)
    if action not in REFERRAL.transitions:
        messages.error(request, _("Action inconnue."))
    elif not (consent.is_valid() and decision.is_valid()):
        messages.error(request, _("Choisissez parmi les informations proposées."))
    else:
        try:
            services.referral_transition(
                referral=referral,
                by=request.user,
                action=action,
                comment=decision.cleaned_data.get("comment", ""),
                shared_fields=consent.cleaned_data.get("shared_fields", []),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Passerelle mise à jour."))
    return redirect("workspace:referral", pk=referral.pk)
