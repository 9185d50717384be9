"""Workspace pages of one application: the staff's instruction (reviewers, decision), the
carrier's own application, the reviewer's assignment. Objects come from
`essaim.calls.selectors`; the pages of a carrier or a reviewer show only their own (404)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.calls import rules, selectors, services
from essaim.calls.workflows import APPLICATION_WORKFLOW, DECISIONS
from essaim.core.errors import ValidationError
from essaim.web.workspace.calls import forms
from essaim.web.workspace.calls.common import flash_error, history

# -- staff: instruction of one application ----------------------------------------------------


def _instruction_context(request, application, **extra) -> dict:
    call = application.call
    decisions = [t for t in APPLICATION_WORKFLOW.available(application, request.user) if t.name in DECISIONS]
    return {
        "application": application,
        "call": call,
        "answers": application.answers.select_related("question"),
        "reviews": application.reviews.select_related("reviewer").prefetch_related("scores__criterion"),
        "can_assign": application.takes_reviewers,
        "assign_form": forms.AssignForm(
            reviewers=selectors.reviewer_choices(call).exclude(pk=application.carrier_id)
        ),
        "can_decide": call.takes_decisions and bool(decisions),
        "decision_form": forms.DecisionForm(),
        "log": history(APPLICATION_WORKFLOW, application),
        **extra,
    }


@require_GET
def instruction(request, pk):
    application = selectors.application_for(request.user, pk, manage=True)
    return render(request, "calls/workspace/instruction.html", _instruction_context(request, application))


@require_POST
def review_assign(request, pk):
    application = selectors.application_for(request.user, pk, manage=True)
    form = forms.AssignForm(request.POST, reviewers=selectors.reviewer_choices(application.call))
    if not form.is_valid():
        messages.error(request, _("Choisissez un évaluateur dans la liste."))
        return redirect("calls:instruction", pk=application.pk)
    try:
        services.review_assign(
            application=application, reviewer=form.cleaned_data["reviewer"], by=request.user
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("Évaluateur affecté."))
    return redirect("calls:instruction", pk=application.pk)


@require_POST
def decide(request, pk):
    application = selectors.application_for(request.user, pk, manage=True)
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.application_decide(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):  # the state does not allow it: nothing to correct in the form
                flash_error(request, exc)
                return redirect("calls:instruction", pk=application.pk)
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Décision enregistrée et envoyée au porteur."))
            return redirect("calls:instruction", pk=application.pk)
    context = _instruction_context(request, application, decision_form=form)
    return render(request, "calls/workspace/instruction.html", context, status=400)


# -- carrier: their own application ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def application_edit(request, pk):
    application = selectors.application_for(request.user, pk, own=True)
    form = forms.ApplicationForm.for_application(application, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            # Two steps: the draft is kept even when the submission is refused (incomplete).
            services.application_save_draft(application=application, by=request.user, **form.draft())
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
    actions = APPLICATION_WORKFLOW.available(application, request.user)
    context = {
        "application": application,
        "form": form,
        "editable": any(t.name == "submit" for t in actions),
        "can_withdraw": any(t.name == "withdraw" for t in actions),
    }
    return render(request, "calls/workspace/application.html", context, status=400 if form.errors else 200)


@require_POST
def application_withdraw(request, pk):
    application = selectors.application_for(request.user, pk, own=True)
    try:
        services.application_withdraw(application=application, by=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("Candidature retirée."))
    return redirect("calls:application", pk=application.pk)


# -- reviewer: their assignments ------------------------------------------------------------------


def _review_context(request, review, form=None, conflict_form=None) -> dict:
    application = review.application
    call = application.call
    scores = {s.criterion_id: s for s in review.scores.all()}
    return {
        "review": review,
        "application": application,
        "call": call,
        "show_carrier": rules.sees_carrier_identity(request.user, application),
        "answers": application.answers.select_related("question"),
        "form": form
        or forms.ReviewForm(criteria=call.criteria.all(), score_max=call.score_max, scores=scores),
        "conflict_form": conflict_form or forms.ConflictForm(),
        "can_score": call.takes_scores and not review.conflict_of_interest,
    }


@require_http_methods(["GET", "POST"])
def review(request, pk):
    review = selectors.review_for(request.user, pk, own=True)
    if request.method == "GET":
        return render(request, "calls/workspace/review.html", _review_context(request, review))
    call = review.application.call
    form = forms.ReviewForm(request.POST, criteria=call.criteria.all(), score_max=call.score_max)
    if form.is_valid():
        try:
            comment = form.cleaned_data["comment"]
            services.review_submit(review=review, by=request.user, scores=form.scores(), comment=comment)
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Évaluation enregistrée."))
            return redirect("calls:review", pk=review.pk)
    context = _review_context(request, review, form=form)
    return render(request, "calls/workspace/review.html", context, status=400)


@require_POST
def review_conflict(request, pk):
    review = selectors.review_for(request.user, pk, own=True)
    form = forms.ConflictForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["conflict_reason"]
        services.review_declare_conflict(review=review, by=request.user, reason=reason)
        messages.success(request, _("Conflit d'intérêts enregistré : vous ne noterez pas ce dossier."))
        return redirect("calls:review", pk=review.pk)
    context = _review_context(request, review, conflict_form=form)
    return render(request, "calls/workspace/review.html", context, status=400)
