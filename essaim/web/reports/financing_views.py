"""A project's funding round ("tour de table"): needs, resources by funder, their status; the
funders' directory. Fetch through `financing.selectors` (404 / 403), one service call, redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from essaim.financing import services as financing
from essaim.financing.models import Funder
from essaim.financing.rules import can_change_plan
from essaim.financing.selectors import funding_round as get_funding_round
from essaim.financing.selectors import plan_for, resource_for
from essaim.financing.workflows import RESOURCE
from essaim.web.reports.forms import NeedForm, ResourceForm, StatusForm

TEMPLATE = "reports/funding_round.html"


def _round_context(request, plan, **forms) -> dict:
    can_edit = can_change_plan(request.user, plan.project)
    round_ = get_funding_round(plan)
    context = {"project": plan.project, "round": round_, "can_edit": can_edit}
    if can_edit:
        for line in round_.lines:
            for resource in line.resources:
                resource.actions = RESOURCE.available(resource, request.user)
        context["need_form"] = forms.get("need_form") or NeedForm(prefix="need")
        context["resource_form"] = forms.get("resource_form") or ResourceForm(prefix="res")
    return context


def _refused(request, plan, form, name: str, exc: ValidationError | None = None):
    for field, errors in (exc.message_dict if exc is not None else {}).items():
        form.add_error(field if field in form.fields else None, errors)
    return render(request, TEMPLATE, _round_context(request, plan, **{name: form}), status=400)


@require_GET
def funding_round(request, project_id: int):
    plan = plan_for(request.user, project_id)
    return render(request, TEMPLATE, _round_context(request, plan))


@require_POST
def need_add(request, project_id: int):
    plan = plan_for(request.user, project_id, manage=True)
    form = NeedForm(request.POST, prefix="need")
    if not form.is_valid():
        return _refused(request, plan, form, "need_form")
    try:
        financing.need_add(project=plan.project, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _refused(request, plan, form, "need_form", exc)
    messages.success(request, _("Besoin ajouté au plan de financement."))
    return redirect("reports:funding_round", plan.project_id)


@require_POST
def resource_add(request, project_id: int):
    plan = plan_for(request.user, project_id, manage=True)
    form = ResourceForm(request.POST, prefix="res")
    if not form.is_valid():
        return _refused(request, plan, form, "resource_form")
    try:
        financing.resource_add(project=plan.project, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _refused(request, plan, form, "resource_form", exc)
    messages.success(request, _("Ressource ajoutée au tour de table."))
    return redirect("reports:funding_round", plan.project_id)


@require_POST
def resource_status(request, project_id: int, resource_id: int):
    """The funder's answer or the payment: the resource is fetched through the project's plan."""
    resource = resource_for(request.user, project_id, resource_id, manage=True)
    form = StatusForm(request.POST, prefix="st")
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get_json_data())
        financing.resource_set_status(resource=resource, by=request.user, **form.cleaned_data)
    except ValidationError:
        messages.error(request, _("Statut ou date invalide : rien n'a été modifié."))
    else:
        messages.success(request, _("Statut de la ressource mis à jour."))
    return redirect("reports:funding_round", project_id)


@require_GET
def funders(request):
    listing = Funder.objects.filter(is_synthetic=False).prefetch_related("territories").order_by("name")
    return render(request, "reports/funders.html", {"funders": listing})
