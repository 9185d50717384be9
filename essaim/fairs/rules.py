"""Who may do what at a trade fair: named predicates (django-rules), called as `predicate(user, obj)`.

A fair is run by its event's staff (`events.rules.can_manage_event`). A participant acts as
itself when signed in with the account its contact e-mail belongs to: it makes its own requests
and reads its schedule; the two parties of a meeting and the staff record whether it took place
and what followed. A buyer participant is linked to its organisation's buyer record of the
business flows by the fair's staff or the organisation's own staff (registering a new buyer
record stays the business app's rule: the organisation's admins, or a platform admin).
"""

import rules

from essaim.accounts.rules import is_org_staff
from essaim.events.rules import can_manage_event
from essaim.fairs.models import FairParticipant, Meeting, MeetingRequest, Slot


def event_of(obj):
    if isinstance(obj, FairParticipant | Slot | MeetingRequest | Meeting):
        return obj.event
    return obj


@rules.predicate
def is_fair_staff(user, obj=None) -> bool:
    """The staff running the fair's event (or a platform admin)."""
    return obj is not None and can_manage_event(user, event_of(obj))


@rules.predicate
def is_participant(user, participant=None) -> bool:
    """Signed in as the participant's contact."""
    return bool(
        isinstance(participant, FairParticipant)
        and user.is_authenticated
        and participant.user_id is not None
        and participant.user_id == user.pk
    )


@rules.predicate
def is_party(user, meeting=None) -> bool:
    """Signed in as the buyer's or the supplier's contact of the meeting."""
    return isinstance(meeting, Meeting) and (
        is_participant(user, meeting.buyer) or is_participant(user, meeting.supplier)
    )


@rules.predicate
def is_participant_org_staff(user, participant=None) -> bool:
    """Staff of the directory organisation the participant stands for."""
    return bool(
        isinstance(participant, FairParticipant)
        and participant.organisation_id is not None
        and is_org_staff(user, participant)
    )


can_act_for_participant = is_fair_staff | is_participant
can_link_buyer = is_fair_staff | is_participant_org_staff
can_act_on_meeting = is_fair_staff | is_party
