"""Reads of trade fairs shared by the pages and the API.

`fair_for(user, pk, *, manage=False)`: an event of kind "Salon" read through
`events.selectors.event_for` (404 when it is not theirs to see, 403 when `manage` asks more),
or, for a participant's own contact, the fair they take part in. Children (participants,
requests, slots, meetings) are read through the fair's rows: another fair's id is a 404.
"""

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from essaim.business.models import SupplierOffer
from essaim.core.errors import PermissionDenied
from essaim.events.models import Event, EventKind
from essaim.events.selectors import event_for, managed_events
from essaim.fairs.models import (
    FairParticipant,
    FollowUp,
    Meeting,
    MeetingRequest,
    MeetingState,
    ScheduleRun,
    Side,
    Slot,
)
from essaim.fairs.scheduler import Request


def managed_fairs(user) -> QuerySet[Event]:
    """The trade fairs of the organisations the user is on the staff of, with their counts."""
    return (
        managed_events(user)
        .filter(kind=EventKind.TRADE_FAIR)
        .select_related("programme", "ecosystem")
        .annotate(
            buyers=Count("fair_participants", filter=Q(fair_participants__side=Side.BUYER), distinct=True),
            suppliers=Count(
                "fair_participants", filter=Q(fair_participants__side=Side.SUPPLIER), distinct=True
            ),
        )
        .order_by("-starts_at", "-pk")
    )


def fair_for(user, pk: int, *, manage: bool = False) -> Event:
    try:
        event = event_for(user, pk, manage=manage)
    except Http404:
        # A participant sees its fair even outside the event's audience, but does not run it.
        found = None
        if user.is_authenticated:
            found = FairParticipant.objects.filter(event_id=pk, user=user).select_related("event").first()
        if found is None:
            raise
        if manage:
            raise PermissionDenied(_("Seule l'équipe qui organise ce salon peut faire cela.")) from None
        event = found.event
    if event.kind != EventKind.TRADE_FAIR:
        raise Http404(_("Salon introuvable."))
    return event


def my_participations(user) -> QuerySet[FairParticipant]:
    """The fairs a signed-in person takes part in, as participant rows, soonest first."""
    if not user.is_authenticated:
        return FairParticipant.objects.none()
    return (
        FairParticipant.objects.filter(user=user, event__kind=EventKind.TRADE_FAIR)
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )


def participant_for(user, pk: int, *, event_pk: int) -> FairParticipant:
    """A participant of a fair: the staff's, or one's own row; 404 otherwise."""
    participant = FairParticipant.objects.filter(pk=pk, event_id=event_pk).select_related("event").first()
    if participant is None:
        raise Http404(_("Participant introuvable."))
    if participant.user_id != getattr(user, "pk", None) or not user.is_authenticated:
        participant.event = fair_for(user, event_pk, manage=True)
    return participant


def with_offer(rows: QuerySet[FairParticipant]) -> QuerySet[FairParticipant]:
    """Each row with `offer_pk`: the published offer (essaim/business) of its directory
    organisation, if it has one, that buyers may read before asking to meet it (same query)."""
    offers = SupplierOffer.objects.filter(organisation=OuterRef("organisation"), is_published=True)
    return rows.annotate(offer_pk=Subquery(offers.values("pk")[:1]))


def participants(event: Event) -> list[FairParticipant]:
    """The participants, buyers first, with how many requests each made and received and their
    published offer (1 query)."""
    return list(
        with_offer(
            event.fair_participants.annotate(
                made=Count("requests_made", distinct=True), received=Count("requests_received", distinct=True)
            )
        ).order_by("side", "name", "pk")
    )


def requests(event: Event) -> QuerySet[MeetingRequest]:
    """The fair's requests by requester, with both parties (one query a page: the pages paginate)."""
    return event.fair_requests.select_related("requester", "target").order_by(
        "requester__name", "priority", "pk"
    )


def request_for(user, pk: int, *, event_pk: int) -> MeetingRequest:
    """A request the user may withdraw: the staff's, or the requester's own."""
    found = (
        MeetingRequest.objects.filter(pk=pk, event_id=event_pk).select_related("requester", "event").first()
    )
    if found is None:
        raise Http404(_("Demande introuvable."))
    participant_for(user, found.requester_id, event_pk=event_pk)
    return found


def slot_for(user, pk: int, *, event_pk: int) -> Slot:
    event = fair_for(user, event_pk, manage=True)
    slot = event.fair_slots.filter(pk=pk).first()
    if slot is None:
        raise Http404(_("Créneau introuvable."))
    slot.event = event
    return slot


def meeting_for(user, pk: int, *, event_pk: int) -> Meeting:
    """A meeting the user may record: the staff's, or one of the two parties'; 404 otherwise."""
    meeting = (
        Meeting.objects.filter(pk=pk, event_id=event_pk)
        .select_related("event", "slot", "buyer", "supplier")
        .first()
    )
    if meeting is None:
        raise Http404(_("Rendez-vous introuvable."))
    mine = user.is_authenticated and user.pk in (meeting.buyer.user_id, meeting.supplier.user_id)
    if not mine:
        meeting.event = fair_for(user, event_pk, manage=True)
    return meeting


MEETINGS = Prefetch(
    "meetings", queryset=Meeting.objects.select_related("buyer", "supplier").order_by("table", "pk")
)


def grid(event: Event) -> list[Slot]:
    """The slots with their meetings, by table (2 queries)."""
    return list(event.fair_slots.prefetch_related(MEETINGS).order_by("starts_at", "pk"))


def schedule_of(participant: FairParticipant) -> list[Meeting]:
    """A participant's meetings, in time order, each with the other party (1 query)."""
    side = "buyer" if participant.is_buyer else "supplier"
    return list(
        Meeting.objects.filter(**{side: participant})
        .select_related("slot", "buyer", "supplier")
        .order_by("slot__starts_at", "pk")
    )


def counterparts(participant: FairParticipant) -> list[FairParticipant]:
    """The other side of the fair, which the participant may ask to meet, with their published
    offer (1 query)."""
    other = Side.SUPPLIER if participant.is_buyer else Side.BUYER
    return list(with_offer(participant.event.fair_participants.filter(side=other)).order_by("name", "pk"))


def last_run(event: Event) -> ScheduleRun | None:
    return event.fair_runs.order_by("-ran_at", "-pk").first()


def scheduler_input(event: Event) -> list[Request]:
    """The requests as plain data for the scheduler, oriented buyer → supplier (1 query)."""
    rows = event.fair_requests.values_list("requester_id", "requester__side", "target_id", "priority")
    return [
        Request(requester, target, priority) if side == Side.BUYER else Request(target, requester, priority)
        for requester, side, target, priority in rows.order_by("pk")
    ]


def follow_ups(event: Event) -> dict:
    """What the meetings produced: how many took place, quotes asked, deals and their amount."""
    rows = event.fair_meetings.aggregate(
        meetings=Count("pk"),
        held=Count("pk", filter=Q(state=MeetingState.HELD)),
        quotes=Count("pk", filter=Q(follow_up=FollowUp.QUOTE)),
        deals=Count("pk", filter=Q(follow_up=FollowUp.DEAL)),
    )
    total = event.fair_meetings.filter(follow_up=FollowUp.DEAL).values_list("deal_amount", flat=True)
    rows["amount"] = sum(total, 0)
    return rows
