"""Outcomes of one project (created enterprise, check-ins, indicators) and the indicators a
programme follows. Fetch scoped, check the permission, call one service, redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from essaim.accompaniment.models import Checkin
from essaim.evidence import services
from essaim.evidence.enums import BudgetGroup, BudgetSource
from essaim.evidence.models import IndicatorTarget, Measurement, ProgrammeBudget, ProgrammeIndicator
from essaim.evidence.rules import can_choose_indicators, can_record_outcomes
from essaim.evidence.selectors import economic_model, enterprise_for, programme_for
from essaim.web.reports.forms import (
    BudgetForm,
    BudgetLineForm,
    EnterpriseForm,
    FollowForm,
    MeasurementForm,
    TargetForm,
)


def _context(request, enterprise, **forms):
    project = enterprise.project
    can_edit = can_record_outcomes(request.user, project)
    if enterprise.pk is None:
        enterprise = None
    context = {
        "project": project,
        "enterprise": enterprise,
        "checkins": Checkin.objects.filter(project=project).current().select_related("figures"),
        "targets": IndicatorTarget.objects.filter(project=project).select_related("indicator"),
        "measurements": Measurement.objects.filter(project=project)
        .select_related("indicator")
        .order_by("-measured_on", "pk")[:50],
        "can_edit": can_edit,
    }
    if can_edit:
        initial = {}
        if enterprise is not None:
            initial = {f: getattr(enterprise, f) or "" for f in EnterpriseForm.base_fields}
        context["enterprise_form"] = forms.get("enterprise_form") or EnterpriseForm(
            prefix="ent", initial=initial
        )
        context["measurement_form"] = forms.get("measurement_form") or MeasurementForm(
            prefix="mes", programme=project.programme
        )
        context["target_form"] = forms.get("target_form") or TargetForm(
            prefix="cib", programme=project.programme
        )
    return context


def _refused(request, enterprise, form, name: str, exc: ValidationError | None = None):
    for field, errors in (exc.message_dict if exc is not None else {}).items():
        form.add_error(field if field in form.fields else None, errors)
    context = _context(request, enterprise, **{name: form})
    return render(request, "reports/outcomes.html", context, status=400)


def _save(request, enterprise, form, name: str, write, done: str):
    """Validate the form, call the service, say so and go back to the outcomes page."""
    if not form.is_valid():
        return _refused(request, enterprise, form, name)
    try:
        write(project=enterprise.project, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _refused(request, enterprise, form, name, exc)
    messages.success(request, done)
    return redirect("reports:outcomes", enterprise.project_id)


@require_http_methods(["GET"])
def outcomes(request, project_id: int):
    enterprise = enterprise_for(request.user, project_id)
    return render(request, "reports/outcomes.html", _context(request, enterprise))


@require_POST
def enterprise_save(request, project_id: int):
    enterprise = enterprise_for(request.user, project_id, manage=True)
    form = EnterpriseForm(request.POST, prefix="ent")
    done = _("Entreprise enregistrée.")
    return _save(request, enterprise, form, "enterprise_form", services.enterprise_register, done)


@require_POST
def measurement_add(request, project_id: int):
    enterprise = enterprise_for(request.user, project_id, manage=True)
    form = MeasurementForm(request.POST, prefix="mes", programme=enterprise.project.programme)
    done = _("Mesure enregistrée.")
    return _save(request, enterprise, form, "measurement_form", services.measurement_record, done)


@require_POST
def target_add(request, project_id: int):
    enterprise = enterprise_for(request.user, project_id, manage=True)
    form = TargetForm(request.POST, prefix="cib", programme=enterprise.project.programme)
    return _save(request, enterprise, form, "target_form", services.target_set, _("Cible enregistrée."))


@require_http_methods(["GET", "POST"])
def programme_indicators(request, slug: str):
    manage = "indicators" if request.method == "POST" else None
    programme = programme_for(request.user, slug, manage=manage)
    chosen = ProgrammeIndicator.objects.filter(programme=programme).values_list("indicator_id", flat=True)
    form = FollowForm(request.POST or None, initial={"indicators": list(chosen)})
    if request.method == "POST" and form.is_valid():
        indicators = form.cleaned_data["indicators"]
        services.indicators_choose(programme=programme, indicators=indicators, by=request.user)
        messages.success(request, _("Indicateurs suivis mis à jour."))
        return redirect("reports:programme_indicators", programme.slug)
    context = {
        "programme": programme,
        "form": form,
        "can_choose": can_choose_indicators(request.user, programme),
    }
    return render(request, "reports/programme_indicators.html", context, status=400 if form.errors else 200)


def _budget_context(programme, form=None, line_form=None):
    budgets = ProgrammeBudget.objects.filter(programme=programme).order_by("-year")
    model = economic_model(programme)
    sources = [
        (label, [year.lines.get(source) for year in model.years]) for source, label in BudgetSource.choices
    ]
    return {
        "programme": programme,
        "budgets": budgets,
        "form": form or BudgetForm(prefix="bud"),
        "line_form": line_form or BudgetLineForm(prefix="lig"),
        "model": model,
        "groups": BudgetGroup.labels,
        "sources": [(label, amounts) for label, amounts in sources if any(a is not None for a in amounts)],
    }


def _form_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@require_http_methods(["GET", "POST"])
def programme_budget(request, slug: str):
    """The programme's budget per year (cost per job): its staff only, 404 for anyone else."""
    programme = programme_for(request.user, slug, manage="budget", conceal=True)
    form = BudgetForm(request.POST or None, prefix="bud")
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_budget_set(programme=programme, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Budget enregistré."))
            return redirect("reports:programme_budget", programme.slug)
    status = 400 if form.errors else 200
    return render(request, "reports/programme_budget.html", _budget_context(programme, form), status=status)


@require_POST
def budget_line_set(request, slug: str):
    """One source's amount in a year's budget: the programme's staff only, 404 for anyone else."""
    programme = programme_for(request.user, slug, manage="budget", conceal=True)
    form = BudgetLineForm(request.POST, prefix="lig")
    if form.is_valid():
        try:
            services.budget_line_set(programme=programme, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Ligne de budget enregistrée."))
            return redirect("reports:programme_budget", programme.slug)
    context = _budget_context(programme, line_form=form)
    return render(request, "reports/programme_budget.html", context, status=400)
