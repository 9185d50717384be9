"""Staff pages of events: the right team, anonymous (to the login page), another team (404 on
ids), wrong methods (405); the lists' queries do not grow with their rows."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from essaim.events import tokens
from essaim.events.models import Attendance, Event, EventKind, EventState, RegistrationState
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import EcosystemFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    start = timezone.now() - dt.timedelta(hours=1)
    return EventFactory(
        published=True, kind=EventKind.TRAINING, sessions=[(start, start + dt.timedelta(hours=2))]
    )


def _staff_of(event):
    return MembershipFactory(organisation=event.programme.organisation).user


def _client_for(client, user):
    client.force_login(user)
    return client


def _urls(event, registration):
    session = event.sessions.get()
    return {
        "manage": ("get", reverse("events:manage", args=[event.pk])),
        "edit": ("get", reverse("events:edit", args=[event.pk])),
        "attendance": ("get", reverse("events:attendance", args=[event.pk])),
        "transition": ("post", reverse("events:transition", args=[event.pk])),
        "session_add": ("post", reverse("events:session_add", args=[event.pk])),
        "session_remove": ("post", reverse("events:session_remove", args=[event.pk, session.pk])),
        "attendance_mark": ("post", reverse("events:attendance_mark", args=[event.pk, registration.pk])),
        "staff_cancel": ("post", reverse("events:staff_cancel", args=[event.pk, registration.pk])),
        "staff_certificate": ("get", reverse("events:staff_certificate", args=[event.pk, registration.pk])),
        "checkin": ("get", reverse("events:checkin", args=[tokens.make(registration, tokens.CHECKIN)])),
    }


URL_NAMES = sorted(
    [
        "attendance",
        "attendance_mark",
        "checkin",
        "edit",
        "manage",
        "session_add",
        "session_remove",
        "staff_cancel",
        "staff_certificate",
        "transition",
    ]
)


@pytest.mark.parametrize("name", URL_NAMES)
def test_anonymous_goes_to_the_login_page(client, event, name):
    method, url = _urls(event, RegistrationFactory(event=event))[name]
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("web:login"))


@pytest.mark.parametrize("name", URL_NAMES)
def test_another_team_gets_a_404(client, event, name):
    # The event is a training of another organisation, so even its public page would not show it.
    event.audience = "carriers"
    event.save()
    method, url = _urls(event, RegistrationFactory(event=event))[name]
    outsider = MembershipFactory().user
    response = getattr(_client_for(client, outsider), method)(url)
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["manage", "edit", "attendance", "staff_certificate"])
def test_a_public_visitor_of_a_public_event_is_refused_the_staff_pages(client, event, name):
    method, url = _urls(event, RegistrationFactory(event=event))[name]
    response = _client_for(client, UserFactory()).get(url)
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("name", "method"),
    sorted(
        [
            ("attendance_mark", "get"),
            ("session_add", "get"),
            ("session_remove", "get"),
            ("staff_cancel", "get"),
            ("transition", "get"),
            ("manage", "post"),
            ("attendance", "post"),
            ("staff_certificate", "post"),
        ]
    ),
)
def test_wrong_method(client, event, name, method):
    _m, url = _urls(event, RegistrationFactory(event=event))[name]
    response = getattr(_client_for(client, _staff_of(event)), method)(url)
    assert response.status_code == 405


def test_staff_create_an_event_then_publish_it(client):
    staff = MembershipFactory().user
    programme = ProgrammeFactory(organisation=staff.memberships.get().organisation)
    client.force_login(staff)
    assert client.get(reverse("events:create")).status_code == 200
    data = {
        "owner": f"programme:{programme.pk}",
        "kind": "workshop",
        "title": "Atelier statuts",
        "place_kind": "online",
        "online_url": "https://visio.example.org/a",
        "capacity": "20",
        "audience": "public",
        "starts_at": "2030-03-01T09:00",
        "ends_at": "2030-03-01T12:00",
    }
    response = client.post(reverse("events:create"), data)
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == reverse("events:manage", args=[event.pk])
    assert (event.programme_id, event.organisation_id, event.sessions.count()) == (
        programme.pk,
        programme.organisation_id,
        1,
    )
    client.post(reverse("events:transition", args=[event.pk]), {"action": "publish"})
    event.refresh_from_db()
    assert event.state == EventState.PUBLISHED


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    sorted(
        [
            ({"capacity": "0"}, "capacity", "Assurez-vous que cette valeur est supérieure ou égale à 1."),
            (
                {"capacity": "10001"},
                "capacity",
                "Assurez-vous que cette valeur est inférieure ou égale à 10000.",
            ),
            ({"ends_at": "2030-03-01T08:00"}, "ends_at", "La fin de la séance doit suivre son début."),
            ({"starts_at": "1850-03-01T08:00"}, "starts_at", "Date invraisemblable"),
            ({"place_kind": "address"}, "commune", "Indiquez la commune où a lieu l'événement."),
        ],
        key=lambda case: case[1] + case[2],
    ),
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(client, changes, field, message):
    staff = MembershipFactory().user
    programme = ProgrammeFactory(organisation=staff.memberships.get().organisation)
    client.force_login(staff)
    data = {
        "owner": f"programme:{programme.pk}",
        "kind": "workshop",
        "title": "Atelier",
        "place_kind": "online",
        "online_url": "https://visio.example.org/a",
        "capacity": "20",
        "audience": "public",
        "starts_at": "2030-03-01T09:00",
        "ends_at": "2030-03-01T12:00",
        **changes,
    }
    response = client.post(reverse("events:create"), data)
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    assert any(e.startswith(message.split(" (")[0][:40]) for e in errors), errors
    assert Event.objects.count() == 0


def test_an_ecosystem_event_is_created_by_its_leaders_staff(client):
    staff = MembershipFactory().user
    ecosystem = EcosystemFactory(leader=staff.memberships.get().organisation)
    client.force_login(staff)
    form = client.get(reverse("events:create")).context["form"]
    assert (f"ecosystem:{ecosystem.pk}", ecosystem.name) in form.fields["owner"].choices


def test_a_person_of_no_team_may_not_create(client):
    client.force_login(UserFactory())
    assert client.get(reverse("events:create")).status_code == 403
    assert client.get(reverse("events:staff_list")).status_code == 403


def test_door_list_marks_and_unmarks(client, event):
    registration = RegistrationFactory(event=event)
    client.force_login(_staff_of(event))
    session = event.sessions.get()
    url = reverse("events:attendance_mark", args=[event.pk, registration.pk])
    response = client.post(url, {"session": session.pk, "present": "on"})
    assert response.status_code == 302
    assert list(Attendance.objects.values_list("registration_id", "session_id")) == [
        (registration.pk, session.pk)
    ]
    page = client.get(reverse("events:attendance", args=[event.pk]))
    assert [r.pk for r in page.context["sheet"]] == [registration.pk]
    client.post(url, {"session": session.pk})
    assert Attendance.objects.count() == 0


def test_a_registration_of_another_event_is_a_404_under_this_one(client, event):
    other = RegistrationFactory(event=EventFactory(programme=event.programme, published=True))
    client.force_login(_staff_of(event))
    url = reverse("events:staff_cancel", args=[event.pk, other.pk])
    assert client.post(url).status_code == 404
    other.refresh_from_db()
    assert other.state == RegistrationState.CONFIRMED


def test_checkin_from_the_qr_code(client, event):
    registration = RegistrationFactory(event=event)
    client.force_login(_staff_of(event))
    url = reverse("events:checkin", args=[tokens.make(registration, tokens.CHECKIN)])
    assert client.get(url).status_code == 200
    assert client.post(url, {"session": event.sessions.get().pk}).status_code == 302
    assert Attendance.objects.filter(registration=registration).count() == 1
    manage_token = tokens.make(registration, tokens.MANAGE)  # a link of another purpose opens nothing here
    assert client.get(reverse("events:checkin", args=[manage_token])).status_code == 404


def test_certificate_for_an_attendee_of_a_training(client, event):
    registration = RegistrationFactory(event=event)
    client.force_login(_staff_of(event))
    url = reverse("events:staff_certificate", args=[event.pk, registration.pk])
    assert client.get(url).status_code == 403  # not attended yet
    Attendance.objects.create(registration=registration, session=event.sessions.get())
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")


@pytest.mark.parametrize("rows", [1, 6])
def test_staff_list_queries_do_not_grow(client, django_assert_max_num_queries, rows):
    staff = MembershipFactory().user
    programme = ProgrammeFactory(organisation=staff.memberships.get().organisation)
    for _ in range(rows):
        RegistrationFactory(event=EventFactory(programme=programme, published=True))
    client.force_login(staff)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("events:staff_list"))
    assert len(response.context["events"]) == rows


@pytest.mark.parametrize("rows", [1, 6])
def test_door_list_queries_do_not_grow(client, event, django_assert_max_num_queries, rows):
    for _ in range(rows):
        RegistrationFactory(event=event)
    client.force_login(_staff_of(event))
    with django_assert_max_num_queries(11):
        response = client.get(reverse("events:attendance", args=[event.pk]))
    assert len(response.context["sheet"]) == rows
