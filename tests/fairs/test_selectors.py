"""Reads of fairs: the staff's fairs, a fair through the event's scoping (another kind of event is
a 404), a participant's own fair, the scheduler's input oriented buyer → supplier, the follow-ups."""

from decimal import Decimal

import pytest
from django.http import Http404

from essaim.core.errors import PermissionDenied
from essaim.events.models import Audience, EventKind
from essaim.fairs import selectors
from essaim.fairs.models import FollowUp, MeetingState, Side
from essaim.fairs.scheduler import Request
from tests.events.factories import EventFactory
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.fairs.factories import FairFactory, MeetingFactory, ParticipantFactory, RequestFactory

pytestmark = pytest.mark.django_db


def test_fair_for_scopes_through_the_event_and_the_kind():
    fair = FairFactory(audience=Audience.CARRIERS)
    staff = MembershipFactory(organisation=fair.organisation).user
    assert selectors.fair_for(staff, fair.pk, manage=True).pk == fair.pk
    with pytest.raises(Http404):
        selectors.fair_for(MembershipFactory().user, fair.pk)
    workshop = EventFactory(kind=EventKind.WORKSHOP, programme=fair.programme)
    with pytest.raises(Http404):
        selectors.fair_for(staff, workshop.pk)


def test_a_participant_reads_its_fair_but_may_not_manage_it():
    fair = FairFactory(audience=Audience.CARRIERS)
    person = UserFactory()
    ParticipantFactory(event=fair, user=person)
    assert selectors.fair_for(person, fair.pk).pk == fair.pk
    with pytest.raises(PermissionDenied):
        selectors.fair_for(person, fair.pk, manage=True)
    assert [p.event_id for p in selectors.my_participations(person)] == [fair.pk]


def test_managed_fairs_are_the_teams_fairs_only():
    fair = FairFactory()
    EventFactory(programme=fair.programme)  # a workshop of the same team
    FairFactory()  # another team's
    staff = MembershipFactory(organisation=fair.organisation).user
    assert [f.pk for f in selectors.managed_fairs(staff)] == [fair.pk]


def test_scheduler_input_orients_every_request_buyer_to_supplier():
    fair = FairFactory()
    buyer = ParticipantFactory(event=fair)
    supplier = ParticipantFactory(event=fair, side=Side.SUPPLIER)
    RequestFactory(requester=buyer, target=supplier, priority=1)
    RequestFactory(requester=supplier, target=buyer, priority=3)
    assert selectors.scheduler_input(fair) == [
        Request(buyer.pk, supplier.pk, 1),
        Request(buyer.pk, supplier.pk, 3),
    ]


def test_follow_ups_count_meetings_quotes_and_deals():
    fair = FairFactory()
    MeetingFactory(
        event=fair, state=MeetingState.HELD, follow_up=FollowUp.DEAL, deal_amount=Decimal("100.50")
    )
    MeetingFactory(event=fair, state=MeetingState.HELD, follow_up=FollowUp.QUOTE)
    MeetingFactory(event=fair)
    assert selectors.follow_ups(fair) == {
        "meetings": 3,
        "held": 2,
        "quotes": 1,
        "deals": 1,
        "amount": Decimal("100.50"),
    }
