"""Staff pages of fairs: the fair's team, anonymous (to the login page), another team (404 on
ids, nothing written), a visitor of a public fair (403), wrong methods (405); the lists' queries
do not grow with their rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from essaim.events.models import Audience
from essaim.fairs.models import FairParticipant, Meeting, MeetingRequest, Side, Slot
from tests.events.factories import EventFactory
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.fairs.factories import FairFactory, MeetingFactory, ParticipantFactory, RequestFactory, SlotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair():
    return FairFactory(audience=Audience.CARRIERS)


def _staff_of(fair):
    return MembershipFactory(organisation=fair.organisation).user


def _urls(fair):
    participant = ParticipantFactory(event=fair)
    slot = SlotFactory(event=fair)
    return {
        "manage": ("get", reverse("fairs:manage", args=[fair.pk])),
        "participant_add": ("post", reverse("fairs:participant_add", args=[fair.pk])),
        "participant_remove": ("post", reverse("fairs:participant_remove", args=[fair.pk, participant.pk])),
        "participant_link_buyer": (
            "post",
            reverse("fairs:participant_link_buyer", args=[fair.pk, participant.pk]),
        ),
        "slot_add": ("post", reverse("fairs:slot_add", args=[fair.pk])),
        "slot_remove": ("post", reverse("fairs:slot_remove", args=[fair.pk, slot.pk])),
        "requests": ("get", reverse("fairs:requests", args=[fair.pk])),
        "grid": ("get", reverse("fairs:grid", args=[fair.pk])),
        "schedule_run": ("post", reverse("fairs:schedule_run", args=[fair.pk])),
    }


NAMES = sorted(
    [
        "manage",
        "participant_add",
        "participant_remove",
        "participant_link_buyer",
        "slot_add",
        "slot_remove",
        "requests",
        "grid",
        "schedule_run",
    ]
)


@pytest.mark.parametrize("name", NAMES)
def test_anonymous_goes_to_the_login_page(client, fair, name):
    method, url = _urls(fair)[name]
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("web:login"))


@pytest.mark.parametrize("name", NAMES)
def test_another_team_gets_a_404_and_changes_nothing(client, fair, name):
    method, url = _urls(fair)[name]
    before = (FairParticipant.objects.count(), Slot.objects.count(), Meeting.objects.count())
    client.force_login(MembershipFactory().user)
    response = getattr(client, method)(
        url, {"name": "X", "contact_name": "Y", "email": "x@example.org", "side": "buyer"}
    )
    assert response.status_code == 404
    assert (FairParticipant.objects.count(), Slot.objects.count(), Meeting.objects.count()) == before


@pytest.mark.parametrize("name", ["manage", "requests", "grid", "schedule_run"])
def test_a_visitor_of_a_public_fair_is_refused(client, name):
    fair = FairFactory(audience=Audience.PUBLIC)
    method, url = _urls(fair)[name]
    client.force_login(UserFactory())
    assert getattr(client, method)(url).status_code == 403


def test_the_list_is_refused_to_people_who_run_nothing(client):
    client.force_login(UserFactory())
    assert client.get(reverse("fairs:staff_list")).status_code == 403


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("manage", "post"),
        ("grid", "post"),
        ("participant_add", "get"),
        ("slot_add", "get"),
        ("schedule_run", "get"),
        ("slot_remove", "get"),
        ("participant_remove", "get"),
        ("participant_link_buyer", "get"),
        ("requests", "put"),
    ],
)
def test_wrong_method(client, fair, name, method):
    _m, url = _urls(fair)[name]
    client.force_login(_staff_of(fair))
    assert getattr(client, method)(url).status_code == 405


def test_the_list_shows_the_fairs_of_the_team_only(client, fair):
    staff = _staff_of(fair)
    other = FairFactory()
    ParticipantFactory(event=fair, side=Side.SUPPLIER)
    client.force_login(staff)
    response = client.get(reverse("fairs:staff_list"))
    assert response.status_code == 200
    assert [f.pk for f in response.context["fairs"]] == [fair.pk]
    assert (response.context["fairs"][0].buyers, response.context["fairs"][0].suppliers) == (0, 1)
    assert other.pk not in [f.pk for f in response.context["fairs"]]


def test_staff_add_participants_and_slots_then_build_and_read_the_grid(client, fair):
    client.force_login(_staff_of(fair))
    for side, email in (("buyer", "achats@ville.example.org"), ("supplier", "contact@scop.example.org")):
        response = client.post(
            reverse("fairs:participant_add", args=[fair.pk]),
            {"side": side, "name": f"Structure {side}", "contact_name": "Camille", "email": email},
        )
        assert response.status_code == 302
    start = fair.starts_at.replace(microsecond=0)
    response = client.post(
        reverse("fairs:slot_add", args=[fair.pk]),
        {
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + dt.timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M"),
            "tables": "4",
        },
    )
    assert response.status_code == 302
    buyer, supplier = FairParticipant.objects.filter(event=fair).order_by("side")
    response = client.post(
        reverse("fairs:requests", args=[fair.pk]),
        {"requester": buyer.pk, "target": supplier.pk, "priority": "1"},
    )
    assert response.status_code == 302
    assert list(MeetingRequest.objects.values_list("requester_id", "target_id", "priority")) == [
        (buyer.pk, supplier.pk, 1)
    ]
    assert client.post(reverse("fairs:schedule_run", args=[fair.pk])).status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.buyer_id, meeting.supplier_id, meeting.table) == (buyer.pk, supplier.pk, 1)
    response = client.get(reverse("fairs:grid", args=[fair.pk]))
    assert [[m.pk for m in s.meetings.all()] for s in response.context["slots"]] == [[meeting.pk]]
    assert "Table 1 : Structure buyer rencontre Structure supplier" in response.content.decode()


def test_a_bad_participant_is_a_400_with_the_field_said(client, fair):
    ParticipantFactory(event=fair, email="a@example.org")
    client.force_login(_staff_of(fair))
    response = client.post(
        reverse("fairs:participant_add", args=[fair.pk]),
        {"side": "buyer", "name": "X", "contact_name": "Y", "email": "a@example.org"},
    )
    assert response.status_code == 400
    assert response.context["participant_form"].errors == {
        "email": ["Cette adresse participe déjà à ce salon."]
    }


def test_staff_remove_a_slot_and_a_participant(client, fair):
    slot, participant = SlotFactory(event=fair), ParticipantFactory(event=fair)
    client.force_login(_staff_of(fair))
    client.post(reverse("fairs:slot_remove", args=[fair.pk, slot.pk]))
    client.post(reverse("fairs:participant_remove", args=[fair.pk, participant.pk]))
    assert (Slot.objects.filter(event=fair).count(), FairParticipant.objects.filter(event=fair).count()) == (
        0,
        0,
    )


def test_a_child_of_another_fair_is_a_404(client, fair):
    other = FairFactory(programme=fair.programme)
    slot, participant = SlotFactory(event=other), ParticipantFactory(event=other)
    client.force_login(_staff_of(fair))
    assert client.post(reverse("fairs:slot_remove", args=[fair.pk, slot.pk])).status_code == 404
    assert client.post(reverse("fairs:participant_remove", args=[fair.pk, participant.pk])).status_code == 404
    assert (
        Slot.objects.filter(pk=slot.pk).exists()
        and FairParticipant.objects.filter(pk=participant.pk).exists()
    )


def _queries(client, url) -> int:
    client.get(url)  # warm-up
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(fair, n):
    for _ in range(n):
        RequestFactory(requester=ParticipantFactory(event=fair))
        MeetingFactory(event=fair)


@pytest.mark.parametrize("name", ["manage", "requests", "grid"])
def test_query_counts_do_not_grow_with_rows(client, fair, name):
    client.force_login(_staff_of(fair))
    url = reverse(f"fairs:{name}", args=[fair.pk])
    _grow(fair, 1)
    one = _queries(client, url)
    _grow(fair, 6)
    assert _queries(client, url) == one


def test_the_list_query_count_does_not_grow(client, fair):
    staff = _staff_of(fair)
    client.force_login(staff)
    url = reverse("fairs:staff_list")
    one = _queries(client, url)
    for _ in range(4):
        ParticipantFactory(event=FairFactory(programme=fair.programme))
    assert _queries(client, url) == one


def test_the_fair_is_reached_from_its_event_and_the_list_from_the_event_form(client, fair):
    client.force_login(_staff_of(fair))
    event_page = client.get(reverse("events:manage", args=[fair.pk])).content.decode()
    assert f'href="{reverse("fairs:manage", args=[fair.pk])}"' in event_page
    listing = client.get(reverse("fairs:staff_list")).content.decode()
    assert f'href="{reverse("events:create")}"' in listing


def test_an_event_that_is_not_a_fair_does_not_link_to_the_fair_pages(client, fair):
    workshop = EventFactory(programme=fair.programme, kind="workshop")
    client.force_login(_staff_of(fair))
    page = client.get(reverse("events:manage", args=[workshop.pk])).content.decode()
    assert "/espace/salons/" not in page


def test_the_requests_page_is_paginated(client, fair, monkeypatch):
    from essaim.web.fairs import staff_views

    monkeypatch.setattr(staff_views, "REQUESTS_PER_PAGE", 2)
    client.force_login(_staff_of(fair))
    buyer = ParticipantFactory(event=fair, side=Side.BUYER, name="Acheteur A")
    made = [
        RequestFactory(requester=buyer, target=ParticipantFactory(event=fair, side=Side.SUPPLIER))
        for _ in range(5)
    ]
    url = reverse("fairs:requests", args=[fair.pk])
    first = client.get(url)
    withdraw = [reverse("fairs:request_withdraw", args=[fair.pk, r.pk]) for r in made]
    page = first.content.decode()
    assert "5\u00a0demandes" in page and "Page 1 sur 3" in page and 'href="?page=2"' in page
    assert sum(w in page for w in withdraw) == 2
    last = client.get(url, {"page": 3}).content.decode()
    assert sum(w in last for w in withdraw) == 1 and 'href="?page=2"' in last
    # A page past the end, or not a number, shows the last or the first page (never a 404 or 500).
    assert client.get(url, {"page": 99}).status_code == 200
    assert client.get(url, {"page": "x"}).status_code == 200


def test_the_staff_see_which_supplier_has_an_offer(client, fair):
    from tests.business.factories import OfferFactory

    offer = OfferFactory()
    ParticipantFactory(event=fair, side=Side.SUPPLIER, organisation=offer.organisation)
    ParticipantFactory(
        event=fair, side=Side.SUPPLIER, organisation=OfferFactory(is_published=False).organisation
    )
    client.force_login(_staff_of(fair))
    page = client.get(reverse("fairs:manage", args=[fair.pk])).content.decode()
    assert page.count("Son offre de fournisseur") == 1
    assert f'href="{reverse("business:offer", args=[offer.pk])}"' in page


def test_staff_link_a_buyer_participant_to_its_buyer_record(client, fair):
    from essaim.accounts.models import Membership
    from essaim.business.models import Buyer
    from tests.business.factories import BuyerFactory
    from tests.factories.directory import OrganisationFactory

    staff = _staff_of(fair)
    client.force_login(staff)
    record = BuyerFactory()
    known = ParticipantFactory(event=fair, organisation=record.organisation)
    new = ParticipantFactory(event=fair, organisation=OrganisationFactory())
    page = client.get(reverse("fairs:manage", args=[fair.pk])).content.decode()
    assert page.count("Relier à sa fiche d'acheteur") == 2
    url = reverse("fairs:participant_link_buyer", args=[fair.pk, known.pk])
    assert client.post(url).status_code == 302
    known.refresh_from_db()
    assert known.buyer == record
    page = client.get(reverse("fairs:manage", args=[fair.pk])).content.decode()
    assert "Relié à sa fiche d'acheteur" in page and page.count("Relier à sa fiche d'acheteur") == 1
    url = reverse("fairs:participant_link_buyer", args=[fair.pk, new.pk])
    response = client.post(url, follow=True)
    assert "pas encore acheteur : indiquez son type" in response.content.decode()
    response = client.post(url, {"kind": "local_authority"}, follow=True)
    assert "Seuls les administrateurs de cette structure" in response.content.decode()
    assert not Buyer.objects.filter(organisation=new.organisation).exists()
    MembershipFactory(organisation=new.organisation, role=Membership.Role.ADMIN, user=staff)
    response = client.post(url, {"kind": "n'importe"}, follow=True)
    assert "acheteur inconnu" in response.content.decode()
    assert client.post(url, {"kind": "local_authority"}).status_code == 302
    new.refresh_from_db()
    assert new.buyer.kind == "local_authority"


def test_a_participant_of_another_fair_is_not_linked(client, fair):
    from tests.business.factories import BuyerFactory

    other = FairFactory(programme=fair.programme)
    participant = ParticipantFactory(event=other, organisation=BuyerFactory().organisation)
    client.force_login(_staff_of(fair))
    url = reverse("fairs:participant_link_buyer", args=[fair.pk, participant.pk])
    assert client.post(url).status_code == 404
    participant.refresh_from_db()
    assert participant.buyer is None
