"""Public pages: open calls for projects (/appels/) and job offers for future leaders (/offres/).

Someone without a session signs up on the way, through the carrier sign-up of essaim/accounts:
the same "we wrote to you" page whether the address has an account or not; the e-mailed link
(confirmation, or sign-in for a known address) brings them back, signed in, to the call's
application form or to the offer. Applying is then one service each (`application_apply`,
`candidacy_apply`), the same as the API's.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from essaim.accounts.limiter import normalise_email
from essaim.calls import rules, selectors, services
from essaim.calls.models import Application, Call, Candidacy, JobOffer
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.web.account.signup_forms import SignupForm
from essaim.web.account.signup_views import submit_signup
from essaim.web.workspace.calls import forms

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


def _signup(request, form, template: str, context: dict):
    """An anonymous visitor's sign-up on the way to applying: the same page for every address."""
    if request.method == "POST" and form.is_valid():
        sent = {"email": normalise_email(form.cleaned_data["email"]), **context}
        response = submit_signup(
            request,
            form,
            template=template,
            context=context,
            next_url=request.path,
            done=lambda: render(request, "calls/public/signup_sent.html", sent),
        )
        if response is not None:
            return response
    return render(request, template, context, status=400 if form.errors else 200)


@login_not_required
@require_http_methods(["GET", "POST"])
def call_apply(request, pk):
    call = _public_call(pk)
    template = "calls/public/call_apply.html"
    if not request.user.is_authenticated:
        form = SignupForm(request.POST or None)
        return _signup(request, form, template, {"call": call, "form": form})
    if not rules.may_apply(request.user, call):
        raise PermissionDenied(STAFF_REFUSAL)
    if request.method == "POST":
        try:
            application = services.application_apply(call=call, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("calls_public:call", pk=call.pk)
        messages.success(
            request, _("Votre brouillon de candidature est ouvert : complétez-le puis déposez-le.")
        )
        return redirect("calls:application", pk=application.pk)
    return render(request, template, {"call": call, "form": None})


@login_not_required
@require_GET
def offer_list(request):
    offers = JobOffer.objects.public().select_related("programme", "commune").order_by("-published_at", "pk")
    return render(request, "calls/public/offer_list.html", {"offers": offers})


@login_not_required
@require_http_methods(["GET", "POST"])
def offer_detail(request, pk):
    offer = get_object_or_404(JobOffer.objects.public().select_related("programme", "commune"), pk=pk)
    template = "calls/public/offer_detail.html"
    if not request.user.is_authenticated:
        signup_form = SignupForm(request.POST or None, prefix="account")
        return _signup(request, signup_form, template, {"offer": offer, "signup_form": signup_form})
    form = forms.CandidacyForm(request.POST or None)
    already = Candidacy.objects.filter(offer=offer, candidate=request.user).exists()
    if request.method == "POST" and form.is_valid():
        try:
            services.candidacy_apply(offer=offer, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Candidature envoyée : un accusé de réception vous a été adressé."))
            return redirect("calls:index")
    context = {"offer": offer, "form": form, "already": already}
    return render(request, template, context, status=400 if form.errors else 200)
