"""Writes of a fair: who may make them (staff, the participant itself, nobody else), what they
refuse, the schedule's run written as meetings without conflicts, and what followed."""

import datetime as dt
from decimal import Decimal

import pytest

from essaim.audit.models import Event as AuditEvent
from essaim.core.errors import PermissionDenied, TransitionNotAllowed, ValidationError
from essaim.events.models import EventKind, EventState
from essaim.fairs import services
from essaim.fairs.models import FairParticipant, FollowUp, Meeting, MeetingRequest, MeetingState, Side
from essaim.fairs.workflows import MEETING
from tests.events.factories import EventFactory
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.fairs.factories import FairFactory, MeetingFactory, ParticipantFactory, RequestFactory, SlotFactory

pytestmark = pytest.mark.django_db
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def fair():
    return FairFactory()


@pytest.fixture
def staff(fair):
    return MembershipFactory(organisation=fair.organisation).user


def test_staff_add_a_participant_linked_to_the_account_of_its_email(fair, staff):
    person = UserFactory(email="achats@mairie.example.org")
    participant = services.participant_add(
        event=fair,
        by=staff,
        side=Side.BUYER,
        name=" Mairie  de Cahors ",
        contact_name="Lucie Martin",
        email="Achats@Mairie.example.org",
    )
    assert (participant.name, participant.email, participant.user_id) == (
        "Mairie de Cahors",
        "achats@mairie.example.org",
        person.pk,
    )
    assert AuditEvent.objects.filter(object_id=participant.pk, verb="participant_add").count() == 1


def test_participant_add_refuses_a_second_email_a_bad_side_and_another_kind_of_event(fair, staff):
    ParticipantFactory(event=fair, email="a@example.org")
    fields = {"by": staff, "name": "X", "contact_name": "Y"}
    with pytest.raises(ValidationError) as error:
        services.participant_add(event=fair, side=Side.BUYER, email="a@example.org", **fields)
    assert error.value.message_dict == {"email": ["Cette adresse participe déjà à ce salon."]}
    with pytest.raises(ValidationError) as error:
        services.participant_add(event=fair, side="seller", email="b@example.org", **fields)
    assert list(error.value.message_dict) == ["side"]
    workshop = EventFactory(kind=EventKind.WORKSHOP, programme=fair.programme)
    with pytest.raises(ValidationError):
        services.participant_add(event=workshop, side=Side.BUYER, email="c@example.org", **fields)
    fair.state = EventState.CLOSED
    fair.save()
    with pytest.raises(ValidationError):
        services.participant_add(event=fair, side=Side.BUYER, email="d@example.org", **fields)


def test_another_team_may_not_add_participants(fair):
    with pytest.raises(PermissionDenied):
        services.participant_add(
            event=fair,
            by=MembershipFactory().user,
            side=Side.BUYER,
            name="X",
            contact_name="Y",
            email="x@example.org",
        )
    assert FairParticipant.objects.count() == 0


def test_a_participant_asks_to_meet_the_other_side_only(fair):
    person = UserFactory()
    buyer = ParticipantFactory(event=fair, user=person)
    supplier = ParticipantFactory(event=fair, side=Side.SUPPLIER)
    other_buyer = ParticipantFactory(event=fair)
    found = services.request_create(requester=buyer, target=supplier, by=person, priority=1)
    assert (found.event_id, found.requester_id, found.target_id, found.priority) == (
        fair.pk,
        buyer.pk,
        supplier.pk,
        1,
    )
    with pytest.raises(ValidationError) as error:
        services.request_create(requester=buyer, target=supplier, by=person)
    assert list(error.value.message_dict) == ["target"]
    with pytest.raises(ValidationError):
        services.request_create(requester=buyer, target=other_buyer, by=person)
    with pytest.raises(ValidationError):
        services.request_create(requester=buyer, target=ParticipantFactory(side=Side.SUPPLIER), by=person)
    with pytest.raises(PermissionDenied):
        services.request_create(requester=other_buyer, target=supplier, by=person)


def test_the_requester_or_the_staff_withdraw_a_request_nobody_else(fair, staff):
    person = UserFactory()
    mine = RequestFactory(requester=ParticipantFactory(event=fair, user=person))
    theirs = RequestFactory(requester=ParticipantFactory(event=fair))
    with pytest.raises(PermissionDenied):
        services.request_withdraw(meeting_request=theirs, by=person)
    services.request_withdraw(meeting_request=mine, by=person)
    services.request_withdraw(meeting_request=theirs, by=staff)
    assert MeetingRequest.objects.count() == 0


