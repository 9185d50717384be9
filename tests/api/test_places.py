"""/api/v1/places: resources one may book, a resource's bookings, booking and cancelling (422 on
a refusal of the domain, nothing written), one's bookings and memberships with the allowance,
the members of a place for its staff; 401 anonymous, 404 on ids outside one's reach."""

import datetime as dt

import pytest
from django.utils import timezone

from essaim.accounts.services import token_create
from essaim.places.models import Booking, BookingState, PlaceMembership
from tests.factories.accounts import MembershipFactory as StaffFactory
from tests.factories.accounts import UserFactory
from tests.places.factories import BookingFactory, MembershipFactory, ResourceFactory, at, staff_of

pytestmark = pytest.mark.django_db

URL = "/api/v1/places"


def auth(user) -> dict:
    _token, clear = token_create(user=user, name="test")
    return {"Authorization": f"Bearer {clear}"}


@pytest.fixture
def resource():
    return ResourceFactory(name="Salle Jaurès")


@pytest.fixture
def member(resource):
    return MembershipFactory(programme=resource.programme, monthly_allowance_minutes=180).user


def _iso(value: dt.datetime) -> str:
    return timezone.localtime(value).isoformat()


def test_anonymous_gets_a_401(client, resource):
    for path in ("/resources", f"/resources/{resource.pk}", "/bookings/mine", "/memberships/mine"):
        assert client.get(URL + path).status_code == 401, path
    response = client.post(f"{URL}/resources/{resource.pk}/bookings", {}, content_type="application/json")
    assert response.status_code == 401


def test_resources_are_the_ones_the_person_may_book(client, resource, member):
    ResourceFactory()  # another place, not a member
    ResourceFactory(programme=resource.programme, is_active=False)
    body = client.get(f"{URL}/resources", headers=auth(member)).json()
    assert [r["id"] for r in body] == [resource.pk]
    assert body[0]["hours"][0] == {"weekday": 0, "opens_at": "08:00", "closes_at": "20:00"}
    outsider = UserFactory()
    assert client.get(f"{URL}/resources/{resource.pk}", headers=auth(outsider)).status_code == 404


def test_a_member_books_then_cancels(client, resource, member):
    headers = auth(member)
    payload = {
        "starts_at": _iso(at(days=3, hour=10)),
        "ends_at": _iso(at(days=3, hour=11)),
        "weeks": 2,
        "note": "Comité",
    }
    response = client.post(
        f"{URL}/resources/{resource.pk}/bookings", payload, content_type="application/json", headers=headers
    )
    assert response.status_code == 201
    made = response.json()
    assert [b["state"] for b in made] == ["confirmed", "confirmed"]
    assert made[0]["actions"] == ["cancel"]
    mine = client.get(f"{URL}/bookings/mine", headers=headers).json()
    assert [b["id"] for b in mine["results"]] == [b["id"] for b in made]
    memberships = client.get(f"{URL}/memberships/mine", headers=headers).json()
    assert memberships[0]["allowance"]["cap_minutes"] == 180
    cancel = client.post(f"{URL}/bookings/{made[0]['id']}/cancel", headers=headers)
    assert cancel.status_code == 200 and cancel.json()["state"] == "cancelled"
    assert Booking.objects.get(pk=made[0]["id"]).state == BookingState.CANCELLED


def test_others_bookings_show_only_their_period(client, resource, member):
    BookingFactory(
        resource=resource, starts_at=at(days=1, hour=9), ends_at=at(days=1, hour=10), note="Secret"
    )
    day = timezone.localdate() + dt.timedelta(days=1)
    body = client.get(
        f"{URL}/resources/{resource.pk}/bookings",
        {"start": day.isoformat(), "end": day.isoformat()},
        headers=auth(member),
    ).json()
    assert [(b["mine"], b["note"], b["actions"]) for b in body] == [(False, "", [])]
    too_long = client.get(
        f"{URL}/resources/{resource.pk}/bookings",
        {"start": "2027-01-01", "end": "2027-06-01"},
        headers=auth(member),
    )
    assert too_long.status_code == 400 and "end" in too_long.json()["errors"]


