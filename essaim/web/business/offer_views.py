"""Suppliers' offers: the search buyers use (sector × territory × label), an offer's page, and the
pages where an enterprise publishes and keeps its offer (with its labels)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.accounts.rules import is_platform_admin
from essaim.accounts.selectors import staff_organisation_ids
from essaim.business import selectors, services
from essaim.business.models import SupplierOffer
from essaim.core.errors import PermissionDenied
from essaim.directory.models import Organisation
from essaim.web.business import forms
from essaim.web.business.common import run, saved

PAGE = 50


@require_GET
def offer_search(request):
    form = forms.SearchForm(request.GET or None)
    offers = selectors.offer_search()
    if form.is_valid():
        offers = selectors.offer_search(**{k: v for k, v in form.cleaned_data.items() if v})
    context = {"form": form, "offers": offers[:PAGE], "count": offers.count()}
    return render(request, "web/business/offer_search.html", context, status=400 if form.errors else 200)


@require_GET
def offer_detail(request, pk):
    offer = selectors.offer_for(request.user, pk)
    return render(request, "web/business/offer_detail.html", {"offer": offer})


@require_GET
def offer_mine(request):
    offers = (
        selectors.managed_offers(request.user).select_related("organisation").order_by("organisation__name")
    )
    return render(request, "web/business/offer_mine.html", {"offers": offers})


def _organisations(user):
    free = Organisation.objects.filter(supplier_offer__isnull=True).order_by("name")
    if is_platform_admin(user):
        return free
    return free.filter(pk__in=staff_organisation_ids(user, admin_only=True))


@require_http_methods(["GET", "POST"])
def offer_create(request):
    organisations = _organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = forms.NewOfferForm(request.POST or None, organisations=organisations)
    offer = request.method == "POST" and saved(
        form, lambda: services.offer_create(by=request.user, **form.cleaned_data)
    )
    if offer:
        messages.success(request, _("Offre publiée."))
        return redirect("business:offer_edit", pk=offer.pk)
    return render(request, "web/business/offer_form.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def offer_edit(request, pk):
    offer = selectors.offer_for(request.user, pk, manage=True)
    form = forms.OfferForm(request.POST or None, initial=forms.OfferForm.initial_of(offer))
    if request.method == "POST" and saved(
        form, lambda: services.offer_update(offer=offer, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("Offre enregistrée."))
        return redirect("business:offer_edit", pk=offer.pk)
    context = {"form": form, "offer": offer, "label_form": forms.LabelForm()}
    return render(request, "web/business/offer_form.html", context, status=400 if form.errors else 200)


@require_POST
def label_add(request, pk):
    offer = selectors.offer_for(request.user, pk, manage=True)
    form = forms.LabelForm(request.POST)
    if form.is_valid():
        run(
            request,
            lambda: services.label_set(offer=offer, by=request.user, **form.cleaned_data),
            _("Label ajouté."),
        )
    else:
        messages.error(request, _("Choisissez un label."))
    return redirect("business:offer_edit", pk=offer.pk)


@require_POST
def label_remove(request, pk, kind):
    offer: SupplierOffer = selectors.offer_for(request.user, pk, manage=True)
    run(request, lambda: services.label_remove(offer=offer, kind=kind, by=request.user), _("Label retiré."))
    return redirect("business:offer_edit", pk=offer.pk)
