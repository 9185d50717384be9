"""Who may do what with events and registrations: named predicates (django-rules), called as
`predicate(user, obj)` by the workflows, the services, the selectors and the pages.

An event is run by the staff of its `organisation` (the programme's, or the ecosystem's leader),
and by platform admins. Who may register follows the event's audience: anyone for the public,
the carriers of the programme's projects, the members of the ecosystem (the staff and carriers
of its member programmes). A registration is acted on by its person (signed in, or holding its
signed link) and by the event's staff.
"""

import rules

from essaim.accompaniment.enums import ProjectStatus
from essaim.accompaniment.models import Project
from essaim.accounts.rules import is_org_staff, is_platform_admin
from essaim.core.actors import is_system
from essaim.directory.models import Ecosystem, Programme
from essaim.events.models import Attendance, Audience, Event, Registration, Session
from essaim.events.tokens import LinkHolder


def event_of(obj):
    if isinstance(obj, Event):
        return obj
    if isinstance(obj, Session | Registration):
        return obj.event
    if isinstance(obj, Attendance):
        return obj.registration.event
    return None


@rules.predicate
def is_event_staff(user, obj=None) -> bool:
    """Staff of the organisation running the event (an event, a session, a registration), or of
    the owner an event is being created for (a programme, an ecosystem's leader)."""
    if obj is None or not user.is_authenticated:
        return False
    if isinstance(obj, Programme):
        return is_org_staff(user, obj)
    if isinstance(obj, Ecosystem):
        return obj.leader_id is not None and is_org_staff(user, obj.leader)
    event = event_of(obj)
    return event is not None and event.organisation_id is not None and is_org_staff(user, event)


can_manage_event = is_platform_admin | is_event_staff


def _member_programme_ids(event: Event) -> list[int]:
    if event.programme_id:
        return [event.programme_id]
    return list(event.ecosystem.members.values_list("pk", flat=True))


@rules.predicate
def is_in_audience(user, event=None) -> bool:
    """May register: anyone for a public event; otherwise a signed-in carrier of an active project
    of the programme (or of a member programme), or a member programme's staff."""
    if event is None:
        return False
    if event.audience == Audience.PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    programme_ids = _member_programme_ids(event)
    carries = Project.objects.filter(
        programme_id__in=programme_ids, carriers=user, status=ProjectStatus.ACTIVE
    ).exists()
    if carries or event.audience == Audience.CARRIERS:
        return carries
    organisations = Programme.objects.filter(pk__in=programme_ids).values_list("organisation_id", flat=True)
    return any(is_org_staff(user, Programme(organisation_id=org)) for org in organisations)


@rules.predicate
def is_registrant(user, registration=None) -> bool:
    """The person registered: signed in as them, or holding the registration's signed link."""
    if registration is None:
        return False
    if isinstance(user, LinkHolder):
        return user.registration_id == registration.pk
    return bool(user.is_authenticated and registration.user_id == user.pk)


can_act_on_registration = is_registrant | can_manage_event


@rules.predicate
def is_scheduler(user, obj=None) -> bool:
    """Moves nobody clicks (a place offered, an offer expired): the platform's own actors only."""
    return is_system(user) and not isinstance(user, LinkHolder)
