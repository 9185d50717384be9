"""Workspace: home by role, a programme's board, a project's page and its actions.

Objects are fetched through `essaim.accompaniment.selectors` (404 for what the user may not
know of, 403 for what they may see but not change); actions shown are the workflows'
`available()` moves; writes are the services'.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.accompaniment import rules, selectors, services
from essaim.accompaniment.attention import AttentionItem
from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import Mobilisation, Project, Referral
from essaim.accompaniment.workflows import CHECKIN, MOBILISATION, PIPELINE, next_stage
from essaim.calls.models import Application, Candidacy
from essaim.financing.selectors import plan_is_closed
from essaim.orientation.selectors import sent_contact_requests
from essaim.web.workspace import attention, forms, me_views


def form_errors(form, exc: ValidationError) -> None:
    """Attach a service's ValidationError to the form, field by field when it can."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def form_page(request, template: str, form, context: dict):
    """A form page: 400 when the form carries errors."""
    return render(request, template, {"form": form, **context}, status=400 if form.errors else 200)


@require_GET
def home(request):
    user = request.user
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
        "my_contact_requests": sent_contact_requests(user),
        "today": timezone.localdate(),
    }
    return render(request, "workspace/home.html", context)


class _ShortDates(dict):
    """Dates in SHORT_DATE_FORMAT, each formatted once per page; "—" for none."""

    def __missing__(self, day) -> str:
        text = self[day] = "—" if day is None else date_format(day, "SHORT_DATE_FORMAT")
        return text


def _labels(field: str) -> dict[str, str]:
    return {value: str(label) for value, label in Project._meta.get_field(field).flatchoices}


def board_display(board) -> dict:
    """The board's cards and table rows as the strings they show, each label translated and each
    date formatted once per page rather than by a template tag per cell (the render was half of
    the board's time)."""
    project_url = reverse("workspace:project", args=[987654321001]).replace("987654321001", "{}")
    life_stages, models, short = _labels("life_stage"), _labels("model"), _ShortDates()
    since = _("depuis le %(date)s")
    columns = [
        (column, [(project_url.format(p.pk), p.name, since % {"date": short[p.stage_entered_on]}) for p in column.cards])
        for column in board.columns
    ]  # fmt: skip
    rows = [
        {
            "url": project_url.format(p.pk),
            "name": p.name,
            "abandoned": p.is_abandoned,
            "stage": p.stage.name if p.stage_id else "",
            "life_stage": life_stages.get(p.life_stage, p.life_stage or ""),
            "model": models.get(p.model, p.model or ""),
            "commune": (p.commune.name if p.commune_id else "") or "—",
            "last_meeting": short[p.last_meeting_on],
            "hours": str(round((p.meeting_minutes or 0) / 60)),
            "reasons": " ; ".join(str(r) for r in reasons),
        }
        for p, reasons in board.rows
    ]
    return {"columns": columns, "rows": rows}


@require_GET
def board(request, slug):
    programme = selectors.programme_for(request.user, slug)
    settings = selectors.programme_settings(programme)
    stages = selectors.programme_stages(programme)
    form = forms.BoardFilterForm(request.GET or None, stages=stages)
    board = selectors.board(programme, form.filters(), settings, stages, request.GET.get("page"))
    attention.with_links(board.attention)
    context = {
        "programme": programme,
        "form": form,
        "board": board,
        **board_display(board),
        "is_admin": rules.is_programme_admin(request.user, programme),
        "querystring": request.GET.copy(),
    }
    return render(request, "workspace/board.html", context)


@require_http_methods(["GET", "POST"])
def project_create(request, slug):
    programme = selectors.programme_for(request.user, slug)
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
    project = selectors.project_for(request.user, pk)
    user = request.user
    if not rules.can_manage_project(user, project):
        return me_views.carrier_project(request, project)
    settings = selectors.programme_settings(project.programme)
    stages = selectors.pipeline_stages(project)
    checkins = list(project.checkins.all())
    following = next_stage(project, stages)
    dosage = selectors.project_dosage(project, settings)
    reasons = selectors.attention_reasons(project, settings, checkins=checkins, stages=stages)
    context = {
        "project": project,
        "can_manage": True,
        "stages": stages,
        "checklist": selectors.checklist(project),
        "dosage": dosage,
        "attention": attention.with_links([AttentionItem(project.name, reasons, project_id=project.pk)])[0],
        "next_stage": following,
        "carriers": project.carriers.all(),
        "meetings": project.meetings.select_related("expert__user", "programme")[:50],
        "transitions": project.transitions.select_related("from_stage", "to_stage", "by"),
        "checkins": [(c, CHECKIN.available(c, user)[:1]) for c in checkins],
        "referrals": project.referrals.select_related("to_programme"),
        "mobilisations": [
            (m, MOBILISATION.may(m, "record_hours", user))
            for m in project.mobilisations.select_related("expert__user")
        ],
        "transition_form": forms.TransitionForm(
            project=project, moves=PIPELINE.available(project, user), initial={"to_stage": following}
        ),
        "mobilisation_form": forms.MobilisationForm(),
    }
    return render(request, "workspace/project.html", context)


