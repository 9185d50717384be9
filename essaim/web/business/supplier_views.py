"""Suppliers' pages: the requests routed to their offers, one request as they see it (opening it
records that it was viewed), interested or not (with a reason), and the response, alone or
with co-contractors."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.business import selectors, services
from essaim.business.enums import RoutingState
from essaim.business.models import SupplierOffer
from essaim.business.rules import is_supplier_staff
from essaim.business.workflows import ROUTING
from essaim.web.business import forms
from essaim.web.business.common import run, saved


@require_GET
def inbox(request):
    context = {
        "routings": selectors.routings_of(request.user),
        "joined": selectors.responses_joined(request.user),
    }
    return render(request, "web/business/inbox.html", context)


@require_GET
def routing_detail(request, pk):
    routing = selectors.routing_for(request.user, pk)
    if routing.state == RoutingState.NOTIFIED and is_supplier_staff(request.user, routing):
        routing = services.routing_view(routing=routing, by=request.user)
    moves = [
        t for t in ROUTING.available(routing, request.user) if t.name in ("interest", "decline", "respond")
    ]
    context = {
        "routing": routing,
        "req": routing.request,
        "moves": moves,
        "decline_form": forms.DeclineForm(),
        "response": selectors.response_of(routing),
    }
    return render(request, "web/business/routing_detail.html", context)


@require_POST
def routing_transition(request, pk):
    routing = selectors.routing_for(request.user, pk)
    action = request.POST.get("action", "")
    form = forms.DeclineForm(request.POST) if action == "decline" else None
    if form is not None and not form.is_valid():
        messages.error(request, _("Choisissez la raison pour laquelle vous n'êtes pas intéressé."))
        return redirect("business:routing", pk=routing.pk)
    fields = form.cleaned_data if form is not None else {}
    run(
        request,
        lambda: services.routing_transition(routing=routing, action=action, by=request.user, **fields),
        _("C'est noté."),
    )
    return redirect("business:routing", pk=routing.pk)


@require_http_methods(["GET", "POST"])
def respond(request, pk):
    routing = selectors.routing_for(request.user, pk)
    partners = (
        SupplierOffer.objects.filter(is_published=True)
        .exclude(pk=routing.offer_id)
        .select_related("organisation")
    )
    form = forms.ResponseForm(request.POST or None, partners=partners.order_by("organisation__name"))
    if request.method == "POST" and saved(
        form, lambda: services.response_create(routing=routing, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("Réponse envoyée à l'acheteur."))
        return redirect("business:routing", pk=routing.pk)
    context = {"form": form, "routing": routing, "req": routing.request}
    return render(request, "web/business/respond.html", context, status=400 if form.errors else 200)
