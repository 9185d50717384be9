"""A programme's set-up, for its admins: pipeline, targets and reminders, audit trail."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.accompaniment import services
from essaim.accompaniment.enums import ProjectModel
from essaim.accompaniment.models import AuditEvent, PipelineStage, ProgrammePipeline
from essaim.web.workspace import forms
from essaim.web.workspace.access import get_programme


@require_GET
def pipeline(request, slug):
    programme = get_programme(request, slug, admin=True)
    pipelines = list(ProgrammePipeline.objects.filter(programme=programme).prefetch_related("stages"))
    missing = [m for m in ProjectModel if m.value not in {p.model for p in pipelines}]
    add_forms = []
    for p in pipelines:
        form = forms.StageAddForm(prefix=f"p{p.pk}")
        form.fields["after"].queryset = p.stages.filter(is_archived=False)
        add_forms.append((p, form))
    context = {
        "programme": programme,
        "pipelines": add_forms,
        "missing": missing,
        "rename_form": forms.StageRenameForm(),
    }
    return render(request, "workspace/pipeline.html", context)


@require_POST
def pipeline_create(request, slug):
    programme = get_programme(request, slug, admin=True)
    model = request.POST.get("model", "")
    if model not in ProjectModel.values:
        messages.error(request, _("Modèle d'accompagnement inconnu."))
    else:
        services.pipeline_create(programme=programme, model=model)
        messages.success(request, _("Parcours créé à partir du modèle de l'étude."))
    return redirect("workspace:pipeline", slug=programme.slug)


def _stage(programme, stage_pk):
    return get_object_or_404(
        PipelineStage.objects.select_related("pipeline"), pk=stage_pk, pipeline__programme=programme
    )


@require_POST
def stage_edit(request, slug, stage_pk, action):
    if action not in ("rename", "drop", "add"):
        raise Http404
    programme = get_programme(request, slug, admin=True)
    stage = _stage(programme, stage_pk)
    try:
        if action == "rename":
            form = forms.StageRenameForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Le nom de l'étape est obligatoire."))
            services.pipeline_stage_rename(stage=stage, name=form.cleaned_data["name"], by=request.user)
        elif action == "drop":
            services.pipeline_stage_drop(stage=stage, by=request.user)
        else:
            form = forms.StageAddForm(request.POST, prefix=f"p{stage.pipeline_id}")
            form.fields["after"].queryset = stage.pipeline.stages.filter(is_archived=False)
            if not form.is_valid():
                raise ValidationError(
                    _("Indiquez le nom, l'étape de vie et la position de la nouvelle étape.")
                )
            services.pipeline_stage_add(pipeline=stage.pipeline, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Parcours mis à jour."))
    return redirect("workspace:pipeline", slug=programme.slug)


@require_http_methods(["GET", "POST"])
def settings_edit(request, slug):
    programme = get_programme(request, slug, admin=True)
    current = services.programme_settings(programme=programme)
    initial = {
        "target_hours_min": current.target_hours_min,
        "target_hours_max": current.target_hours_max,
        "max_hours_per_month": current.max_hours_per_month,
        "alert_after_days": current.alert_after_days,
        "reminder_delays": ", ".join(str(d) for d in current.reminder_delays),
    }
    form = forms.SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.programme_settings_update(programme=programme, by=request.user, **form.cleaned_data)
        messages.success(request, _("Réglages enregistrés."))
        return redirect("workspace:board", slug=programme.slug)
    return render(
        request,
        "workspace/settings.html",
        {"form": form, "programme": programme},
        status=400 if form.errors else 200,
    )


@require_GET
def audit_log(request, slug):
    programme = get_programme(request, slug, admin=True)
    events = AuditEvent.objects.visible_to(request.user).filter(programme=programme).select_related("actor")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "workspace/audit.html", {"programme": programme, "page": page})