@pytest.mark.parametrize(
    ("case", "payload", "status"),
    [
        ("end_before_start", {"starts_at": (3, 12), "ends_at": (3, 10)}, 422),
        ("outside_hours", {"starts_at": (3, 19), "ends_at": (3, 21)}, 422),
        ("too_many_weeks", {"starts_at": (3, 10), "ends_at": (3, 11), "weeks": 53}, 400),
        ("weeks_as_text", {"starts_at": (3, 10), "ends_at": (3, 11), "weeks": "2"}, 400),
        ("beyond_allowance", {"starts_at": (3, 8), "ends_at": (3, 12), "weeks": 1}, 422),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_bad_input_is_refused_and_writes_nothing(client, resource, member, case, payload, status):
    body = dict(payload)
    for key in ("starts_at", "ends_at"):
        body[key] = _iso(at(days=body[key][0], hour=body[key][1]))
    response = client.post(
        f"{URL}/resources/{resource.pk}/bookings", body, content_type="application/json", headers=auth(member)
    )
    assert response.status_code == status, response.json()
    assert response.json()["detail"]
    assert Booking.objects.count() == 0


def test_a_taken_period_is_a_422(client, resource, member):
    BookingFactory(resource=resource, starts_at=at(days=3, hour=10), ends_at=at(days=3, hour=11))
    payload = {
        "starts_at": _iso(at(days=3, hour=10, minute=30)),
        "ends_at": _iso(at(days=3, hour=11, minute=30)),
    }
    response = client.post(
        f"{URL}/resources/{resource.pk}/bookings",
        payload,
        content_type="application/json",
        headers=auth(member),
    )
    assert response.status_code == 422
    assert "déjà réservé" in response.json()["detail"]
    assert Booking.objects.count() == 1


def test_someone_else_s_booking_is_a_404(client, resource, member):
    booking = BookingFactory(resource=resource)
    assert client.post(f"{URL}/bookings/{booking.pk}/cancel", headers=auth(member)).status_code == 404
    assert Booking.objects.get(pk=booking.pk).state == BookingState.CONFIRMED


def test_the_staff_lists_and_sets_members(client, resource, member):
    staff = staff_of(resource.programme)
    place = resource.programme
    listed = client.get(f"{URL}/{place.pk}/members", headers=auth(staff)).json()
    assert [m["user_email"] for m in listed] == [member.email]
    person = UserFactory(email="dominique@example.org")
    payload = {"email": "Dominique@example.org", "kind": "resident", "monthly_allowance_minutes": 600}
    response = client.post(
        f"{URL}/{place.pk}/members", payload, content_type="application/json", headers=auth(staff)
    )
    assert response.status_code == 200
    assert PlaceMembership.objects.get(user=person).monthly_allowance_minutes == 600
    unknown = client.post(
        f"{URL}/{place.pk}/members", {"email": "x@y.z"}, content_type="application/json", headers=auth(staff)
    )
    assert unknown.status_code == 422 and "email" in unknown.json()["errors"]
    outsider = StaffFactory().user
    assert client.get(f"{URL}/{place.pk}/members", headers=auth(outsider)).status_code == 404
    assert client.get(f"{URL}/{place.pk}/members", headers=auth(member)).status_code == 404
    response = client.post(
        f"{URL}/{place.pk}/members", payload, content_type="application/json", headers=auth(member)
    )
    assert response.status_code == 404
    assert PlaceMembership.objects.count() == 2


@pytest.mark.parametrize("n", [1, 5])
def test_lists_do_not_grow_with_their_rows(client, resource, member, django_assert_max_num_queries, n):
    for i in range(n):
        ResourceFactory(programme=resource.programme)
        BookingFactory(
            resource=resource, user=member, starts_at=at(days=1 + i, hour=9), ends_at=at(days=1 + i, hour=10)
        )
    headers = auth(member)
    for path in ("/resources", "/bookings/mine", f"/resources/{resource.pk}/bookings"):
        with django_assert_max_num_queries(14):
            assert client.get(URL + path, headers=headers).status_code == 200


# Entitlements and domiciliations, read only: the carriers' own, and a place's for its staff.


@pytest.fixture
def register(resource):
    """A place with a carrier's project granted a desk and room credits, its enterprise domiciled
    there with a letter waiting and one handed over, and another place's rows."""
    from essaim.places.models import Domiciliation, Entitlement, MailItem
    from tests.factories.accompaniment import ProjectFactory

    place = resource.programme
    carrier = UserFactory()
    project = ProjectFactory(programme__organisation=place.organisation, carriers=[carrier], name="Épicerie")
    today = timezone.localdate()
    desk = Entitlement.objects.create(
        place=place, project=project, kind="desk", resource=resource, starts_on=today - dt.timedelta(days=9)
    )
    credits = Entitlement.objects.create(
        place=place, project=project, kind="credits", monthly_minutes=600, starts_on=today
    )
    Entitlement.objects.create(  # over
        place=place,
        project=project,
        kind="credits",
        monthly_minutes=60,
        starts_on=today - dt.timedelta(days=90),
        ends_on=today - dt.timedelta(days=30),
    )
    domiciliation = Domiciliation.objects.create(
        place=place,
        name="Épicerie SAS",
        siret="73282932000074",
        project=project,
        starts_on=dt.date(2026, 2, 1),
    )
    MailItem.objects.create(domiciliation=domiciliation, received_on=dt.date(2026, 3, 1), sender="URSSAF")
    MailItem.objects.create(
        domiciliation=domiciliation, received_on=dt.date(2026, 2, 20), handed_over_on=dt.date(2026, 2, 21)
    )
    other = ResourceFactory()
    other_project = ProjectFactory(programme__organisation=other.programme.organisation)
    Entitlement.objects.create(
        place=other.programme, project=other_project, kind="credits", monthly_minutes=60, starts_on=today
    )
    elsewhere = Domiciliation.objects.create(
        place=other.programme, name="Ailleurs", siret="73282932000074", starts_on=dt.date(2026, 2, 1)
    )
    return {
        "place": place,
        "carrier": carrier,
        "ids": {"desk": desk.pk, "credits": credits.pk},
        "domiciliation": domiciliation,
        "elsewhere": elsewhere,
        "other_place": other.programme,
    }


def test_a_carrier_reads_their_entitlements_and_domiciliations(client, register):
    headers = auth(register["carrier"])
    mine = client.get(f"{URL}/entitlements/mine", headers=headers)
    assert mine.status_code == 200
    assert sorted(e["id"] for e in mine.json()) == sorted(register["ids"].values())
    desk = next(e for e in mine.json() if e["kind"] == "desk")
    assert desk["resource_name"] == "Salle Jaurès" and desk["project_name"] == "Épicerie"
    domiciliations = client.get(f"{URL}/domiciliations/mine", headers=headers).json()
    assert [(d["id"], d["mail_waiting"]) for d in domiciliations] == [(register["domiciliation"].pk, 1)]
    # Someone carrying nothing sees nothing; the carrier is not the place's staff.
    assert client.get(f"{URL}/entitlements/mine", headers=auth(UserFactory())).json() == []
    assert client.get(f"{URL}/domiciliations/mine", headers=auth(UserFactory())).json() == []
    place = register["place"].pk
    for path in (f"/{place}/entitlements", f"/{place}/domiciliations"):
        assert client.get(URL + path, headers=headers).status_code == 404, path


def test_the_staff_read_their_place_s_register(client, register):
    place, headers = register["place"], auth(staff_of(register["place"]))
    entitlements = client.get(f"{URL}/{place.pk}/entitlements", headers=headers)
    assert entitlements.status_code == 200
    assert len(entitlements.json()) == 3  # the one over included: the register
    assert {e["place_id"] for e in entitlements.json()} == {place.pk}
    listed = client.get(f"{URL}/{place.pk}/domiciliations", headers=headers).json()
    assert [(d["id"], d["state"], d["mail_waiting"]) for d in listed] == [
        (register["domiciliation"].pk, "active", 1)
    ]
    detail = client.get(f"{URL}/{place.pk}/domiciliations/{register['domiciliation'].pk}", headers=headers)
    assert detail.status_code == 200
    body = detail.json()
    assert [m["sender"] for m in body["mail"]] == ["URSSAF", ""]
    assert body["mail_waiting"] == 1 and body["siret"] == "73282932000074"


def test_another_place_s_staff_and_ids_outside_reach_are_404(client, register):
    place, elsewhere = register["place"], register["elsewhere"]
    outsider = staff_of(register["other_place"])  # staff, of the other place
    headers = auth(outsider)
    for path in (
        f"/{place.pk}/entitlements",
        f"/{place.pk}/domiciliations",
        f"/{place.pk}/domiciliations/{register['domiciliation'].pk}",
    ):
        assert client.get(URL + path, headers=headers).status_code == 404, path
    # Their own place's domiciliation, asked under the other place: 404, and the reverse works.
    own = f"/{register['other_place'].pk}/domiciliations/{elsewhere.pk}"
    assert client.get(URL + own, headers=headers).json()["id"] == elsewhere.pk
    staff = auth(staff_of(place))
    assert client.get(f"{URL}/{place.pk}/domiciliations/{elsewhere.pk}", headers=staff).status_code == 404
    assert client.get(f"{URL}/{place.pk}/domiciliations/0", headers=staff).status_code == 404
    assert client.get(f"{URL}/{place.pk}/domiciliations/99999999999999", headers=staff).status_code == 404


def test_register_endpoints_refuse_anonymous_and_writes(client, register):
    place = register["place"].pk
    paths = (
        "/entitlements/mine",
        "/domiciliations/mine",
        f"/{place}/entitlements",
        f"/{place}/domiciliations",
        f"/{place}/domiciliations/{register['domiciliation'].pk}",
    )
    headers = auth(staff_of(register["place"]))
    for path in paths:
        assert client.get(URL + path).status_code == 401, path
        for method in (client.post, client.put, client.delete):
            assert method(URL + path, headers=headers).status_code == 405, (path, method)


@pytest.mark.parametrize("n", [1, 4])
def test_register_lists_do_not_grow_with_their_rows(client, register, django_assert_num_queries, n):
    from essaim.places.models import Domiciliation, Entitlement, MailItem

    place, project = register["place"], register["domiciliation"].project
    for i in range(n):
        Entitlement.objects.create(
            place=place, project=project, kind="credits", monthly_minutes=60, starts_on=timezone.localdate()
        )
        domiciliation = Domiciliation.objects.create(
            place=place,
            name=f"D{i}",
            siret="73282932000074",
            project=project,
            starts_on=dt.date(2026, 2, 1),
            state="ended",
            ended_on=dt.date(2026, 3, 1),
        )
        MailItem.objects.create(domiciliation=domiciliation, received_on=dt.date(2026, 2, 2))
    staff, carrier = auth(staff_of(place)), auth(register["carrier"])
    # The token, the place (staff), the rows: whatever the number of rows.
    for path, headers, queries in (
        (f"/{place.pk}/entitlements", staff, 3),
        (f"/{place.pk}/domiciliations", staff, 3),
        ("/entitlements/mine", carrier, 2),
        ("/domiciliations/mine", carrier, 2),
    ):
        client.get(URL + path, headers=headers)
        with django_assert_num_queries(queries):
            assert client.get(URL + path, headers=headers).status_code == 200, path
