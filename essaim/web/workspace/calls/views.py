"""Workspace pages for calls for projects: staff (calls, committee), carriers (their
applications), reviewers (their assignments). Objects are fetched through scoped querysets:
another tenant's object is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.accounts import rules as perms
from essaim.calls import selectors, services
from essaim.calls.models import Answer, Application, Call, Candidacy, Review
from essaim.calls.workflows import CALL_WORKFLOW, ApplicationState, CallState
from essaim.directory.models import Programme
from essaim.web.workspace.calls import forms


def managed_programmes(user):
    if user.is_superuser:
        return Programme.objects.all()
    return Programme.objects.filter(organisation__memberships__user=user).distinct()


def require_staff(user) -> None:
    if not perms.can_manage_calls(user):
        raise PermissionDenied


def _managed_call(request, pk) -> Call:
    return get_object_or_404(Call.objects.managed_by(request.user).select_related("programme"), pk=pk)


def _managed_application(request, pk) -> Application:
    queryset = Application.objects.managed_by(request.user).select_related(
        "call__programme", "carrier", "project"
    )
    return get_object_or_404(queryset, pk=pk)


@require_GET
def index(request):
    user = request.user
    calls = (
        Call.objects.managed_by(user)
        .select_related("programme")
        .annotate(submitted=Count("applications", filter=~Q(applications__state=ApplicationState.DRAFT)))
        if perms.can_manage_calls(user)
        else Call.objects.none()
    )
    context = {
        "is_staff": perms.can_manage_calls(user),
        "calls": calls,
        "applications": Application.objects.filter(carrier=user).select_related("call"),
        "reviews": Review.objects.filter(reviewer=user).select_related("application__call"),
        "candidacies": Candidacy.objects.filter(candidate=user).select_related("offer"),
    }
    return render(request, "calls/workspace/index.html", context)


@require_http_methods(["GET", "POST"])
def call_create(request):
    require_staff(request.user)
    form = forms.CallForm(request.POST or None, programmes=managed_programmes(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(by=request.user, **form.service_fields())
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Appel créé en brouillon : ajoutez ses critères et ses questions."))
            return redirect("calls:call", pk=call.pk)
    return render(
        request, "calls/workspace/call_form.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def call_edit(request, pk):
    call = _managed_call(request, pk)
    form = forms.CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.call_update(call=call, by=request.user, **form.service_fields())
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Appel enregistré."))
            return redirect("calls:call", pk=call.pk)
    context = {"form": form, "call": call}
    return render(request, "calls/workspace/call_form.html", context, status=400 if form.errors else 200)


@require_GET
def call_detail(request, pk):
    call = _managed_call(request, pk)
    context = {
        "call": call,
        "criteria": call.criteria.all(),
        "questions": call.questions.all(),
        "transitions": CALL_WORKFLOW.available(call.state),
        "log": call.transitions.select_related("by"),
        "criterion_form": forms.CriterionForm(),
        "question_form": forms.QuestionForm(),
        "counts": dict(call.applications.values_list("state").annotate(n=Count("pk")).order_by()),
    }
    return render(request, "calls/workspace/call_detail.html", context)


def run_service(request, form, action, success: str) -> bool:
    """Validate the form, call the service, put the outcome in a flash message."""
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, success)
    return True


@require_POST
def criterion_add(request, pk):
    call = _managed_call(request, pk)
    form = forms.CriterionForm(request.POST)
    run_service(request, form, lambda data: services.criterion_add(call=call, **data), _("Critère ajouté."))
    return redirect("calls:call", pk=call.pk)


@require_POST
def question_add(request, pk):
    call = _managed_call(request, pk)
    form = forms.QuestionForm(request.POST)

    def action(data):
        data = {k: v for k, v in data.items() if k != "choices_text"}
        services.question_add(call=call, choices=form.choices(), **data)

    run_service(request, form, action, _("Question ajoutée."))
    return redirect("calls:call", pk=call.pk)


@require_POST
def item_remove(request, pk, kind, item_pk):
    call = _managed_call(request, pk)
    related = {"criteres": call.criteria, "questions": call.questions}.get(kind)
    if related is None:
        raise Http404
    item = get_object_or_404(related, pk=item_pk)
    remove = services.criterion_remove if kind == "criteres" else services.question_remove
    try:
        remove(**{"criterion" if kind == "criteres" else "question": item})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Supprimé."))
    return redirect("calls:call", pk=call.pk)


@require_POST
def call_transition(request, pk):
    call = _managed_call(request, pk)
    form = forms.TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.call_transition(call=call, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("L'appel est maintenant : %(state)s.") % {"state": call.get_state_display()}
            )
    return redirect("calls:call", pk=call.pk)


@require_GET
def committee(request, pk):
    call = _managed_call(request, pk)
    ranked = selectors.committee_ranking(call)
    context = {"call": call, "ranked": ranked, "criteria": call.criteria.all()}
    return render(request, "calls/workspace/committee.html", context)


# -- staff: one application ---------------------------------------------------------------------


def _instruction_context(application, **extra) -> dict:
    call = application.call
    return {
        "application": application,
        "call": call,
        "answers": Answer.objects.filter(application=application).select_related("question"),
        "reviews": application.reviews.select_related("reviewer").prefetch_related("scores__criterion"),
        "assign_form": forms.AssignForm(
            reviewers=selectors.reviewer_choices(call).exclude(pk=application.carrier_id)
        ),
        "decision_form": forms.DecisionForm(),
        "log": application.transitions.select_related("by"),
        "can_decide": call.state in (CallState.REVIEW, CallState.DECIDED)
        and application.state in (ApplicationState.SUBMITTED, ApplicationState.WAITLISTED),
        **extra,
    }


@require_GET
def instruction(request, pk):
    application = _managed_application(request, pk)
    return render(request, "calls/workspace/instruction.html", _instruction_context(application))


@require_POST
def review_assign(request, pk):
    application = _managed_application(request, pk)
    form = forms.AssignForm(request.POST, reviewers=selectors.reviewer_choices(application.call))
    if form.is_valid():
        try:
            services.review_assign(
                application=application, reviewer=form.cleaned_data["reviewer"], by=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Évaluateur affecté."))
    else:
        messages.error(request, _("Choisissez un évaluateur dans la liste."))
    return redirect("calls:instruction", pk=application.pk)


@require_POST
def decide(request, pk):
    application = _managed_application(request, pk)
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.application_decide(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):  # the state does not allow it: nothing to correct in the form
                messages.error(request, " ".join(exc.messages))
                return redirect("calls:instruction", pk=application.pk)
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Décision enregistrée et envoyée au porteur."))
            return redirect("calls:instruction", pk=application.pk)
    context = _instruction_context(application, decision_form=form)
    return render(request, "calls/workspace/instruction.html", context, status=400)


# -- carrier: their own application ------------------------------------------------------------------


def _own_application(request, pk) -> Application:
    return get_object_or_404(
        Application.objects.filter(carrier=request.user).select_related("call__programme", "project"), pk=pk
    )


@require_http_methods(["GET", "POST"])
def application_edit(request, pk):
    application = _own_application(request, pk)
    questions = application.call.questions.all()
    answers = dict(application.answers.values_list("question_id", "value"))
    initial = {"project_name": application.project_name, "summary": application.summary}
    initial["commune"] = application.commune_id or ""
    form = forms.ApplicationForm(request.POST or None, initial=initial, questions=questions, answers=answers)
    editable = application.state == ApplicationState.DRAFT
    if request.method == "POST" and form.is_valid():
        try:
            services.application_save_draft(
                application=application,
                by=request.user,
                project_name=form.cleaned_data["project_name"],
                summary=form.cleaned_data["summary"],
                commune=form.cleaned_data["commune"],
                answers=form.answers(),
            )
            if request.POST.get("action") == "submit":
                services.application_submit(application=application, by=request.user)
                messages.success(
                    request, _("Candidature déposée : un accusé de réception vous a été envoyé.")
                )
            else:
                messages.success(request, _("Brouillon enregistré."))
            return redirect("calls:application", pk=application.pk)
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
    context = {"application": application, "form": form, "editable": editable}
    return render(request, "calls/workspace/application.html", context, status=400 if form.errors else 200)


@require_POST
def application_withdraw(request, pk):
    application = _own_application(request, pk)
    try:
        services.application_withdraw(application=application, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Candidature retirée."))
    return redirect("calls:application", pk=application.pk)


# -- reviewer: their assignments ------------------------------------------------------------------------


def _own_review(request, pk) -> Review:
    queryset = Review.objects.filter(reviewer=request.user).select_related(
        "application__call__programme", "application__carrier", "application__commune"
    )
    return get_object_or_404(queryset, pk=pk)


def _review_context(review, form=None, conflict_form=None) -> dict:
    application = review.application
    call = application.call
    scores = {s.criterion_id: s for s in review.scores.all()}
    return {
        "review": review,
        "application": application,
        "call": call,
        "answers": application.answers.select_related("question"),
        "form": form
        or forms.ReviewForm(criteria=call.criteria.all(), score_max=call.score_max, scores=scores),
        "conflict_form": conflict_form or forms.ConflictForm(),
        "can_score": call.state == CallState.REVIEW and not review.conflict_of_interest,
    }


@require_http_methods(["GET", "POST"])
def review(request, pk):
    review = _own_review(request, pk)
    if request.method == "GET":
        return render(request, "calls/workspace/review.html", _review_context(review))
    call = review.application.call
    form = forms.ReviewForm(request.POST, criteria=call.criteria.all(), score_max=call.score_max)
    if form.is_valid():
        try:
            services.review_submit(review=review, scores=form.scores(), comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Évaluation enregistrée."))
            return redirect("calls:review", pk=review.pk)
    return render(request, "calls/workspace/review.html", _review_context(review, form=form), status=400)


@require_POST
def review_conflict(request, pk):
    review = _own_review(request, pk)
    form = forms.ConflictForm(request.POST)
    if form.is_valid():
        services.review_declare_conflict(review=review, reason=form.cleaned_data["conflict_reason"])
        messages.success(request, _("Conflit d'intérêts enregistré : vous ne noterez pas ce dossier."))
        return redirect("calls:review", pk=review.pk)
    context = _review_context(review, conflict_form=form)
    return render(request, "calls/workspace/review.html", context, status=400)