def test_slots_do_not_overlap(fair, staff):
    slot = SlotFactory(event=fair)
    with pytest.raises(ValidationError) as error:
        services.slot_add(event=fair, by=staff, starts_at=slot.starts_at, ends_at=slot.ends_at, tables=3)
    assert list(error.value.message_dict) == ["starts_at"]
    with pytest.raises(ValidationError):
        services.slot_add(event=fair, by=staff, starts_at=slot.ends_at, ends_at=slot.ends_at, tables=3)
    with pytest.raises(ValidationError):
        services.slot_add(event=fair, by=staff, starts_at=slot.ends_at, ends_at=slot.ends_at + HOUR, tables=0)
    later = services.slot_add(
        event=fair, by=staff, starts_at=slot.ends_at, ends_at=slot.ends_at + HOUR, tables=3
    )
    assert list(fair.fair_slots.values_list("pk", "tables")) == [(slot.pk, 10), (later.pk, 3)]


def _fair_with_requests(fair, buyers=4, suppliers=4, slots=3, tables=2):
    bs = [ParticipantFactory(event=fair) for _ in range(buyers)]
    ss = [ParticipantFactory(event=fair, side=Side.SUPPLIER) for _ in range(suppliers)]
    for _slot in range(slots):
        SlotFactory(event=fair, tables=tables)
    for i, b in enumerate(bs):
        for j, s in enumerate(ss):
            if (i + j) % 2 == 0:
                RequestFactory(requester=b, target=s, priority=1 + (i + j) % 3)
            if (i * j) % 3 == 1:
                RequestFactory(requester=s, target=b, priority=2)
    return bs, ss


def test_the_run_writes_meetings_without_conflict_and_its_figures(fair, staff):
    _fair_with_requests(fair)
    run = services.schedule_run(event=fair, by=staff)
    meetings = list(
        Meeting.objects.filter(event=fair).values_list("slot_id", "buyer_id", "supplier_id", "table")
    )
    assert run.meetings == len(meetings) == 6  # 3 slots × 2 tables, every table taken
    assert len({(s, b) for s, b, _x, _t in meetings}) == len(meetings)
    assert len({(s, x) for s, _b, x, _t in meetings}) == len(meetings)
    assert {t for _s, _b, _x, t in meetings} == {1, 2}
    assert run.weight == run.weight_bound
    assert (
        run.honoured
        <= run.requests_bound
        <= run.requests
        == MeetingRequest.objects.filter(event=fair).count()
    )
    # A second run replaces the planned meetings.
    services.schedule_run(event=fair, by=staff)
    assert Meeting.objects.filter(event=fair).count() == 6


def test_the_run_needs_a_slot_and_stops_once_a_meeting_is_recorded(fair, staff):
    with pytest.raises(ValidationError):
        services.schedule_run(event=fair, by=staff)
    meeting = MeetingFactory(event=fair, state=MeetingState.HELD)
    with pytest.raises(ValidationError):
        services.schedule_run(event=fair, by=staff)
    assert Meeting.objects.get().pk == meeting.pk
    with pytest.raises(PermissionDenied):
        services.schedule_run(event=fair, by=MembershipFactory().user)


def test_a_party_records_the_meeting_then_a_deal_with_its_amount(fair):
    person = UserFactory()
    meeting = MeetingFactory(
        event=fair, supplier=ParticipantFactory(event=fair, side=Side.SUPPLIER, user=person)
    )
    assert [t.name for t in MEETING.available(meeting, person)] == ["hold", "miss"]
    assert MEETING.available(meeting, UserFactory()) == []
    with pytest.raises(ValidationError):
        services.meeting_follow_up(meeting=meeting, by=person, follow_up=FollowUp.QUOTE)
    meeting = services.meeting_transition(meeting=meeting, by=person, action="hold")
    with pytest.raises(ValidationError) as error:
        services.meeting_follow_up(meeting=meeting, by=person, follow_up=FollowUp.DEAL)
    assert list(error.value.message_dict) == ["deal_amount"]
    with pytest.raises(ValidationError):
        services.meeting_follow_up(meeting=meeting, by=person, follow_up=FollowUp.DEAL, deal_amount="0")
    services.meeting_follow_up(meeting=meeting, by=person, follow_up=FollowUp.DEAL, deal_amount="12500.5")
    meeting.refresh_from_db()
    assert (meeting.state, meeting.follow_up, meeting.deal_amount) == ("held", "deal", Decimal("12500.50"))
    services.meeting_follow_up(meeting=meeting, by=person, follow_up=FollowUp.QUOTE, deal_amount="3")
    meeting.refresh_from_db()
    assert (meeting.follow_up, meeting.deal_amount) == ("quote", None)
    meeting = services.meeting_transition(meeting=meeting, by=person, action="replan")
    assert (meeting.state, meeting.follow_up) == ("planned", "none")
    with pytest.raises(TransitionNotAllowed):
        services.meeting_transition(meeting=meeting, by=person, action="replan")


def test_an_outsider_may_not_record_a_meeting(fair):
    meeting = MeetingFactory(event=fair)
    with pytest.raises(PermissionDenied):
        services.meeting_transition(meeting=meeting, by=UserFactory(), action="hold")
    with pytest.raises(PermissionDenied):
        services.meeting_follow_up(meeting=meeting, by=UserFactory(), follow_up=FollowUp.NONE)
