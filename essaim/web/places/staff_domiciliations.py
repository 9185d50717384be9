"""Staff pages of the domiciliation register: the enterprises domiciled at the place (with the
mail waiting for each), one enterprise's contract and mail, mail received and handed over, the
end of the contract (a workflow move, shown from `DOMICILIATION.available`)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.core.errors import ValidationError
from essaim.places import selectors, services
from essaim.places.registry_check import registry_check
from essaim.places.workflows import DOMICILIATION
from essaim.web.places.staff_forms import DomiciliationForm, MailForm, add_service_errors


@require_http_methods(["GET", "POST"])
def domiciliations(request, place):
    place = selectors.place_for(request.user, place)
    form = DomiciliationForm(request.POST or None, projects=selectors.grantable_projects(request.user, place))
    if request.method == "POST" and form.is_valid():
        try:
            made = services.domiciliation_create(place=place, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Entreprise domiciliée : %(name)s.") % {"name": made.name})
            return redirect("places:staff_domiciliation", place=place.pk, pk=made.pk)
    context = {"place": place, "form": form, "domiciliations": selectors.place_domiciliations(place)}
    return render(
        request, "web/places/staff_domiciliations.html", context, status=400 if form.errors else 200
    )


def _detail(request, domiciliation, form, status=200):
    context = {
        "place": domiciliation.place,
        "domiciliation": domiciliation,
        "mail": domiciliation.mail.order_by("-received_on", "-pk"),
        "form": form,
        "moves": DOMICILIATION.available(domiciliation, request.user),
        "registry": registry_check(domiciliation),
    }
    return render(request, "web/places/staff_domiciliation.html", context, status=status)


@require_GET
def domiciliation_detail(request, place, pk):
    domiciliation = selectors.domiciliation_for(request.user, pk, place_pk=place)
    return _detail(request, domiciliation, MailForm())


@require_POST
def mail_receive(request, place, pk):
    domiciliation = selectors.domiciliation_for(request.user, pk, place_pk=place)
    form = MailForm(request.POST)
    if form.is_valid():
        try:
            services.mail_receive(domiciliation=domiciliation, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Courrier enregistré."))
            return redirect("places:staff_domiciliation", place=place, pk=pk)
    return _detail(request, domiciliation, form, status=400)


@require_POST
def mail_hand_over(request, place, pk, mail_pk):
    item = selectors.mail_for(request.user, mail_pk, domiciliation_pk=pk, place_pk=place)
    try:
        services.mail_hand_over(item=item, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Courrier remis."))
    return redirect("places:staff_domiciliation", place=place, pk=pk)


@require_POST
def domiciliation_end(request, place, pk):
    domiciliation = selectors.domiciliation_for(request.user, pk, place_pk=place)
    try:
        services.domiciliation_end(domiciliation=domiciliation, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Contrat de domiciliation terminé."))
    return redirect("places:staff_domiciliation", place=place, pk=pk)
