"""GET /api/v1/events (upcoming public events, paginated) and /api/v1/events/{id}."""

import datetime as dt

import pytest
from django.utils import timezone

from essaim.accounts.services import token_create
from essaim.events.models import Audience, EventState, PlaceKind, RegistrationState
from essaim.territories.models import Commune
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import EcosystemFactory, OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/events"


def _in(days: float) -> tuple:
    start = timezone.now() + dt.timedelta(days=days)
    return (start, start + dt.timedelta(hours=2))


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


def test_list_holds_upcoming_public_published_events_soonest_first(client):
    later = EventFactory(published=True, sessions=[_in(5)])
    sooner = EventFactory(published=True, sessions=[_in(2)])
    EventFactory(sessions=[_in(1)])  # draft
    EventFactory(published=True, audience=Audience.CARRIERS, sessions=[_in(1)])
    EventFactory(published=True, sessions=[_in(-3)])  # over
    EventFactory(state=EventState.CANCELLED, sessions=[_in(1)])
    response = client.get(URL)
    assert response.status_code == 200
    assert ids(response) == [sooner.pk, later.pk]
    assert response.json()["count"] == 2


def test_event_fields(client):
    commune = Commune.objects.get(pk="34172")
    ecosystem = EcosystemFactory(slug="realis", name="REALIS", leader=OrganisationFactory())
    starts, ends = _in(3)
    event = EventFactory(
        programme=None,
        ecosystem=ecosystem,
        published=True,
        kind="training",
        title="Formation gestion",
        place_kind=PlaceKind.ADDRESS,
        online_url="",
        address="12 rue de la Coopération",
        commune=commune,
        capacity=3,
        sessions=[(starts, ends), (starts + dt.timedelta(days=1), ends + dt.timedelta(days=1))],
    )
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, state=RegistrationState.CANCELLED)
    body = client.get(f"{URL}/{event.pk}").json()
    assert body["kind"] == "training"
    assert body["kind_label"] == "Formation"
    assert body["title"] == "Formation gestion"
    assert [s["starts_at"][:16] for s in body["sessions"]] == [
        starts.isoformat()[:16],
        (starts + dt.timedelta(days=1)).isoformat()[:16],
    ]
    assert body["place"] == {
        "kind": "address",
        "in_words": "12 rue de la Coopération, Montpellier",
        "address": "12 rue de la Coopération",
        "commune": {"level": "commune", "code": "34172", "name": "Montpellier"},
    }
    assert (body["capacity"], body["seats_left"]) == (3, 2)
    assert body["registration"]["open"] is True
    assert body["registration"]["message"] == ""
    assert body["registration"]["closes_at"][:16] == starts.isoformat()[:16]
    assert (body["programme"], body["ecosystem"]) == (None, {"slug": "realis", "name": "REALIS"})
    assert body["url"] == f"http://testserver/api/v1/events/{event.pk}"
    assert body["page_url"] == f"http://testserver/evenements/{event.pk}/"


def test_online_event_says_so_without_its_link(client):
    event = EventFactory(published=True, programme=ProgrammeFactory(slug="alter", name="Alter'Incub"))
    body = client.get(f"{URL}/{event.pk}").json()
    assert body["place"] == {"kind": "online", "in_words": "En ligne", "address": "", "commune": None}
    assert "visio.example.org" not in str(body)
    assert body["programme"] == {"slug": "alter", "name": "Alter'Incub"}


@pytest.mark.parametrize("kind", ["draft", "reserved"])
def test_draft_or_reserved_event_is_404_to_anonymous_and_outsiders(client, kind):
    event = (
        EventFactory(sessions=[_in(1)])
        if kind == "draft"
        else EventFactory(published=True, audience=Audience.CARRIERS, sessions=[_in(1)])
    )
    assert client.get(f"{URL}/{event.pk}").status_code == 404
    client.force_login(UserFactory())
    response = client.get(f"{URL}/{event.pk}")
    assert response.status_code == 404
    assert response.json()["detail"] == "Événement introuvable."


def test_a_draft_is_shown_to_its_organisers_staff(client):
    event = EventFactory(sessions=[_in(1)])
    staff = UserFactory()
    MembershipFactory(user=staff, organisation=event.organisation, role="admin")
    client.force_login(staff)
    body = client.get(f"{URL}/{event.pk}").json()
    assert (body["id"], body["state"], body["registration"]["open"]) == (event.pk, "draft", False)
    assert body["registration"]["message"] == "Les inscriptions à cet événement ne sont pas ouvertes."


