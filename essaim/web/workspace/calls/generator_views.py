"""Workspace pages of the project generator: needs register, job offers, candidacies (staff)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.calls import services
from essaim.calls.models import Candidacy, JobOffer, TerritoryNeed
from essaim.calls.workflows import CANDIDACY_WORKFLOW, JOB_OFFER_WORKFLOW, NEED_WORKFLOW
from essaim.web.workspace.calls import forms
from essaim.web.workspace.calls.views import managed_programmes, require_staff, run_service


def _need(request, pk) -> TerritoryNeed:
    queryset = TerritoryNeed.objects.managed_by(request.user).select_related(
        "programme", "commune", "epci", "project"
    )
    return get_object_or_404(queryset, pk=pk)


def _offer(request, pk) -> JobOffer:
    queryset = JobOffer.objects.managed_by(request.user).select_related(
        "programme", "need", "project", "commune"
    )
    return get_object_or_404(queryset, pk=pk)


def _candidacy(request, pk) -> Candidacy:
    queryset = Candidacy.objects.managed_by(request.user).select_related("offer__programme", "candidate")
    return get_object_or_404(queryset, pk=pk)


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
    form = forms.NeedForm(request.POST or None, programmes=managed_programmes(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            need = services.need_create(
                programme=form.cleaned_data["programme"], by=request.user, **form.service_fields()
            )
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Besoin enregistré."))
            return redirect("calls:need", pk=need.pk)
    return render(
        request, "calls/workspace/need_form.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def need_detail(request, pk):
    need = _need(request, pk)
    form = forms.NeedForm(request.POST or None, instance=need)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_update(territory_need=need, by=request.user, **form.service_fields())
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Besoin enregistré."))
            return redirect("calls:need", pk=need.pk)
    context = {"need": need, "form": form, "transitions": NEED_WORKFLOW.available(need.state)}
    return render(request, "calls/workspace/need_detail.html", context, status=400 if form.errors else 200)


@require_POST
def need_transition(request, pk):
    need = _need(request, pk)
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


def _offer_choices(user) -> dict:
    """Needs and generator projects of the user's organisations, for the offer form."""
    from essaim.accompaniment.enums import ProjectModel
    from essaim.accompaniment.models import Project

    programmes = managed_programmes(user)
    return {
        "needs": TerritoryNeed.objects.managed_by(user),
        "projects": Project.objects.filter(programme__in=programmes, model=ProjectModel.GENERATOR),
    }


@require_http_methods(["GET", "POST"])
def offer_create(request):
    require_staff(request.user)
    programmes = managed_programmes(request.user)
    form = forms.JobOfferForm(request.POST or None, programmes=programmes, **_offer_choices(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.job_offer_create(
                programme=form.cleaned_data["programme"], by=request.user, **form.service_fields()
            )
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Offre enregistrée en brouillon."))
            return redirect("calls:offer", pk=offer.pk)
    return render(
        request, "calls/workspace/offer_form.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def offer_edit(request, pk):
    offer = _offer(request, pk)
    form = forms.JobOfferForm(request.POST or None, instance=offer, **_offer_choices(request.user))
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
    offer = _offer(request, pk)
    context = {
        "offer": offer,
        "transitions": JOB_OFFER_WORKFLOW.available(offer.state),
        "candidacies": offer.candidacies.select_related("candidate"),
        "log": offer.transitions.select_related("by"),
    }
    return render(request, "calls/workspace/offer_detail.html", context)


@require_POST
def offer_transition(request, pk):
    offer = _offer(request, pk)
    form = forms.TransitionForm(request.POST)
    run_service(
        request,
        form,
        lambda data: services.job_offer_transition(offer=offer, by=request.user, **data),
        _("Offre mise à jour."),
    )
    return redirect("calls:offer", pk=offer.pk)


@require_GET
def candidacy_detail(request, pk):
    candidacy = _candidacy(request, pk)
    context = {
        "candidacy": candidacy,
        "transitions": [t for t in CANDIDACY_WORKFLOW.available(candidacy.state) if t.name != "withdraw"],
        "log": candidacy.transitions.select_related("by"),
        "form": forms.CandidacyTransitionForm(),
    }
    return render(request, "calls/workspace/candidacy_detail.html", context)


@require_POST
def candidacy_transition(request, pk):
    candidacy = _candidacy(request, pk)
    form = forms.CandidacyTransitionForm(request.POST)
    if form.is_valid() and form.cleaned_data["name"] == "withdraw":
        form.add_error(None, _("Seul le candidat peut retirer sa candidature."))
    run_service(
        request,
        form,
        lambda data: services.candidacy_transition(candidacy=candidacy, by=request.user, **data),
        _("Candidature mise à jour."),
    )
    return redirect("calls:candidacy", pk=candidacy.pk)


@require_POST
def my_candidacy_withdraw(request, pk):
    candidacy = get_object_or_404(
        Candidacy.objects.filter(candidate=request.user).select_related("offer"), pk=pk
    )
    form = forms.TransitionForm({"name": "withdraw", "comment": ""})
    run_service(
        request,
        form,
        lambda data: services.candidacy_transition(candidacy=candidacy, by=request.user, **data),
        _("Candidature retirée."),
    )
    return redirect("calls:my_candidacy", pk=candidacy.pk)


@require_GET
def my_candidacy(request, pk):
    """The candidate's own candidacy: the offer, its state, the dates, withdrawal while it is open.
    Staff notes and comments stay with the staff."""
    queryset = Candidacy.objects.filter(candidate=request.user).select_related(
        "offer__programme__organisation", "offer__commune"
    )
    candidacy = get_object_or_404(queryset, pk=pk)
    context = {
        "candidacy": candidacy,
        "offer": candidacy.offer,
        "steps": candidacy.transitions.only("to_state", "at", "candidacy_id"),
        "can_withdraw": "withdraw" in {t.name for t in CANDIDACY_WORKFLOW.available(candidacy.state)},
    }
    return render(request, "calls/workspace/my_candidacy.html", context)
