"""The "Demandes" inbox: the contact requests a person receives, who handles them, what became
of them, and "turn into a project".

Requests are fetched through `orientation.selectors` (`contact_request_for`: 404 for a request
the user does not receive); the moves shown are `CONTACT.available()`; writes are the services'.
"""

import time

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.accompaniment.selectors import programmes_managed_by
from essaim.orientation import selectors, services
from essaim.orientation.models import ContactState
from essaim.orientation.recipients import contact_request_handlers
from essaim.orientation.rules import can_read_contact_requests
from essaim.orientation.workflows import CONTACT
from essaim.web.workspace.inbox_forms import AssignForm, InboxFilterForm, MoveForm, TurnIntoProjectForm
from essaim.web.workspace.views import form_errors

TURN = "turn_into_project"
PAGE_SIZE = 50
# The navigation's count of new requests is kept in the session this long (seconds): one query
# a minute per person rather than one per page; the inbox's own actions refresh it at once.
BADGE_KEY, BADGE_SECONDS = "essaim_inbox_badge", 60


def inbox_badge(request) -> int | None:
    """The count of new requests the navigation shows (None: the person reads no requests)."""
    kept = request.session.get(BADGE_KEY)
    now = time.time()
    if kept and now - kept[1] < BADGE_SECONDS:
        return kept[0]
    count = selectors.new_contact_requests_count(request.user)
    request.session[BADGE_KEY] = [count, now]
    return count


def remember_badge_at_login(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: the count is read once at login, so that the pages that follow
    do not pay for it until it is a minute old."""
    if request is not None and hasattr(request, "session"):
        request.session[BADGE_KEY] = [selectors.new_contact_requests_count(user), time.time()]


def _refresh_badge(request) -> None:
    request.session.pop(BADGE_KEY, None)


@require_GET
def inbox(request):
    if not can_read_contact_requests(request.user):
        raise PermissionDenied(_("Les demandes de contact sont lues par les équipes qui les reçoivent."))
    form = InboxFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    rows = selectors.contact_requests_for(request.user, state=state)
    counted = selectors.contact_requests_for(request.user).order_by().values("state").annotate(n=Count("pk"))
    counts = {row["state"]: row["n"] for row in counted}
    context = {
        "state": state,
        "tabs": [(value, label, counts.get(value, 0)) for value, label in ContactState.choices],
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "workspace/inbox.html", context)


@require_GET
def inbox_detail(request, pk):
    item = selectors.contact_request_for(request.user, pk)
    moves = CONTACT.available(item, request.user)
    handlers = contact_request_handlers(item)
    context = {
        "item": item,
        "moves": [(move, MoveForm(prefix=move.name)) for move in moves if move.name != TURN],
        "can_turn": any(move.name == TURN for move in moves) and _programmes(request.user).exists(),
        "log": selectors.contact_request_log(item),
        "assign_form": AssignForm(handlers=handlers, initial={"handler": item.handled_by_id}),
        "reminders": item.reminders.all(),
    }
    return render(request, "workspace/inbox_detail.html", context)


@require_POST
def inbox_take(request, pk):
    item = selectors.contact_request_for(request.user, pk)
    services.contact_request_assign(contact_request=item, handler=request.user, by=request.user)
    messages.success(request, _("Vous suivez cette demande."))
    _refresh_badge(request)
    return redirect("workspace:contact_request", pk=item.pk)


@require_POST
def inbox_assign(request, pk):
    item = selectors.contact_request_for(request.user, pk)
    form = AssignForm(request.POST, handlers=contact_request_handlers(item))
    if not form.is_valid():
        messages.error(request, _("Choisissez une personne qui reçoit cette demande."))
        return redirect("workspace:contact_request", pk=item.pk)
    handler = form.cleaned_data["handler"]
    services.contact_request_assign(contact_request=item, handler=handler, by=request.user)
    _refresh_badge(request)
    if handler is None:
        messages.success(request, _("Plus personne ne suit cette demande."))
    else:
        name = handler.full_name or handler.email
        messages.success(request, _("Demande confiée à %(name)s.") % {"name": name})
    return redirect("workspace:contact_request", pk=item.pk)


@require_POST
def inbox_move(request, pk, action):
    item = selectors.contact_request_for(request.user, pk)
    form = MoveForm(request.POST, prefix=action)
    if not form.is_valid():
        messages.error(request, _("Le motif et le message ne peuvent dépasser 2 000 caractères."))
        return redirect("workspace:contact_request", pk=item.pk)
    try:
        services.contact_request_transition(
            contact_request=item, action=action, by=request.user, **form.cleaned_data
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("État de la demande mis à jour."))
        _refresh_badge(request)
    return redirect("workspace:contact_request", pk=item.pk)


def _programmes(user):
    return programmes_managed_by(user).order_by("name")


@require_http_methods(["GET", "POST"])
def inbox_turn_into_project(request, pk):
    item = selectors.contact_request_for(request.user, pk)
    programmes = list(_programmes(request.user))
    if not programmes:
        raise PermissionDenied(_("Seule l'équipe d'un dispositif crée un projet."))
    if not CONTACT.may(item, TURN, request.user):
        messages.error(
            request,
            _("Cette demande ne peut plus devenir un projet : %(state)s.")
            % {"state": item.get_state_display()},
        )
        return redirect("workspace:contact_request", pk=item.pk)
    initial = TurnIntoProjectForm.initial_for(item, programmes)
    form = TurnIntoProjectForm(request.POST or None, programmes=_programmes(request.user), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.contact_request_turn_into_project(
                contact_request=item, by=request.user, **form.service_arguments()
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request, _("Projet « %(name)s » créé depuis la demande.") % {"name": project.name}
            )
            _refresh_badge(request)
            return redirect("workspace:project", pk=project.pk)
    context = {"form": form, "item": item}
    return render(request, "workspace/inbox_project_form.html", context, status=400 if form.errors else 200)