@pytest.mark.parametrize("event_id", ["0", "2147483648", "99999999999999999999"])
def test_impossible_ids_are_404_or_400(client, event_id):
    assert client.get(f"{URL}/{event_id}").status_code in (400, 404)


def test_pagination(client):
    events = [EventFactory(published=True, sessions=[_in(i + 1)]) for i in range(3)]
    first = client.get(URL, {"page_size": 2}).json()
    assert [e["id"] for e in first["results"]] == [events[0].pk, events[1].pk]
    assert first["next"] == "http://testserver/api/v1/events?page=2&page_size=2"
    second = client.get(first["next"]).json()
    assert [e["id"] for e in second["results"]] == [events[2].pk]
    assert second["previous"] == "http://testserver/api/v1/events?page=1&page_size=2"
    assert client.get(URL, {"page_size": "101"}).status_code == 400
    assert client.get(URL, {"page": "3", "page_size": "2"}).status_code == 404


@pytest.mark.parametrize("path", ["", "/1"])
def test_wrong_method_is_405(client, path):
    response = client.post(URL + path, {}, content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET"


@pytest.mark.parametrize("count", [1, 5])
def test_query_counts_do_not_grow(client, django_assert_max_num_queries, count):
    events = [EventFactory(published=True, sessions=[_in(i + 1), _in(i + 1.5)]) for i in range(count)]
    for event in events:
        RegistrationFactory(event=event)
    with django_assert_max_num_queries(3):  # count, page with its owners and seats, sessions
        assert len(ids(client.get(URL))) == count
    with django_assert_max_num_queries(3):  # who may see it, the event with its seats, sessions
        assert client.get(f"{URL}/{events[0].pk}").json()["seats_left"] == 2


# -- registrations -------------------------------------------------------------------------------


def _auth(user) -> dict:
    _token, clear = token_create(user=user, name="test")
    return {"Authorization": f"Bearer {clear}"}


def test_registering_needs_an_account(client):
    event = EventFactory(published=True, sessions=[_in(3)])
    assert client.post(f"{URL}/{event.pk}/registrations").status_code == 401
    assert client.get(f"{URL}/registrations/mine").status_code == 401


def test_a_full_event_puts_the_person_on_the_list_then_offers_the_freed_place(client):
    event = EventFactory(published=True, capacity=1, sessions=[_in(3)])
    first, second = UserFactory(), UserFactory()
    seated = client.post(f"{URL}/{event.pk}/registrations", headers=_auth(first))
    assert seated.status_code == 201 and seated.json()["state"] == "confirmed"
    waiting = client.post(f"{URL}/{event.pk}/registrations", headers=_auth(second))
    assert waiting.json()["state"] == "waiting"
    again = client.post(f"{URL}/{event.pk}/registrations", headers=_auth(second))
    assert again.status_code == 422 and "email" in again.json()["errors"]
    cancel = client.post(f"{URL}/registrations/{seated.json()['id']}/cancel", headers=_auth(first))
    assert cancel.json()["state"] == "cancelled"
    mine = client.get(f"{URL}/registrations/mine", headers=_auth(second)).json()["results"]
    assert [(r["id"], r["state"]) for r in mine] == [(waiting.json()["id"], "offered")]
    assert mine[0]["hold_expires_at"] is not None
    assert sorted(mine[0]["actions"]) == ["accept", "cancel", "decline"]
    accepted = client.post(f"{URL}/registrations/{waiting.json()['id']}/accept", headers=_auth(second))
    assert accepted.status_code == 200 and accepted.json()["state"] == "confirmed"


def test_someone_else_s_registration_is_a_404_and_unknown_actions_a_400(client):
    registration = RegistrationFactory(user=UserFactory())
    other = UserFactory()
    assert (
        client.post(f"{URL}/registrations/{registration.pk}/cancel", headers=_auth(other)).status_code == 404
    )
    owner = _auth(registration.user)
    assert client.post(f"{URL}/registrations/{registration.pk}/vanish", headers=owner).status_code in (
        400,
        404,
    )
    assert type(registration).objects.get(pk=registration.pk).state == RegistrationState.CONFIRMED


def test_a_closed_window_or_another_audience_is_refused(client):
    over = EventFactory(published=True, sessions=[_in(-2)])
    person = UserFactory()
    response = client.post(f"{URL}/{over.pk}/registrations", headers=_auth(person))
    assert response.status_code == 422 and response.json()["detail"]
    private = EventFactory(published=True, audience=Audience.CARRIERS, sessions=[_in(3)])
    assert client.post(f"{URL}/{private.pk}/registrations", headers=_auth(person)).status_code in (403, 404)
    assert over.registrations.count() == 0 and private.registrations.count() == 0
