"""Buyers' pages: their requests (and, for moderators, those waiting for them), a request with the
path of each supplier it reached and the responses, the moves of its workflow, the next batch,
and the survey after the deadline."""

from collections import Counter

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.accounts.rules import is_platform_admin
from essaim.accounts.selectors import staff_organisation_ids
from essaim.business import figures, selectors, services
from essaim.business.enums import DeclineReason, RoutingState
from essaim.business.models import Deal
from essaim.business.rules import can_manage_request, can_moderate_request
from essaim.business.workflows import REQUEST
from essaim.core.errors import PermissionDenied
from essaim.directory.models import Organisation
from essaim.web.business import forms
from essaim.web.business.common import run, saved


@require_GET
def request_list(request):
    context = {
        "requests": selectors.requests_of(request.user).order_by("-created_at", "-pk"),
        "queue": selectors.moderation_queue(request.user),
        "buyers": selectors.buyers_of(request.user),
    }
    return render(request, "web/business/request_list.html", context)


@require_http_methods(["GET", "POST"])
def buyer_create(request):
    organisations = Organisation.objects.filter(buyer__isnull=True).order_by("name")
    if not is_platform_admin(request.user):
        organisations = organisations.filter(pk__in=staff_organisation_ids(request.user, admin_only=True))
    if not organisations.exists():
        raise PermissionDenied
    form = forms.BuyerForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and saved(
        form, lambda: services.buyer_register(by=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("Votre organisation peut maintenant publier des demandes."))
        return redirect("business:requests")
    return render(request, "web/business/buyer_form.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def request_create(request):
    buyers = selectors.buyers_of(request.user)
    if not buyers.exists():
        raise PermissionDenied
    form = forms.RequestForm(request.POST or None, buyers=buyers, initial={"buyer": buyers.first()})
    created = request.method == "POST" and saved(
        form,
        lambda: services.request_create(
            buyer=form.cleaned_data["buyer"], by=request.user, **form.service_fields()
        ),
    )
    if created:
        messages.success(
            request, _("Demande enregistrée en brouillon : envoyez-la en modération quand elle est prête.")
        )
        return redirect("business:request", pk=created.pk)
    return render(
        request, "web/business/request_form.html", {"form": form}, status=400 if form.errors else 200
    )


def _paths(routings) -> dict:
    states = Counter(r.state for r in routings)
    reasons = Counter(r.reason for r in routings if r.state == RoutingState.NOT_INTERESTED)
    return {
        "states": [(label, states.get(value, 0)) for value, label in RoutingState.choices],
        "reasons": [(label, reasons[value]) for value, label in DeclineReason.choices if reasons.get(value)],
    }


@require_GET
def request_detail(request, pk):
    buyer_request = selectors.request_for(request.user, pk)
    routings = list(buyer_request.routings.all())
    context = {
        "req": buyer_request,
        "paths": _paths(routings),
        "reached": len(routings),
        "responses": selectors.responses_to(buyer_request),
        "transitions": REQUEST.available(buyer_request, request.user),
        "may_route": buyer_request.state == "open" and can_moderate_request(request.user, buyer_request),
        "deal": Deal.objects.filter(request=buyer_request).first(),
        "is_buyer": can_manage_request(request.user, buyer_request),
        "figures": figures.buyer_figures(buyer_request.buyer)
        if can_manage_request(request.user, buyer_request)
        else None,
    }
    return render(request, "web/business/request_detail.html", context)


@require_POST
def request_transition(request, pk):
    buyer_request = selectors.request_for(request.user, pk)
    form = forms.TransitionForm(request.POST)
    if form.is_valid():
        run(
            request,
            lambda: services.request_transition(request=buyer_request, by=request.user, **form.cleaned_data),
            _("C'est fait."),
        )
    else:
        messages.error(request, _("Action inconnue."))
    return redirect("business:request", pk=buyer_request.pk)


@require_POST
def request_next_batch(request, pk):
    buyer_request = selectors.request_for(request.user, pk)

    def action():
        sent = services.routing_next_batch(request=buyer_request, by=request.user)
        if not sent:
            messages.info(request, _("Aucun autre fournisseur ne correspond à cette demande."))

    run(request, action, _("Envoi aux fournisseurs suivants fait."))
    return redirect("business:request", pk=buyer_request.pk)


@require_http_methods(["GET", "POST"])
def survey(request, pk):
    buyer_request = selectors.request_for(request.user, pk, manage=True)
    deal = Deal.objects.filter(request=buyer_request).first()
    initial = {"made": "1" if deal and deal.made else "0", "amount": deal and deal.amount} if deal else {}
    form = forms.DealForm(
        request.POST or None, responses=selectors.responses_to(buyer_request), initial=initial
    )
    if request.method == "POST" and saved(
        form, lambda: services.deal_record(request=buyer_request, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("Merci : votre réponse est enregistrée."))
        return redirect("business:request", pk=buyer_request.pk)
    context = {"form": form, "req": buyer_request}
    return render(request, "web/business/survey.html", context, status=400 if form.errors else 200)
