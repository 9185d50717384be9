"""Outcomes of one project (created enterprise, check-ins, indicators) and the indicators a
programme follows. Fetch scoped, check the permission, call one service, redirect."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from essaim.accompaniment.models import Checkin, Project
from essaim.directory.models import Programme
from essaim.evidence import services
from essaim.evidence.models import (
    Enterprise,
    IndicatorTarget,
    Measurement,
    ProgrammeBudget,
    ProgrammeIndicator,
)
from essaim.web.reports.forms import BudgetForm, EnterpriseForm, FollowForm, MeasurementForm, TargetForm


def _context(request, project, **forms):
    can_edit = request.user.has_perm("evidence.change_outcomes", project)
    enterprise = Enterprise.objects.filter(project=project).first()
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


def _project(request, project_id: int, *, edit: bool = False) -> Project:
    project = get_object_or_404(
        Project.objects.visible_to(request.user).select_related("programme"), pk=project_id
    )
    if edit and not request.user.has_perm("evidence.change_outcomes", project):
        raise PermissionDenied
    return project


def _refused(request, project, form, exc: ValidationError, name: str):
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)
    return render(request, "reports/outcomes.html", _context(request, project, **{name: form}), status=400)


@require_http_methods(["GET"])
def outcomes(request, project_id: int):
    project = _project(request, project_id)
    return render(request, "reports/outcomes.html", _context(request, project))


@require_POST
def enterprise_save(request, project_id: int):
    project = _project(request, project_id, edit=True)
    form = EnterpriseForm(request.POST, prefix="ent")
    if not form.is_valid():
        return render(
            request, "reports/outcomes.html", _context(request, project, enterprise_form=form), status=400
        )
    try:
        services.enterprise_register(project=project, **form.cleaned_data)
    except ValidationError as exc:
        return _refused(request, project, form, exc, "enterprise_form")
    messages.success(request, _("Entreprise enregistrée."))
    return redirect("reports:outcomes", project.pk)


@require_POST
def measurement_add(request, project_id: int):
    project = _project(request, project_id, edit=True)
    form = MeasurementForm(request.POST, prefix="mes", programme=project.programme)
    if not form.is_valid():
        context = _context(request, project, measurement_form=form)
        return render(request, "reports/outcomes.html", context, status=400)
    try:
        services.measurement_record(project=project, **form.cleaned_data)
    except ValidationError as exc:
        return _refused(request, project, form, exc, "measurement_form")
    messages.success(request, _("Mesure enregistrée."))
    return redirect("reports:outcomes", project.pk)


@require_http_methods(["GET", "POST"])
def programme_indicators(request, slug: str):
    programme = get_object_or_404(Programme.objects.select_related("organisation"), slug=slug)
    if not request.user.has_perm("evidence.view_programme_report", programme):
        raise PermissionDenied
    can_choose = request.user.has_perm("evidence.choose_indicators", programme)
    chosen = ProgrammeIndicator.objects.filter(programme=programme).values_list("indicator_id", flat=True)
    form = FollowForm(request.POST or None, initial={"indicators": list(chosen)})
    if request.method == "POST":
        if not can_choose:
            raise PermissionDenied
        if form.is_valid():
            services.indicators_choose(programme=programme, indicators=form.cleaned_data["indicators"])
            messages.success(request, _("Indicateurs suivis mis à jour."))
            return redirect("reports:programme_indicators", programme.slug)
    context = {"programme": programme, "form": form, "can_choose": can_choose}
    return render(request, "reports/programme_indicators.html", context, status=400 if form.errors else 200)


@require_POST
def target_add(request, project_id: int):
    project = _project(request, project_id, edit=True)
    form = TargetForm(request.POST, prefix="cib", programme=project.programme)
    if not form.is_valid():
        return render(
            request, "reports/outcomes.html", _context(request, project, target_form=form), status=400
        )
    try:
        services.target_set(project=project, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _refused(request, project, form, exc, "target_form")
    messages.success(request, _("Cible enregistrée."))
    return redirect("reports:outcomes", project.pk)


def _budget_context(programme, form):
    budgets = ProgrammeBudget.objects.filter(programme=programme).order_by("-year")
    return {"programme": programme, "budgets": budgets, "form": form}


@require_http_methods(["GET", "POST"])
def programme_budget(request, slug: str):
    """The programme's budget per year (cost per job): its staff only, 404 for anyone else."""
    programme = get_object_or_404(Programme.objects.select_related("organisation"), slug=slug)
    if not request.user.has_perm("evidence.change_outcomes", programme):
        raise Http404
    form = BudgetForm(request.POST or None, prefix="bud")
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_budget_set(programme=programme, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Budget enregistré."))
            return redirect("reports:programme_budget", programme.slug)
    status = 400 if form.errors else 200
    return render(request, "reports/programme_budget.html", _budget_context(programme, form), status=status)
