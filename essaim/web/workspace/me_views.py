"""What belongs to the signed-in person: data download, deletion request, expert requests, and a
carrier's page of their project."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.accompaniment import rules, selectors, services
from essaim.accompaniment.models import Expert, Mobilisation
from essaim.accompaniment.workflows import MOBILISATION
from essaim.accounts import privacy
from essaim.accounts.rules import can_delete_own_account, is_expert
from essaim.web.workspace import forms


@require_GET
def data_export(request):
    data = privacy.personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-essaim.json"'
    return response


@require_http_methods(["GET", "POST"])
def account_delete(request):
    if not can_delete_own_account(request.user):
        raise PermissionDenied(_("Les comptes d'équipe sont fermés par un administrateur."))
    if request.method == "POST":
        if request.POST.get("confirm") != "supprimer":
            messages.error(request, _("Tapez « supprimer » pour confirmer."))
            return render(request, "workspace/account_delete.html", status=400)
        privacy.account_erase(user=request.user)
        logout(request)
        messages.success(
            request, _("Votre compte est supprimé ; les données de vos projets sont anonymisées.")
        )
        return redirect("web:home")
    return render(request, "workspace/account_delete.html")


@require_GET
def expert_requests(request):
    if not is_expert(request.user):
        raise PermissionDenied
    mobilisations = list(
        Mobilisation.objects.filter(expert__user=request.user).select_related("project__programme", "expert")
    )
    context = {
        "mobilisations": mobilisations,
        "answerable": {m.pk for m in mobilisations if MOBILISATION.may(m, "accept", request.user)},
        "form": forms.MobilisationResponseForm(),
    }
    return render(request, "workspace/expert_requests.html", context)


@require_POST
def expert_respond(request, pk):
    mobilisation = selectors.expert_request_for(request.user, pk)
    form = forms.MobilisationResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez si vous acceptez ou déclinez la demande."))
        return redirect("workspace:expert_requests")
    try:
        services.mobilisation_respond(mobilisation=mobilisation, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Réponse enregistrée."))
    return redirect("workspace:expert_requests")


@require_GET
def expert_pool(request):
    if not rules.can_browse_expert_pool(request.user):
        raise PermissionDenied
    form = forms.ExpertFilterForm(request.GET or None)
    experts = Expert.objects.select_related("user").order_by("user__full_name", "pk")
    if form.is_valid():
        if form.cleaned_data["domain"]:
            experts = experts.filter(domains__has=form.cleaned_data["domain"])
        if form.cleaned_data["available"]:
            experts = experts.filter(is_available=True)
    return render(request, "workspace/expert_pool.html", {"experts": experts, "form": form})


def carrier_project(request, project):
    """A carrier's page of their project, rendered by `views.project_detail` for whoever may open
    the project but not change it: the stages in the words of the programme's pipeline, the
    coach and how to reach them, the meetings and referrals; not the programme's targets."""
    context = {
        "project": project,
        "can_manage": False,
        "programme": project.programme,
        "stages": selectors.pipeline_stages(project),
        "checklist": selectors.checklist(project),
        "coach": selectors.project_coach(project),
        "meetings": project.meetings.select_related("expert__user", "programme")[:50],
        "transitions": project.transitions.select_related("to_stage"),
        "referrals": project.referrals.select_related("to_programme"),
    }
    return render(request, "workspace/project_carrier.html", context)
