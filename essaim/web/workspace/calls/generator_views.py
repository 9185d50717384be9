"""Workspace pages of the project generator: needs register, job offers, candidacies (staff),
and the candidate's own candidacy. Objects come from `essaim.calls.selectors`."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.calls import selectors, services
from essaim.calls.models import JobOffer, TerritoryNeed
from essaim.calls.workflows import CANDIDACY_WORKFLOW, JOB_OFFER_WORKFLOW, NEED_WORKFLOW
from essaim.core.errors import ValidationError
from essaim.web.workspace.calls import forms
from essaim.web.workspace.calls.common import history, require_staff, run_service


@require_GET
def need_list(request):
    require_staff(request.user)
    needs = TerritoryNeed.objects.managed_by(request.user).select_related(
        "programme", "commune", "epci", "project"
    )
    return render(request, "calls/workspace/need_list.html", {"needs": needs})


@require_http_methods(["GET", "POST"])
def need_create(request):
    require_staff(request.user)
    form = forms.NeedForm(request.POST or None, programmes=selectors.managed_programmes(request.user))
    if request.method == "POST" and form.is_valid():
        programme = form.cleaned_data["programme"]
        try:
            need = services.need_create(programme=programme, by=request.user, **form.service_fields())
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Besoin enregistré."))
            return redirect("calls:need", pk=need.pk)
    status = 400 if form.errors else 200
    return render(request, "calls/workspace/need_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def need_detail(request, pk):
    need = selectors.need_for(request.user, pk, manage=True)
    form = forms.NeedForm(request.POST or None, instance=need)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_update(territory_need=need, by=request.user, **form.service_fields())
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Besoin enregistré."))
            return redirect("calls:need", pk=need.pk)
    context = {"need": need, "form": form, "transitions": NEED_WORKFLOW.available(need, request.user)}
    return render(request, "calls/workspace/need_detail.html", context, status=400 if form.errors else 200)


@require_POST
def need_transition(request, pk):
    need = selectors.need_for(request.user, pk, manage=True)
    form = forms.TransitionForm(request.POST)
    if form.is_valid() and form.cleaned_data["name"] == "make_project":
        action = lambda data: services.need_make_project(need=need, by=request.user)  # noqa: E731
        success = _("Projet créé à l'étape de repérage, sans porteur pour l'instant.")
    else:
        action = lambda data: services.need_transition(need=need, by=request.user, **data)  # noqa: E731
        success = _("Besoin mis à jour.")
    run_service(request, form, action, success)
    return redirect("calls:need", pk=need.pk)


@require_GET
def offer_list(request):
    require_staff(request.user)
    offers = (
        JobOffer.objects.managed_by(request.user)
        .select_related("programme", "project")
        .annotate(candidates=Count("candidacies"))
    )
    return render(request, "calls/workspace/offer_list.html", {"offers": offers})


@require_http_methods(["GET", "POST"])
def offer_create(request):
    require_staff(request.user)
    choices = selectors.offer_form_choices(request.user)
    programmes = selectors.managed_programmes(request.user)
    form = forms.JobOfferForm(request.POST or None, programmes=programmes, **choices)
    if request.method == "POST" and form.is_valid():
        programme = form.cleaned_data["programme"]
        try:
            offer = services.job_offer_create(programme=programme, by=request.user, **form.service_fields())
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Offre enregistrée en brouillon."))
            return redirect("calls:offer", pk=offer.pk)
    status = 400 if form.errors else 200
    return render(request, "calls/workspace/offer_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def offer_edit(request, pk):
    offer = selectors.job_offer_for(request.user, pk, manage=True)
    choices = selectors.offer_form_choices(request.user)
    form = forms.JobOfferForm(request.POST or None, instance=offer, **choices)
    if request.method == "POST" and form.is_valid():
        try:
            services.job_offer_update(offer=offer, by=request.user, **form.service_fields())
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Offre enregistrée."))
            return redirect("calls:offer", pk=offer.pk)
    context = {"form": form, "offer": offer}
    return render(request, "calls/workspace/offer_form.html", context, status=400 if form.errors else 200)


@require_GET
def offer_detail(request, pk):
    offer = selectors.job_offer_for(request.user, pk, manage=True)
    context = {
        "offer": offer,
        "transitions": JOB_OFFER_WORKFLOW.available(offer, request.user),
        "candidacies": offer.candidacies.select_related("candidate"),
        "log": history(JOB_OFFER_WORKFLOW, offer),
    }
    return render(request, "calls/workspace/offer_detail.html", context)


@require_POST
def offer_transition(request, pk):
    offer = selectors.job_offer_for(request.user, pk, manage=True)
    form = forms.TransitionForm(request.POST)

    def action(data):
        services.job_offer_transition(offer=offer, by=request.user, **data)

    run_service(request, form, action, _("Offre mise à jour."))
    return redirect("calls:offer", pk=offer.pk)


@require_GET
def candidacy_detail(request, pk):
    candidacy = selectors.candidacy_for(request.user, pk, manage=True)
    context = {
        "candidacy": candidacy,
        "transitions": CANDIDACY_WORKFLOW.available(candidacy, request.user),
        "log": history(CANDIDACY_WORKFLOW, candidacy),
        "form": forms.CandidacyTransitionForm(),
    }
    return render(request, "calls/workspace/candidacy_detail.html", context)


@require_POST
def candidacy_transition(request, pk):
    candidacy = selectors.candidacy_for(request.user, pk, manage=True)
    form = forms.CandidacyTransitionForm(request.POST)

    def action(data):
        services.candidacy_transition(candidacy=candidacy, by=request.user, **data)

    run_service(request, form, action, _("Candidature mise à jour."))
    return redirect("calls:candidacy", pk=candidacy.pk)


# -- the candidate: their own candidacy -----------------------------------------------------------


@require_GET
def my_candidacy(request, pk):
    """The candidate's own candidacy: the offer, its state, the dates, withdrawal while it is open.
    Staff notes and comments stay with the staff."""
    candidacy = selectors.candidacy_for(request.user, pk, own=True)
    context = {
        "candidacy": candidacy,
        "offer": candidacy.offer,
        "steps": history(CANDIDACY_WORKFLOW, candidacy),
        "can_withdraw": CANDIDACY_WORKFLOW.may(candidacy, "withdraw", request.user),
    }
    return render(request, "calls/workspace/my_candidacy.html", context)


@require_POST
def my_candidacy_withdraw(request, pk):
    candidacy = selectors.candidacy_for(request.user, pk, own=True)
    form = forms.TransitionForm({"name": "withdraw", "comment": ""})

    def action(data):
        services.candidacy_transition(candidacy=candidacy, by=request.user, **data)

    run_service(request, form, action, _("Candidature retirée."))
    return redirect("calls:my_candidacy", pk=candidacy.pk)
