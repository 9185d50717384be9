"""Public pages: open calls for projects (/appels/) and job offers for future leaders (/offres/).

Applying creates the account on the way (e-mail + password) and logs the person in: one
service each (`application_apply`, `candidacy_apply`), the same as the API's.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from essaim.calls import rules, selectors, services
from essaim.calls.models import Application, Call, Candidacy, JobOffer
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.web.workspace.calls import forms

AUTH_BACKEND = "django.contrib.auth.backends.ModelBackend"
STAFF_REFUSAL = gettext_lazy(
    "Vous faites partie de l'équipe qui gère cet appel : vous ne pouvez pas y candidater."
)


@login_not_required
@require_GET
def call_list(request):
    return render(request, "calls/public/call_list.html", {"calls": selectors.public_calls()})


def _public_call(pk) -> Call:
    return get_object_or_404(Call.objects.public().select_related("programme__organisation"), pk=pk)


@login_not_required
@require_GET
def call_detail(request, pk):
    call = _public_call(pk)
    user = request.user
    mine = Application.objects.filter(call=call, carrier=user).first() if user.is_authenticated else None
    context = {
        "call": call,
        "criteria": call.criteria.all(),
        "questions": call.questions.all(),
        "territories": selectors.territory_names(call),
        "mine": mine,
        "is_call_staff": user.is_authenticated and not rules.may_apply(user, call),
    }
    return render(request, "calls/public/call_detail.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def call_apply(request, pk):
    call = _public_call(pk)
    anonymous = not request.user.is_authenticated
    if not anonymous and not rules.may_apply(request.user, call):
        raise PermissionDenied(STAFF_REFUSAL)
    form = forms.RegisterForm(request.POST or None) if anonymous else None
    if request.method == "POST" and (form is None or form.is_valid()):
        account = form.account() if form is not None else None
        try:
            application = services.application_apply(call=call, by=request.user, account=account)
        except ValidationError as exc:
            if form is None:
                messages.error(request, " ".join(exc.messages))
                return redirect("calls_public:call", pk=call.pk)
            forms.add_service_errors(form, exc)
        else:
            if anonymous:
                login(request, application.carrier, backend=AUTH_BACKEND)
            messages.success(
                request, _("Votre brouillon de candidature est ouvert : complétez-le puis déposez-le.")
            )
            return redirect("calls:application", pk=application.pk)
    status = 400 if form is not None and form.errors else 200
    return render(request, "calls/public/call_apply.html", {"call": call, "form": form}, status=status)


@login_not_required
@require_GET
def offer_list(request):
    offers = JobOffer.objects.public().select_related("programme", "commune").order_by("-published_at", "pk")
    return render(request, "calls/public/offer_list.html", {"offers": offers})


@login_not_required
@require_http_methods(["GET", "POST"])
def offer_detail(request, pk):
    offer = get_object_or_404(JobOffer.objects.public().select_related("programme", "commune"), pk=pk)
    anonymous = not request.user.is_authenticated
    register_form = forms.RegisterForm(request.POST or None, prefix="account") if anonymous else None
    form = forms.CandidacyForm(request.POST or None)
    already = not anonymous and Candidacy.objects.filter(offer=offer, candidate=request.user).exists()
    if request.method == "POST" and form.is_valid() and (register_form is None or register_form.is_valid()):
        account = register_form.account() if register_form is not None else None
        try:
            candidacy = services.candidacy_apply(
                offer=offer, by=request.user, account=account, **form.cleaned_data
            )
        except ValidationError as exc:
            account_error = anonymous and set(getattr(exc, "error_dict", {})) & set(register_form.fields)
            forms.add_service_errors(register_form if account_error else form, exc)
        else:
            if anonymous:
                login(request, candidacy.candidate, backend=AUTH_BACKEND)
            messages.success(request, _("Candidature envoyée : un accusé de réception vous a été adressé."))
            return redirect("calls:index")
    errors = form.errors or (register_form is not None and register_form.errors)
    context = {"offer": offer, "form": form, "register_form": register_form, "already": already}
    return render(request, "calls/public/offer_detail.html", context, status=400 if errors else 200)
