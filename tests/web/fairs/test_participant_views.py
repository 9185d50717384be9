"""Participants' pages of fairs: the participant itself and the fair's team, anonymous (to the
login page), another participant (403) or another team (404 on ids), nothing written, wrong methods
(405); the sheet is a PDF; the lists' queries do not grow with their rows."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from essaim.events.models import Audience
from essaim.fairs.models import FollowUp, Meeting, MeetingRequest, MeetingState, Side
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.fairs.factories import FairFactory, MeetingFactory, ParticipantFactory, RequestFactory, SlotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair():
    return FairFactory(audience=Audience.CARRIERS)


@pytest.fixture
def person():
    return UserFactory()


@pytest.fixture
def buyer(fair, person):
    return ParticipantFactory(event=fair, user=person, name="Mairie de Figeac")


@pytest.fixture
def supplier(fair):
    return ParticipantFactory(event=fair, side=Side.SUPPLIER, name="SCOP Les Menuisiers")


def _urls(fair, buyer, supplier):
    found = RequestFactory(requester=buyer, target=supplier)
    meeting = MeetingFactory(event=fair, buyer=buyer, supplier=supplier)
    return {
        "participation": ("get", reverse("fairs:participation", args=[fair.pk, buyer.pk])),
        "request_add": ("post", reverse("fairs:request_add", args=[fair.pk, buyer.pk])),
        "sheet": ("get", reverse("fairs:sheet", args=[fair.pk, buyer.pk])),
        "request_withdraw": ("post", reverse("fairs:request_withdraw", args=[fair.pk, found.pk])),
        "meeting_move": ("post", reverse("fairs:meeting_move", args=[fair.pk, meeting.pk])),
        "meeting_follow_up": ("post", reverse("fairs:meeting_follow_up", args=[fair.pk, meeting.pk])),
    }


NAMES = sorted(
    ["participation", "request_add", "sheet", "request_withdraw", "meeting_move", "meeting_follow_up"]
)


@pytest.mark.parametrize("name", [*NAMES, "mine"])
def test_anonymous_goes_to_the_login_page(client, fair, buyer, supplier, name):
    urls = {**_urls(fair, buyer, supplier), "mine": ("get", reverse("fairs:mine"))}
    method, url = urls[name]
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("web:login"))


@pytest.mark.parametrize("stranger", ["another_participant", "another_team"])
@pytest.mark.parametrize("name", NAMES)
def test_a_stranger_is_refused_and_changes_nothing(client, fair, buyer, supplier, name, stranger):
    method, url = _urls(fair, buyer, supplier)[name]
    if stranger == "another_participant":
        user = UserFactory()
        ParticipantFactory(event=fair, user=user, side=Side.SUPPLIER)
    else:
        user = MembershipFactory().user
    client.force_login(user)
    response = getattr(client, method)(
        url, {"action": "hold", "follow_up": "none", "target": supplier.pk, "priority": "1"}
    )
    # Another participant sees the fair but not this participant's rows: 403; another team: 404.
    assert response.status_code == (403 if stranger == "another_participant" else 404)
    assert list(Meeting.objects.values_list("state", flat=True)) == ["planned"]
    assert MeetingRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("participation", "post"),
        ("sheet", "post"),
        ("request_add", "get"),
        ("request_withdraw", "get"),
        ("meeting_move", "get"),
        ("meeting_follow_up", "get"),
    ],
)
def test_wrong_method(client, fair, buyer, supplier, person, name, method):
    _m, url = _urls(fair, buyer, supplier)[name]
    client.force_login(person)
    assert getattr(client, method)(url).status_code == 405


def test_mine_lists_only_ones_own_fairs(client, fair, buyer, person):
    ParticipantFactory(event=FairFactory())  # someone else's
    client.force_login(person)
    response = client.get(reverse("fairs:mine"))
    assert [p.pk for p in response.context["participations"]] == [buyer.pk]


def test_the_participant_asks_for_a_meeting_and_withdraws_it(client, fair, buyer, supplier, person):
    client.force_login(person)
    response = client.get(reverse("fairs:participation", args=[fair.pk, buyer.pk]))
    assert [choice[0] for choice in response.context["form"].fields["target"].choices] == [supplier.pk]
    client.post(
        reverse("fairs:request_add", args=[fair.pk, buyer.pk]), {"target": supplier.pk, "priority": "1"}
    )
    found = MeetingRequest.objects.get()
    assert (found.requester_id, found.target_id, found.priority) == (buyer.pk, supplier.pk, 1)
    response = client.post(
        reverse("fairs:request_add", args=[fair.pk, buyer.pk]), {"target": buyer.pk, "priority": "1"}
    )
    assert MeetingRequest.objects.count() == 1  # oneself is not a counterpart
    client.post(reverse("fairs:request_withdraw", args=[fair.pk, found.pk]))
    assert MeetingRequest.objects.count() == 0


def test_the_participant_records_a_meeting_and_a_deal(client, fair, buyer, supplier, person):
    meeting = MeetingFactory(event=fair, buyer=buyer, supplier=supplier)
    client.force_login(person)
    response = client.get(reverse("fairs:participation", args=[fair.pk, buyer.pk]))
    assert [[t.name for t in m.moves] for m in response.context["meetings"]] == [["hold", "miss"]]
    assert "SCOP Les Menuisiers" in response.content.decode()
    client.post(reverse("fairs:meeting_move", args=[fair.pk, meeting.pk]), {"action": "hold"})
    client.post(
        reverse("fairs:meeting_follow_up", args=[fair.pk, meeting.pk]),
        {"follow_up": "deal", "deal_amount": "4800"},
    )
    meeting.refresh_from_db()
    assert (meeting.state, meeting.follow_up, meeting.deal_amount) == (
        MeetingState.HELD,
        FollowUp.DEAL,
        Decimal("4800.00"),
    )


def test_the_staff_record_a_meeting_too(client, fair, buyer, supplier):
    meeting = MeetingFactory(event=fair, buyer=buyer, supplier=supplier)
    client.force_login(MembershipFactory(organisation=fair.organisation).user)
    response = client.post(reverse("fairs:meeting_move", args=[fair.pk, meeting.pk]), {"action": "miss"})
    assert response.url == reverse("fairs:grid", args=[fair.pk])
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.MISSED


def test_the_sheet_is_a_pdf(client, fair, buyer, supplier, person):
    MeetingFactory(event=fair, buyer=buyer, supplier=supplier, slot=SlotFactory(event=fair))
    client.force_login(person)
    response = client.get(reverse("fairs:sheet", args=[fair.pk, buyer.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == f'attachment; filename="salon-{fair.pk}-fiche-{buyer.pk}.pdf"'


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_participation_page_queries_do_not_grow(client, fair, buyer, person):
    client.force_login(person)
    url = reverse("fairs:participation", args=[fair.pk, buyer.pk])

    def grow():
        supplier = ParticipantFactory(event=fair, side=Side.SUPPLIER)
        RequestFactory(requester=buyer, target=supplier)
        MeetingFactory(event=fair, buyer=buyer, supplier=supplier)

    grow()
    one = _queries(client, url)
    for _ in range(5):
        grow()
    assert _queries(client, url) == one


def test_the_list_of_my_fairs_queries_do_not_grow(client, person):
    client.force_login(person)
    ParticipantFactory(user=person)
    one = _queries(client, reverse("fairs:mine"))
    for _ in range(4):
        ParticipantFactory(user=person)
    assert _queries(client, reverse("fairs:mine")) == one


def test_a_buyer_reads_the_suppliers_offers_before_asking(client, fair, buyer, person):
    from tests.business.factories import OfferFactory

    offered = OfferFactory()
    hidden = OfferFactory(is_published=False)
    with_offer = ParticipantFactory(event=fair, side=Side.SUPPLIER, organisation=offered.organisation)
    unpublished = ParticipantFactory(event=fair, side=Side.SUPPLIER, organisation=hidden.organisation)
    ParticipantFactory(event=fair, side=Side.SUPPLIER)  # a free name, no directory organisation
    client.force_login(person)
    page = client.get(reverse("fairs:participation", args=[fair.pk, buyer.pk])).content.decode()
    assert f'href="{reverse("business:offer", args=[offered.pk])}">{with_offer.name}</a>' in page
    assert reverse("business:offer", args=[hidden.pk]) not in page
    assert unpublished.name in page  # still one may ask to meet it
    assert client.get(reverse("business:offer", args=[offered.pk])).status_code == 200


def test_the_offers_do_not_add_queries_to_the_participation_page(client, fair, buyer, person):
    from tests.business.factories import OfferFactory

    client.force_login(person)
    url = reverse("fairs:participation", args=[fair.pk, buyer.pk])
    ParticipantFactory(event=fair, side=Side.SUPPLIER, organisation=OfferFactory().organisation)
    one = _queries(client, url)
    for _ in range(4):
        ParticipantFactory(event=fair, side=Side.SUPPLIER, organisation=OfferFactory().organisation)
    assert _queries(client, url) == one