@require_http_methods(["GET", "POST"])
def project_edit(request, pk):
    project = selectors.project_for(request.user, pk, manage=True)
    team = selectors.organisation_staff(project.programme.organisation_id)
    initial = forms.ProjectEditForm.initial_for(project)
    form = forms.ProjectEditForm(request.POST or None, initial=initial, team=team)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Projet mis à jour."))
            return redirect("workspace:project", pk=project.pk)
    context = {"form": form, "project": project, "programme": project.programme}
    return render(request, "workspace/project_form.html", context)


@require_POST
def project_transition(request, pk):
    project = selectors.project_for(request.user, pk, manage=True)
    form = forms.TransitionForm(request.POST, project=project)
    if not form.is_valid():
        messages.error(request, _("Choisissez une étape du parcours du projet."))
        return redirect("workspace:project", pk=project.pk)
    move = form.move()
    try:
        services.project_transition(project=project, by=request.user, **move)
    except ValidationError as exc:
        messages.error(request, refusal_message(exc, project, move))
    else:
        messages.success(request, _("Étape du projet mise à jour."))
    return redirect("workspace:project", pk=project.pk)


def refusal_message(exc: ValidationError, project, move: dict):
    """A refused move in words; a refused entry into creation links to the financing plan that
    holds it (the gate is `financing.selectors.plan_is_closed`; a skipped stage is another refusal)."""
    text = " ".join(exc.messages)
    stage = move.get("to_stage")
    if stage is None or not stage.is_creation or plan_is_closed(project):
        return text
    if not move.get("override") and stage != next_stage(project):
        return text
    url = reverse("reports:funding_round", args=[project.pk])
    return format_html('{} <a href="{}">{}</a>', text, url, _("Ouvrir le plan de financement"))


@require_POST
def checklist_toggle(request, pk):
    project = selectors.project_for(request.user, pk, manage=True)
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
    project = selectors.project_for(request.user, pk, manage=True)
    form = forms.MeetingForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_create(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Rendez-vous consigné."))
            return redirect("workspace:project", pk=project.pk)
    return form_page(request, "workspace/meeting_form.html", form, {"project": project})


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk, meeting_pk):
    meeting = selectors.meeting_for(request.user, meeting_pk, project_pk=pk)
    form = forms.MeetingForm(request.POST or None, initial=forms.MeetingForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Rendez-vous corrigé."))
            return redirect("workspace:project", pk=meeting.project_id)
    context = {"project": meeting.project, "meeting": meeting}
    return form_page(request, "workspace/meeting_form.html", form, context)


@require_POST
def meeting_delete(request, pk, meeting_pk):
    meeting = selectors.meeting_for(request.user, meeting_pk, project_pk=pk)
    services.meeting_delete(meeting=meeting, by=request.user)
    messages.success(request, _("Rendez-vous supprimé."))
    return redirect("workspace:project", pk=pk)


@require_POST
def mobilisation_create(request, pk):
    project = selectors.project_for(request.user, pk, manage=True)
    form = forms.MobilisationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un expert disponible, un domaine et décrivez la demande."))
        return redirect("workspace:project", pk=project.pk)
    try:
        services.mobilisation_request(project=project, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Demande envoyée à l'expert."))
    return redirect("workspace:project", pk=project.pk)


@require_http_methods(["GET", "POST"])
def checkin_validate(request, pk, checkin_pk):
    checkin = selectors.checkin_for(request.user, checkin_pk, project_pk=pk)
    move = CHECKIN.available(checkin, request.user)[0]  # validate, or correct once validated
    form = forms.CheckinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = services.checkin_validate if move.name == "validate" else services.checkin_correct
        try:
            service(checkin=checkin, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Point de suivi enregistré."))
            return redirect("workspace:project", pk=pk)
    context = {"project": checkin.project, "checkin": checkin, "move": move}
    return form_page(request, "workspace/checkin_form.html", form, context)


@require_POST
def mobilisation_hours(request, pk, mobilisation_pk):
    mobilisation = selectors.mobilisation_for(request.user, mobilisation_pk, project_pk=pk)
    form = forms.MobilisationHoursForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Indiquez un nombre d'heures positif et le type de rémunération."))
        services.mobilisation_record_hours(mobilisation=mobilisation, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Heures de l'expert enregistrées."))
    return redirect("workspace:project", pk=pk)
