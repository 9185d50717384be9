"""Reads of the activity log, scoped: who may read which events."""

from django.db.models import Q, QuerySet

from essaim.accounts.selectors import staff_organisations
from essaim.audit.models import Event


def events_visible_to(user) -> QuerySet[Event]:
    """Platform admins read everything; organisation admins read their organisation's events
    and those of its programmes; nobody else reads the log."""
    if not user.is_authenticated:
        return Event.objects.none()
    if user.is_superuser:
        return Event.objects.all()
    org_ids = staff_organisations(user, admin_only=True)
    return Event.objects.filter(Q(programme__organisation_id__in=org_ids) | Q(organisation_id__in=org_ids))


def programme_events(user, programme) -> QuerySet[Event]:
    return events_visible_to(user).filter(programme=programme).select_related("actor")
