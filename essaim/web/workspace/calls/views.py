"""Workspace pages of calls for projects: the index by role, and the staff's calls (form,
criteria, questions, moves, committee). Objects come from `essaim.calls.selectors`: another
tenant's call is a 404, a call one may see but not run a 403."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.calls import rules, selectors, services
from essaim.calls.models import Application, ApplicationState, Call, Candidacy
from essaim.calls.workflows import CALL_WORKFLOW, CANDIDACY_WORKFLOW
from essaim.core.errors import ValidationError
from essaim.web.workspace.calls import forms
from essaim.web.workspace.calls.common import flash_error, history, require_staff, run_service


@require_GET
def index(request):
    user = request.user
    is_staff = rules.can_run_calls(user)
    calls = (
        Call.objects.managed_by(user)
        .select_related("programme")
        .annotate(submitted=Count("applications", filter=~Q(applications__state=ApplicationState.DRAFT)))
    )
    candidacies = list(Candidacy.objects.filter(candidate=user).select_related("offer"))
    for candidacy in candidacies:
        candidacy.can_withdraw = CANDIDACY_WORKFLOW.may(candidacy, "withdraw", user)
    context = {
        "is_staff": is_staff,
        "calls": calls if is_staff else Call.objects.none(),
        "applications": Application.objects.filter(carrier=user).select_related("call"),
        "reviews": selectors.assigned_reviews(user).select_related("application__call"),
        "candidacies": candidacies,
    }
    return render(request, "calls/workspace/index.html", context)


@require_http_methods(["GET", "POST"])
def call_create(request):
    require_staff(request.user)
    form = forms.CallForm(request.POST or None, programmes=selectors.managed_programmes(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(by=request.user, **form.service_fields())
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Appel créé en brouillon : ajoutez ses critères et ses questions."))
            return redirect("calls:call", pk=call.pk)
    status = 400 if form.errors else 200
    return render(request, "calls/workspace/call_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def call_edit(request, pk):
    call = selectors.call_for(request.user, pk, manage=True)
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
    call = selectors.call_for(request.user, pk, manage=True)
    context = {
        "call": call,
        "criteria": call.criteria.all(),
        "questions": call.questions.all(),
        "transitions": CALL_WORKFLOW.available(call, request.user),
        "log": history(CALL_WORKFLOW, call),
        "criterion_form": forms.CriterionForm(),
        "question_form": forms.QuestionForm(),
        "counts": dict(call.applications.values_list("state").annotate(n=Count("pk")).order_by()),
    }
    return render(request, "calls/workspace/call_detail.html", context)


@require_POST
def criterion_add(request, pk):
    call = selectors.call_for(request.user, pk, manage=True)
    form = forms.CriterionForm(request.POST)

    def action(data):
        services.criterion_add(call=call, by=request.user, **data)

    run_service(request, form, action, _("Critère ajouté."))
    return redirect("calls:call", pk=call.pk)


@require_POST
def question_add(request, pk):
    call = selectors.call_for(request.user, pk, manage=True)
    form = forms.QuestionForm(request.POST)

    def action(data):
        fields = {k: v for k, v in data.items() if k != "choices_text"}
        services.question_add(call=call, by=request.user, choices=form.choices(), **fields)

    run_service(request, form, action, _("Question ajoutée."))
    return redirect("calls:call", pk=call.pk)


@require_POST
def item_remove(request, pk, kind, item_pk):
    call = selectors.call_for(request.user, pk, manage=True)
    if kind not in ("criteres", "questions"):
        raise Http404
    try:
        if kind == "criteres":  # a criterion or question of this call only
            services.criterion_remove(criterion=get_object_or_404(call.criteria, pk=item_pk), by=request.user)
        else:
            services.question_remove(question=get_object_or_404(call.questions, pk=item_pk), by=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("Supprimé."))
    return redirect("calls:call", pk=call.pk)


@require_POST
def call_transition(request, pk):
    call = selectors.call_for(request.user, pk, manage=True)
    form = forms.TransitionForm(request.POST)

    def action(data):
        services.call_transition(call=call, by=request.user, **data)

    if run_service(request, form, action, None):
        state = call.get_state_display()
        messages.success(request, _("L'appel est maintenant : %(state)s.") % {"state": state})
    return redirect("calls:call", pk=call.pk)


@require_GET
def committee(request, pk):
    call = selectors.call_for(request.user, pk, manage=True)
    ranked = selectors.committee_ranking(call)
    context = {"call": call, "ranked": ranked, "criteria": call.criteria.all()}
    return render(request, "calls/workspace/committee.html", context)
