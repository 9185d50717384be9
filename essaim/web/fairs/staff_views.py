"""Staff pages of trade fairs, under /espace/salons/: the list, a fair's participants and slots,
the requests, the run of the scheduler and the grid per slot. Fairs come from
`essaim.fairs.selectors`: another organisation's fair is a 404."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.business.enums import BuyerKind
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.fairs import selectors, services
from essaim.web.events.common import require_organiser, run
from essaim.web.fairs import forms

REQUESTS_PER_PAGE = 50  # 2,000 requests at a large fair: forty pages, never one page of them all


@require_GET
def fair_list(request):
    require_organiser(request.user)
    return render(request, "web/fairs/staff_list.html", {"fairs": selectors.managed_fairs(request.user)})


def _manage_page(request, event, participant_form=None, slot_form=None, status=200):
    context = {
        "event": event,
        "participants": selectors.participants(event),
        "slots": list(event.fair_slots.order_by("starts_at", "pk")),
        "participant_form": participant_form or forms.ParticipantForm(),
        "slot_form": slot_form or forms.SlotForm(),
        "last_run": selectors.last_run(event),
        "follow_ups": selectors.follow_ups(event),
        "buyer_kinds": BuyerKind.choices,
    }
    return render(request, "web/fairs/manage.html", context, status=status)


@require_GET
def fair_manage(request, pk):
    return _manage_page(request, selectors.fair_for(request.user, pk, manage=True))


@require_POST
def participant_add(request, pk):
    event = selectors.fair_for(request.user, pk, manage=True)
    form = forms.ParticipantForm(request.POST)
    if form.is_valid():
        try:
            services.participant_add(event=event, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Participant ajouté."))
            return redirect("fairs:manage", pk=event.pk)
    return _manage_page(request, event, participant_form=form, status=400)


@require_POST
def participant_remove(request, pk, participant_pk):
    participant = selectors.participant_for(request.user, participant_pk, event_pk=pk)
    selectors.fair_for(request.user, pk, manage=True)
    action = lambda: services.participant_remove(participant=participant, by=request.user)  # noqa: E731
    run(request, action, _("Participant retiré, avec ses demandes et ses rendez-vous."))
    return redirect("fairs:manage", pk=pk)


@require_POST
def participant_link_buyer(request, pk, participant_pk):
    """Link a buyer participant to its organisation's buyer record (or register it, `kind`)."""
    participant = selectors.participant_for(request.user, participant_pk, event_pk=pk)
    selectors.fair_for(request.user, pk, manage=True)
    kind = request.POST.get("kind", "")
    action = lambda: services.participant_link_buyer(participant=participant, by=request.user, kind=kind)  # noqa: E731
    try:
        run(
            request,
            action,
            _("Participant relié à sa fiche d'acheteur : ses rendez-vous comptent dans ses chiffres."),
        )
    except PermissionDenied:
        messages.error(
            request,
            _(
                "Seuls les administrateurs de cette structure peuvent l'inscrire comme acheteur : demandez-le-leur."
            ),
        )
    return redirect("fairs:manage", pk=pk)


@require_POST
def slot_add(request, pk):
    event = selectors.fair_for(request.user, pk, manage=True)
    form = forms.SlotForm(request.POST)
    if form.is_valid():
        try:
            services.slot_add(event=event, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Créneau ajouté."))
            return redirect("fairs:manage", pk=event.pk)
    return _manage_page(request, event, slot_form=form, status=400)


@require_POST
def slot_remove(request, pk, slot_pk):
    slot = selectors.slot_for(request.user, slot_pk, event_pk=pk)
    run(request, lambda: services.slot_remove(slot=slot, by=request.user), _("Créneau supprimé."))
    return redirect("fairs:manage", pk=pk)


@require_http_methods(["GET", "POST"])
def requests_page(request, pk):
    event = selectors.fair_for(request.user, pk, manage=True)
    participants = selectors.participants(event)
    form = forms.StaffRequestForm(request.POST or None, participants=participants)
    if request.method == "POST" and form.is_valid():
        by_pk = {p.pk: p for p in participants}
        requester, target = by_pk[form.cleaned_data["requester"]], by_pk[form.cleaned_data["target"]]
        requester.event = target.event = event
        action = lambda: services.request_create(  # noqa: E731
            requester=requester, target=target, by=request.user, priority=form.cleaned_data["priority"]
        )
        if run(request, action, _("Demande enregistrée.")):
            return redirect("fairs:requests", pk=event.pk)
    page = Paginator(selectors.requests(event), REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"event": event, "page": page, "form": form}
    return render(request, "web/fairs/requests.html", context, status=400 if form.errors else 200)


@require_POST
def schedule_run(request, pk):
    event = selectors.fair_for(request.user, pk, manage=True)
    run(request, lambda: services.schedule_run(event=event, by=request.user), _("Planning construit."))
    return redirect("fairs:grid", pk=event.pk)


@require_GET
def grid(request, pk):
    event = selectors.fair_for(request.user, pk, manage=True)
    context = {"event": event, "slots": selectors.grid(event), "last_run": selectors.last_run(event)}
    return render(request, "web/fairs/grid.html", context)
