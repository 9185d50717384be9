"""A programme's set-up, for its admins: pipeline, targets and reminders, activity log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.accompaniment import selectors, services
from essaim.accompaniment.enums import ProjectModel
from essaim.accompaniment.models import ProgrammePipeline
from essaim.audit.selectors import programme_events
from essaim.web.workspace import forms
from essaim.web.workspace.views import form_page


@require_GET
def pipeline(request, slug):
    programme = selectors.programme_for(request.user, slug, admin=True)
    pipelines = list(ProgrammePipeline.objects.filter(programme=programme).prefetch_related("stages"))
    missing = [m for m in ProjectModel if m.value not in {p.model for p in pipelines}]
    context = {
        "programme": programme,
        "pipelines": [(p, forms.StageAddForm.for_pipeline(p)) for p in pipelines],
        "missing": missing,
        "rename_form": forms.StageRenameForm(),
    }
    return render(request, "workspace/pipeline.html", context)


@require_POST
def pipeline_create(request, slug):
    programme = selectors.programme_for(request.user, slug, admin=True)
    model = request.POST.get("model", "")
    try:
        if model not in ProjectModel.values:
            raise ValidationError(_("Modèle d'accompagnement inconnu."))
        services.pipeline_create(programme=programme, model=model, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Parcours créé à partir du modèle de l'étude."))
    return redirect("workspace:pipeline", slug=programme.slug)


def _stage_change(request, stage, action: str) -> None:
    """Apply one change to a stage (or insert one after it); raises ValidationError."""
    if action == "drop":
        services.pipeline_stage_drop(stage=stage, by=request.user)
    elif action == "rename":
        form = forms.StageRenameForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Le nom de l'étape est obligatoire."))
        services.pipeline_stage_rename(stage=stage, name=form.cleaned_data["name"], by=request.user)
    else:
        form = forms.StageAddForm.for_pipeline(stage.pipeline, request.POST)
        if not form.is_valid():
            raise ValidationError(_("Indiquez le nom, l'étape de vie et la position de la nouvelle étape."))
        services.pipeline_stage_add(pipeline=stage.pipeline, by=request.user, **form.cleaned_data)


@require_POST
def stage_edit(request, slug, stage_pk, action):
    if action not in ("rename", "drop", "add"):
        raise Http404
    stage = selectors.stage_for(request.user, stage_pk, programme_slug=slug)
    try:
        _stage_change(request, stage, action)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Parcours mis à jour."))
    return redirect("workspace:pipeline", slug=slug)


@require_http_methods(["GET", "POST"])
def settings_edit(request, slug):
    programme = selectors.programme_for(request.user, slug, admin=True)
    current = selectors.programme_settings(programme)
    form = forms.SettingsForm(request.POST or None, initial=forms.SettingsForm.initial_for(current))
    if request.method == "POST" and form.is_valid():
        services.programme_settings_update(programme=programme, by=request.user, **form.cleaned_data)
        messages.success(request, _("Réglages enregistrés."))
        return redirect("workspace:board", slug=programme.slug)
    return form_page(request, "workspace/settings.html", form, {"programme": programme})


@require_GET
def audit_log(request, slug):
    """The programme's activity log, in words."""
    programme = selectors.programme_for(request.user, slug, admin=True)
    page = Paginator(programme_events(request.user, programme), 50).get_page(request.GET.get("page"))
    return render(request, "workspace/audit.html", {"programme": programme, "page": page})
