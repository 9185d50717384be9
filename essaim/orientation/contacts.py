"""Reads of contact requests, shared by the web pages and the API (re-exported by `selectors`).

`contact_request_for(user, pk)` is the one fetch of a request: 404 for a request the user does
not receive (another tenant's id says nothing). The inbox lists what `ContactRequest.objects
.visible_to(user)` returns; the navigation's badge counts the new ones in one query; a carrier
reads the requests they sent, in their own words (`CARRIER_STATES`), never the internal reasons.
"""

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from essaim.accounts.models import Membership, TerritoryScope, User
from essaim.audit.models import Event
from essaim.orientation.models import ContactRequest, ContactState

INBOX_RELATED = ("programme__organisation", "ecosystem__leader", "commune", "handled_by", "project")


def contact_requests_for(user, *, state: str | None = None) -> QuerySet[ContactRequest]:
    """The requests the user receives, newest first, with what a list shows (one query)."""
    rows = ContactRequest.objects.visible_to(user).select_related(*INBOX_RELATED)
    if state:
        rows = rows.filter(state=state)
    return rows.order_by("-created_at", "-pk")


def contact_request_for(user, pk: int) -> ContactRequest:
    """A request the user receives (to read it and move it); Http404 otherwise."""
    found = contact_requests_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404(_("Demande de contact introuvable."))
    return found


def contact_request_log(contact_request: ContactRequest) -> QuerySet[Event]:
    """What happened to a request, oldest first: its sending, its moves (with their reasons),
    who was named to handle it, the reminders sent."""
    return Event.objects.for_object(contact_request).select_related("actor").order_by("at", "pk")


def new_contact_requests_count(user) -> int | None:
    """How many new requests the user receives, for the navigation; None for someone who reads
    no requests at all (neither staff, nor local-authority viewer, nor platform admin). One query."""
    if not user.is_authenticated:
        return None
    new = ContactRequest.objects.visible_to(user).filter(state=ContactState.NEW)
    if user.is_superuser:
        return new.count()
    counted = new.order_by().values("state").annotate(n=Count("pk")).values("n")
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            staff=Exists(Membership.objects.filter(user=OuterRef("pk"))),
            viewer=Exists(
                TerritoryScope.objects.filter(user=OuterRef("pk"), kind=TerritoryScope.Kind.LOCAL_AUTHORITY)
            ),
            new=Coalesce(Subquery(counted, output_field=IntegerField()), 0),
        )
        .values_list("staff", "viewer", "new")
        .first()
    )
    if row is None or not (row[0] or row[1]):
        return None
    return row[2]


def sent_contact_requests(user) -> QuerySet[ContactRequest]:
    """The requests a signed-in carrier sent, newest first, with their recipient and project."""
    if not user.is_authenticated:
        return ContactRequest.objects.none()
    return (
        ContactRequest.objects.filter(sender=user)
        .select_related("programme", "ecosystem", "project")
        .order_by("-created_at", "-pk")
    )
