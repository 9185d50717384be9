"""A fair's buyer participant linked to its organisation's buyer record (essaim/business): found
when the participant is added, linked or registered afterwards by whom may, refused with a
French message otherwise; its meetings' follow-ups count in that buyer's figures."""

from decimal import Decimal

import pytest

from essaim.accounts.models import Membership
from essaim.audit.models import Event as AuditEvent
from essaim.business.figures import breakdown, buyer_figures
from essaim.business.models import Buyer
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.fairs import services
from essaim.fairs.models import FollowUp, MeetingState, Side
from tests.business.factories import BuyerFactory
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import OrganisationFactory
from tests.fairs.factories import FairFactory, MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair():
    return FairFactory()


@pytest.fixture
def staff(fair):
    return MembershipFactory(organisation=fair.organisation).user


def test_adding_a_buyer_participant_finds_its_buyer_record(fair, staff):
    buyer = BuyerFactory()
    participant = services.participant_add(
        event=fair,
        by=staff,
        side=Side.BUYER,
        name="",
        contact_name="Lucie Martin",
        email="achats@mairie.example.org",
        organisation=buyer.organisation,
    )
    assert participant.buyer == buyer
    supplier = services.participant_add(
        event=fair,
        by=staff,
        side=Side.SUPPLIER,
        name="",
        contact_name="Paul",
        email="paul@scic.example.org",
        organisation=buyer.organisation,
    )
    assert supplier.buyer is None


def test_staff_link_a_participant_to_an_existing_buyer(fair, staff):
    buyer = BuyerFactory()
    participant = ParticipantFactory(event=fair, organisation=buyer.organisation)
    services.participant_link_buyer(participant=participant, by=staff)
    participant.refresh_from_db()
    assert participant.buyer_id == buyer.pk
    event = AuditEvent.objects.filter(action="update", object_id=str(participant.pk)).latest("pk")
    assert event.changes == {"buyer": [None, buyer.pk]}


def test_registering_a_new_buyer_is_for_the_organisations_admins(fair, staff):
    organisation = OrganisationFactory()
    participant = ParticipantFactory(event=fair, organisation=organisation)
    with pytest.raises(ValidationError) as exc:
        services.participant_link_buyer(participant=participant, by=staff)
    assert "type d'acheteur" in str(exc.value.message_dict["kind"])
    with pytest.raises(PermissionDenied):  # the fair's staff are not the mairie's admins
        services.participant_link_buyer(participant=participant, by=staff, kind="local_authority")
    assert not Buyer.objects.filter(organisation=organisation).exists()
    admin = MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN).user
    services.participant_link_buyer(participant=participant, by=admin, kind="local_authority")
    participant.refresh_from_db()
    assert participant.buyer.organisation == organisation and participant.buyer.kind == "local_authority"


def test_nobody_else_links_and_bad_participants_are_refused(fair, staff):
    buyer = BuyerFactory()
    participant = ParticipantFactory(event=fair, organisation=buyer.organisation)
    with pytest.raises(PermissionDenied):
        services.participant_link_buyer(participant=participant, by=UserFactory())
    with pytest.raises(PermissionDenied):  # staff of another organisation
        services.participant_link_buyer(participant=participant, by=MembershipFactory().user)
    supplier = ParticipantFactory(event=fair, side=Side.SUPPLIER, organisation=buyer.organisation)
    with pytest.raises(ValidationError) as exc:
        services.participant_link_buyer(participant=supplier, by=staff)
    assert "acheteur" in str(exc.value.message_dict["buyer"])
    free = ParticipantFactory(event=fair)
    with pytest.raises(ValidationError) as exc:
        services.participant_link_buyer(participant=free, by=staff)
    assert "annuaire" in str(exc.value.message_dict["buyer"])
    participant.refresh_from_db()
    assert participant.buyer is None


def test_the_buyers_own_staff_may_link_it(fair):
    buyer = BuyerFactory()
    participant = ParticipantFactory(event=fair, organisation=buyer.organisation)
    member = MembershipFactory(organisation=buyer.organisation, role=Membership.Role.MEMBER).user
    services.participant_link_buyer(participant=participant, by=member)
    participant.refresh_from_db()
    assert participant.buyer == buyer


def test_meetings_follow_ups_feed_the_buyers_figures(fair):
    buyer = BuyerFactory(annual_purchases=Decimal("100000"))
    linked = ParticipantFactory(event=fair, organisation=buyer.organisation, buyer=buyer)
    held = {"state": MeetingState.HELD, "event": fair, "buyer": linked}
    MeetingFactory(**held, follow_up=FollowUp.DEAL, deal_amount=Decimal("12000"))
    MeetingFactory(**held, follow_up=FollowUp.QUOTE)
    MeetingFactory(**held, follow_up=FollowUp.NONE)
    MeetingFactory(event=fair, buyer=linked)  # planned: nothing yet
    MeetingFactory(event=fair, state=MeetingState.HELD, follow_up=FollowUp.DEAL, deal_amount=1)  # not linked
    row = buyer_figures(buyer)
    assert (row.requests, row.deals, row.amount, row.ess_share) == (2, 1, Decimal("12000"), 12.0)
    [outside] = [r for r in breakdown("buyer", inside=False) if r.key == str(buyer.pk)]
    assert str(outside.deals) == "< 5" and str(outside.amount) == "< 5" and outside.requests == 2


def test_the_buyer_figures_take_one_more_query(fair, django_assert_max_num_queries):
    buyer = BuyerFactory()
    for _i in range(3):
        linked = ParticipantFactory(event=fair, organisation=OrganisationFactory(), buyer=buyer)
        MeetingFactory(event=fair, buyer=linked, state=MeetingState.HELD, follow_up=FollowUp.QUOTE)
    # four for the flows, one for the fairs' meetings, the labels, the yearly purchases
    with django_assert_max_num_queries(7):
        assert buyer_figures(buyer).requests == 3
