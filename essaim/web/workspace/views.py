"""Workspace: home by role, a programme's board, a project's page and its actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.accompaniment import selectors, services, workflow
from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import Mobilisation, PipelineStage, Project, Referral
from essaim.accounts import rules as perms
from essaim.calls.models import Application, Candidacy
from essaim.web.workspace import forms
from essaim.web.workspace.access import get_programme, get_project


def form_errors(form, exc: ValidationError) -> None:
    """Attach a service's ValidationError to the form, field by field when it can."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@require_GET
def home(request):
    user = request.user
    today = timezone.localdate()
    context = {
        "programmes": selectors.programmes_managed_by(user).order_by("name"),
        "my_projects": Project.objects.filter(carriers=user)
        .select_related("programme", "stage")
        .order_by("name"),
        "pending_referrals": Referral.objects.filter(
            project__carriers=user, status=ReferralStatus.AWAITING_CONSENT
        ).select_related("project", "to_programme"),
        "expert_requests": Mobilisation.objects.filter(expert__user=user)
        .select_related("project")
        .order_by("-created_at")[:10],
        # the carrier space lists their applications and candidacies with decisions and feedback
        "my_applications": Application.objects.filter(carrier=user).select_related("call__programme"),
        "my_candidacies": Candidacy.objects.filter(candidate=user).select_related("offer__programme"),
        "today": today,
    }
    return render(request, "workspace/home.html", context)


@require_GET
def board(request, slug):
    programme = get_programme(request, slug)
    settings = services.programme_settings(programme=programme)
    stages = list(
        PipelineStage.objects.filter(pipeline__programme=programme, is_archived=False).select_related(
            "pipeline"
        )
    )
    form = forms.BoardFilterForm(request.GET or None, stages=stages)
    data = form.cleaned_data if form.is_valid() else {}
    status = data.get("status") or "active"
    filters = selectors.BoardFilters(
        stage=data.get("stage", ""),
        life_stage=data.get("life_stage", ""),
        model=data.get("model", ""),
        q=data.get("q", ""),
        attention=data.get("attention", False),
        status="" if status == "all" else status,
    )
    context = {
        "programme": programme,
        "form": form,
        "board": selectors.board(programme, filters, settings, stages, request.GET.get("page")),
        "is_admin": perms.is_programme_admin(request.user, programme),
        "querystring": request.GET.copy(),
    }
    return render(request, "workspace/board.html", context)


