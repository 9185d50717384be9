"""API of fairs: the staff see and do everything of their fair, a participant its own rows and
the other side's names without contacts, anyone else a 404 (ids asserted), anonymous a 401,
wrong methods a 405, bad input a 400 and a domain refusal a 422."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from essaim.accounts.services import token_create
from essaim.events.models import Audience
from essaim.fairs.models import Meeting, MeetingRequest, MeetingState, Side
from tests.api.conftest import bearer
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.fairs.factories import FairFactory, MeetingFactory, ParticipantFactory, RequestFactory, SlotFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/fairs"


def _auth(user) -> dict:
    _token, clear = token_create(user=user, name="test")
    return bearer(clear)


@pytest.fixture
def fair():
    return FairFactory(audience=Audience.CARRIERS)


@pytest.fixture
def staff(fair):
    return MembershipFactory(organisation=fair.organisation).user


@pytest.fixture
def person():
    return UserFactory()


@pytest.fixture
def buyer(fair, person):
    return ParticipantFactory(event=fair, user=person)


@pytest.fixture
def supplier(fair):
    return ParticipantFactory(event=fair, side=Side.SUPPLIER)


def test_anonymous_is_a_401(client, fair):
    for url in (BASE, f"{BASE}/{fair.pk}/participants", f"{BASE}/{fair.pk}/meetings"):
        assert client.get(url).status_code == 401
    assert client.post(f"{BASE}/{fair.pk}/schedule").status_code == 401


def test_my_fairs_say_my_role(client, fair, staff, buyer):
    other = FairFactory()
    assert [(f["id"], f["role"]) for f in client.get(BASE, headers=_auth(staff)).json()["results"]] == [
        (fair.pk, "staff")
    ]
    assert [(f["id"], f["role"]) for f in client.get(BASE, headers=_auth(buyer.user)).json()["results"]] == [
        (fair.pk, "participant")
    ]
    assert other.pk not in [f["id"] for f in client.get(BASE, headers=_auth(UserFactory())).json()["results"]]


def test_participants_contacts_are_for_the_staff(client, fair, staff, buyer, supplier):
    rows = client.get(f"{BASE}/{fair.pk}/participants", headers=_auth(staff)).json()["results"]
    assert [(r["id"], r["email"]) for r in rows] == [(buyer.pk, buyer.email), (supplier.pk, supplier.email)]
    rows = client.get(f"{BASE}/{fair.pk}/participants", headers=_auth(buyer.user)).json()["results"]
    assert [(r["id"], r["email"], r["contact_name"]) for r in rows] == [
        (buyer.pk, None, None),
        (supplier.pk, None, None),
    ]


@pytest.mark.parametrize("who", ["another_team", "a_stranger"])
def test_others_get_404s_and_change_nothing(client, fair, buyer, supplier, who):
    found = RequestFactory(requester=buyer, target=supplier)
    meeting = MeetingFactory(event=fair, buyer=buyer, supplier=supplier)
    headers = _auth(MembershipFactory().user if who == "another_team" else UserFactory())
    for url in ("participants", "requests", "meetings"):
        assert client.get(f"{BASE}/{fair.pk}/{url}", headers=headers).status_code == 404
    body = {"requester": buyer.pk, "target": supplier.pk, "priority": 1}
    assert (
        client.post(
            f"{BASE}/{fair.pk}/requests", body, content_type="application/json", headers=headers
        ).status_code
        == 404
    )
    assert client.delete(f"{BASE}/{fair.pk}/requests/{found.pk}", headers=headers).status_code == 404
    assert client.post(f"{BASE}/{fair.pk}/schedule", headers=headers).status_code == 404
    response = client.patch(
        f"{BASE}/{fair.pk}/meetings/{meeting.pk}",
        {"action": "hold"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 404
    assert list(MeetingRequest.objects.values_list("pk", flat=True)) == [found.pk]
    assert list(Meeting.objects.values_list("pk", "state")) == [(meeting.pk, "planned")]


def test_a_participant_asks_withdraws_and_may_not_run_the_schedule(client, fair, buyer, supplier):
    headers = _auth(buyer.user)
    body = {"requester": buyer.pk, "target": supplier.pk, "priority": 1}
    response = client.post(
        f"{BASE}/{fair.pk}/requests", body, content_type="application/json", headers=headers
    )
    assert response.status_code == 201
    found = MeetingRequest.objects.get()
    assert response.json() == {"id": found.pk, "requester": buyer.pk, "target": supplier.pk, "priority": 1}
    again = client.post(f"{BASE}/{fair.pk}/requests", body, content_type="application/json", headers=headers)
    assert again.status_code == 422
    assert list(again.json()["errors"]) == ["target"]
    other = ParticipantFactory(event=fair)
    forged = {"requester": other.pk, "target": supplier.pk}
    assert (
        client.post(
            f"{BASE}/{fair.pk}/requests", forged, content_type="application/json", headers=headers
        ).status_code
        == 403
    )
    listed = client.get(f"{BASE}/{fair.pk}/requests", headers=headers).json()
    assert [r["id"] for r in listed["results"]] == [found.pk]
    assert (listed["count"], listed["next"], listed["previous"]) == (1, None, None)
    assert client.post(f"{BASE}/{fair.pk}/schedule", headers=headers).status_code == 403
    assert client.delete(f"{BASE}/{fair.pk}/requests/{found.pk}", headers=headers).status_code == 204
    assert MeetingRequest.objects.count() == 0


def test_bad_input_is_a_400(client, fair, buyer, supplier):
    headers = _auth(buyer.user)
    for body in (
        {"requester": buyer.pk, "target": supplier.pk, "priority": 9},
        {"requester": "x", "target": 1},
        [1],
    ):
        response = client.post(
            f"{BASE}/{fair.pk}/requests", body, content_type="application/json", headers=headers
        )
        assert response.status_code == 400
    meeting = MeetingFactory(event=fair, buyer=buyer, supplier=supplier)
    response = client.patch(
        f"{BASE}/{fair.pk}/meetings/{meeting.pk}",
        {"action": "fly"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400


def test_the_staff_run_the_schedule_and_a_party_records_a_deal(client, fair, staff, buyer, supplier):
    SlotFactory(event=fair, tables=3)
    RequestFactory(requester=buyer, target=supplier, priority=1)
    response = client.post(f"{BASE}/{fair.pk}/schedule", headers=_auth(staff))
    assert response.status_code == 201
    assert {k: response.json()[k] for k in ("meetings", "requests", "honoured", "optimal")} == {
        "meetings": 1,
        "requests": 1,
        "honoured": 1,
        "optimal": True,
    }
    meeting = Meeting.objects.get()
    headers = _auth(buyer.user)
    listed = client.get(f"{BASE}/{fair.pk}/meetings", headers=headers).json()["results"]
    assert [m["id"] for m in listed] == [meeting.pk]
    url = f"{BASE}/{fair.pk}/meetings/{meeting.pk}"
    refused = client.patch(
        url, {"follow_up": "deal", "deal_amount": "900"}, content_type="application/json", headers=headers
    )
    assert refused.status_code == 422  # not held yet
    response = client.patch(
        url,
        {"action": "hold", "follow_up": "deal", "deal_amount": "900.5"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["follow_up"], response.json()["deal_amount"]) == (
        "held",
        "deal",
        "900.50",
    )
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.HELD


def test_wrong_methods_are_405(client, fair, staff):
    headers = _auth(staff)
    assert client.put(f"{BASE}/{fair.pk}/participants", headers=headers).status_code == 405
    assert client.get(f"{BASE}/{fair.pk}/schedule", headers=headers).status_code == 405
    assert client.delete(f"{BASE}/{fair.pk}/meetings", headers=headers).status_code == 405


def test_the_meetings_list_queries_do_not_grow(client, fair, staff):
    headers = _auth(staff)
    url = f"{BASE}/{fair.pk}/meetings"

    def count():
        client.get(url, headers=headers)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, headers=headers).status_code == 200
        return len(captured)

    MeetingFactory(event=fair)
    one = count()
    for _ in range(5):
        MeetingFactory(event=fair)
    assert count() == one


def test_a_fair_id_past_what_the_database_stores_is_a_404(client):
    from tests.factories.accounts import UserFactory

    user = UserFactory()
    client.force_login(user)
    response = client.get("/api/v1/fairs/9223372036854775809/requests")
    assert response.status_code == 404


def test_the_requests_list_is_paginated_and_its_queries_do_not_grow(client, fair, staff, buyer):
    headers = _auth(staff)
    url = f"{BASE}/{fair.pk}/requests?page_size=2"

    def count():
        client.get(url, headers=headers)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, headers=headers).status_code == 200
        return len(captured)

    RequestFactory(requester=buyer, target=ParticipantFactory(event=fair, side="supplier"))
    one = count()
    for _ in range(4):
        RequestFactory(requester=buyer, target=ParticipantFactory(event=fair, side="supplier"))
    assert count() == one
    first = client.get(url, headers=headers).json()
    ids = list(MeetingRequest.objects.order_by("pk").values_list("pk", flat=True))
    assert first["count"] == 5 and [r["id"] for r in first["results"]] == ids[:2]
    assert first["next"].endswith("page=2&page_size=2") and first["previous"] is None
    last = client.get(f"{url}&page=3", headers=headers).json()
    assert [r["id"] for r in last["results"]] == ids[4:] and last["next"] is None
    assert client.get(f"{url}&page=4", headers=headers).status_code == 404
    bad = client.get(f"{BASE}/{fair.pk}/requests?page_size=1000", headers=headers)
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["page_size"]


def test_a_supplier_s_published_offer_is_given_with_the_participants(client, fair, staff, buyer):
    from tests.business.factories import OfferFactory

    offer = OfferFactory()
    supplier = ParticipantFactory(event=fair, side=Side.SUPPLIER, organisation=offer.organisation)
    hidden = ParticipantFactory(
        event=fair, side=Side.SUPPLIER, organisation=OfferFactory(is_published=False).organisation
    )
    for user in (staff, buyer.user):
        rows = {
            r["id"]: r["offer"]
            for r in client.get(f"{BASE}/{fair.pk}/participants", headers=_auth(user)).json()["results"]
        }
        assert rows == {buyer.pk: None, supplier.pk: offer.pk, hidden.pk: None}
    assert client.get(f"/api/v1/business/offers/{offer.pk}", headers=_auth(buyer.user)).status_code == 200


def _queries(client, url, headers) -> int:
    client.get(url, headers=headers)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, headers=headers).status_code == 200
    return len(captured)


def test_the_participants_list_is_paginated_and_its_queries_do_not_grow(client, fair, staff, buyer):
    from tests.business.factories import BuyerFactory, OfferFactory

    headers = _auth(staff)
    url = f"{BASE}/{fair.pk}/participants?page_size=2"
    one = _queries(client, url, headers)
    for _ in range(3):
        ParticipantFactory(event=fair, side=Side.SUPPLIER, organisation=OfferFactory().organisation)
    record = BuyerFactory()
    linked = ParticipantFactory(event=fair, organisation=record.organisation, buyer=record)
    assert _queries(client, url, headers) == one
    ids = [buyer.pk, linked.pk] if buyer.name < linked.name else [linked.pk, buyer.pk]
    first = client.get(url, headers=headers).json()
    assert first["count"] == 5 and [r["id"] for r in first["results"]] == ids
    assert {r["id"]: r["buyer"] for r in first["results"]} == {buyer.pk: None, linked.pk: record.pk}
    assert first["next"].endswith("page=2&page_size=2") and first["previous"] is None
    last = client.get(f"{url}&page=3", headers=headers).json()
    assert len(last["results"]) == 1 and last["next"] is None and last["results"][0]["side"] == "supplier"
    assert client.get(f"{url}&page=4", headers=headers).status_code == 404
    bad = client.get(f"{BASE}/{fair.pk}/participants?page=0&page_size=x", headers=headers)
    assert bad.status_code == 400 and sorted(bad.json()["errors"]) == ["page", "page_size"]


def test_the_meetings_list_is_paginated_for_staff_and_parties(client, fair, staff, buyer, supplier):
    mine = [MeetingFactory(event=fair, buyer=buyer) for _ in range(3)]
    others = [MeetingFactory(event=fair) for _ in range(2)]
    url = f"{BASE}/{fair.pk}/meetings?page_size=2"
    body = client.get(url, headers=_auth(staff)).json()
    assert body["count"] == 5 and len(body["results"]) == 2
    headers = _auth(buyer.user)
    first = client.get(url, headers=headers).json()
    assert first["count"] == 3 and first["previous"] is None
    second = client.get(f"{url}&page=2", headers=headers).json()
    seen = [m["id"] for m in first["results"] + second["results"]]
    assert sorted(seen) == sorted(m.pk for m in mine) and not set(seen) & {m.pk for m in others}
    assert client.get(f"{url}&page=3", headers=headers).status_code == 404
    one = _queries(client, url, headers)
    for _ in range(3):
        MeetingFactory(event=fair, buyer=buyer)
    assert _queries(client, url, headers) == one
    bad = client.get(f"{BASE}/{fair.pk}/meetings?page_size=101", headers=headers)
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["page_size"]