@require_http_methods(["GET", "POST"])
def project_create(request, slug):
    programme = get_programme(request, slug)
    form = forms.ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        carriers = data.pop("carrier_emails")
        try:
            project = services.project_create(programme=programme, by=request.user, carriers=carriers, **data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Projet « %(name)s » créé.") % {"name": project.name})
            return redirect("workspace:project", pk=project.pk)
    return render(request, "workspace/project_form.html", {"form": form, "programme": programme})


@require_GET
def project_detail(request, pk):
    project = get_project(request, pk)
    user = request.user
    can_manage = perms.can_manage_project(user, project)
    settings = services.programme_settings(programme=project.programme)
    stages = list(PipelineStage.objects.filter(pipeline_id=project.stage.pipeline_id, is_archived=False))
    done = set(project.checklist_done.get(project.stage.key, []))
    context = {
        "project": project,
        "can_manage": can_manage,
        "is_admin": perms.is_programme_admin(user, project),
        "stages": stages,
        "checklist": [(item, item["key"] in done) for item in project.stage.checklist],
        "dosage": selectors.project_dosage(project, settings),
        "reasons": selectors.attention_reasons(project, settings),
        "next_stage": workflow.next_stage(project, stages),
        "carriers": project.carriers.all(),
        "meetings": project.meetings.select_related("expert__user", "programme")[:50],
        "transitions": project.transitions.select_related("from_stage", "to_stage", "by"),
        "checkins": project.checkins.all(),
        "referrals": project.referrals.select_related("to_programme"),
        "mobilisations": project.mobilisations.select_related("expert__user") if can_manage else [],
        "transition_form": forms.TransitionForm(
            project=project, initial={"to_stage": workflow.next_stage(project, stages)}
        ),
        "mobilisation_form": forms.MobilisationForm(),
    }
    return render(request, "workspace/project.html", context)


@require_http_methods(["GET", "POST"])
def project_edit(request, pk):
    project = get_project(request, pk, manage=True)
    initial = {f: getattr(project, f) for f in ("name", "summary", "social_need", "sector")}
    initial["commune"] = project.commune_id or ""
    form = forms.ProjectEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Projet mis à jour."))
            return redirect("workspace:project", pk=project.pk)
    return render(
        request,
        "workspace/project_form.html",
        {"form": form, "project": project, "programme": project.programme},
    )


@require_POST
def project_transition(request, pk):
    project = get_project(request, pk, manage=True)
    form = forms.TransitionForm(request.POST, project=project)
    if not form.is_valid():
        messages.error(request, _("Choisissez une étape du parcours du projet."))
        return redirect("workspace:project", pk=project.pk)
    action = form.cleaned_data["action"]
    try:
        workflow.project_transition(
            project=project,
            by=request.user,
            to_stage=form.cleaned_data["to_stage"] if action == "move" else None,
            abandon=action == "abandon",
            reopen=action == "reopen",
            comment=form.cleaned_data["comment"],
            override=form.cleaned_data["override"],
        )
    except workflow.TransitionForbidden as exc:
        raise PermissionDenied(str(exc)) from exc
    except workflow.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Étape du projet mise à jour."))
    return redirect("workspace:project", pk=project.pk)


@require_POST
def checklist_toggle(request, pk):
    project = get_project(request, pk, manage=True)
    form = forms.ChecklistForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Livrable inconnu pour cette étape."))
        services.checklist_toggle(project=project, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("workspace:project", pk=project.pk)


@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    project = get_project(request, pk, manage=True)
    form = forms.MeetingForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_create(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Rendez-vous consigné."))
            return redirect("workspace:project", pk=project.pk)
    return render(
        request,
        "workspace/meeting_form.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


MEETING_FORM_FIELDS = (
    "date",
    "duration_minutes",
    "kind",
    "topics",
    "decisions",
    "next_steps",
    "next_meeting_on",
)


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk, meeting_pk):
    project = get_project(request, pk, manage=True)
    meeting = get_object_or_404(project.meetings.all(), pk=meeting_pk)
    initial = {name: getattr(meeting, name) for name in MEETING_FORM_FIELDS}
    form = forms.MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Rendez-vous corrigé."))
            return redirect("workspace:project", pk=project.pk)
    context = {"form": form, "project": project, "meeting": meeting}
    return render(request, "workspace/meeting_form.html", context, status=400 if form.errors else 200)


@require_POST
def meeting_delete(request, pk, meeting_pk):
    project = get_project(request, pk, manage=True)
    meeting = get_object_or_404(project.meetings.all(), pk=meeting_pk)
    services.meeting_delete(meeting=meeting, by=request.user)
    messages.success(request, _("Rendez-vous supprimé."))
    return redirect("workspace:project", pk=project.pk)


@require_POST
def mobilisation_create(request, pk):
    project = get_project(request, pk, manage=True)
    form = forms.MobilisationForm(request.POST)
    if form.is_valid():
        try:
            services.mobilisation_request(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Demande envoyée à l'expert."))
    else:
        messages.error(request, _("Choisissez un expert disponible, un domaine et décrivez la demande."))
    return redirect("workspace:project", pk=project.pk)


@require_http_methods(["GET", "POST"])
def checkin_validate(request, pk, checkin_pk):
    project = get_project(request, pk, manage=True)
    checkin = get_object_or_404(project.checkins.exclude(status="superseded"), pk=checkin_pk)
    form = forms.CheckinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = services.checkin_validate if checkin.status == "scheduled" else services.checkin_correct
        try:
            service(checkin=checkin, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Point de suivi enregistré."))
            return redirect("workspace:project", pk=project.pk)
    context = {"form": form, "project": project, "checkin": checkin}
    return render(request, "workspace/checkin_form.html", context, status=400 if form.errors else 200)


@require_POST
def mobilisation_hours(request, pk, mobilisation_pk):
    project = get_project(request, pk, manage=True)
    mobilisation = get_object_or_404(project.mobilisations.select_related("expert"), pk=mobilisation_pk)
    form = forms.MobilisationHoursForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Indiquez un nombre d'heures positif et le type de rémunération."))
        services.mobilisation_record_hours(mobilisation=mobilisation, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Heures de l'expert enregistrées."))
    return redirect("workspace:project", pk=project.pk)
