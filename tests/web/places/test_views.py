"""Pages of shared places: the right person books and cancels, anonymous goes to the login page,
someone the resource is not open to (or another team) gets a 404 on ids, wrong methods get a 405;
the day and week views are plain HTML lists; the lists' queries do not grow with their rows."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from essaim.places.models import Booking, BookingState
from tests.factories.accounts import MembershipFactory as StaffFactory
from tests.places.factories import BookingFactory, MembershipFactory, ResourceFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def resource():
    return ResourceFactory(name="Salle Jaurès")


@pytest.fixture
def member(resource):
    return MembershipFactory(programme=resource.programme).user


def _urls(resource, booking):
    return {
        "list": ("get", reverse("places:list")),
        "resource": ("get", reverse("places:resource", args=[resource.pk])),
        "book": ("post", reverse("places:book", args=[resource.pk])),
        "mine": ("get", reverse("places:mine")),
        "cancel": ("post", reverse("places:cancel", args=[booking.pk])),
        "staff_list": ("get", reverse("places:staff_list")),
        "staff_bookings": ("get", reverse("places:staff_bookings", args=[resource.pk])),
        "staff_cancel": ("post", reverse("places:staff_cancel", args=[resource.pk, booking.pk])),
    }


NAMES = sorted(["book", "cancel", "list", "mine", "resource", "staff_bookings", "staff_cancel", "staff_list"])


@pytest.mark.parametrize("name", NAMES)
def test_anonymous_goes_to_the_login_page(client, resource, name):
    method, url = _urls(resource, BookingFactory(resource=resource))[name]
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("web:login"))


@pytest.mark.parametrize("name", sorted(["book", "cancel", "resource", "staff_bookings", "staff_cancel"]))
def test_someone_else_gets_a_404_on_ids(client, resource, name):
    booking = BookingFactory(resource=resource)
    outsider = StaffFactory().user  # staff of another organisation, not a member of the place
    client.force_login(outsider)
    method, url = _urls(resource, booking)[name]
    assert getattr(client, method)(url).status_code == 404
    assert Booking.objects.get(pk=booking.pk).state == BookingState.CONFIRMED


def test_a_member_cannot_reach_the_staff_pages(client, resource, member):
    booking = BookingFactory(resource=resource)
    client.force_login(member)
    urls = _urls(resource, booking)
    assert client.get(urls["staff_list"][1]).status_code == 403
    assert client.get(urls["staff_bookings"][1]).status_code == 403
    assert client.post(urls["staff_cancel"][1]).status_code == 403
    assert client.post(urls["cancel"][1]).status_code == 404  # not their booking
    assert Booking.objects.get(pk=booking.pk).state == BookingState.CONFIRMED


@pytest.mark.parametrize("name", NAMES)
def test_wrong_method_is_a_405(client, resource, name):
    staff = StaffFactory(organisation=resource.organisation).user
    client.force_login(staff)
    method, url = _urls(resource, BookingFactory(resource=resource))[name]
    other = client.post if method == "get" else client.get
    assert other(url).status_code == 405


def test_a_member_sees_the_week_as_lists_and_books(client, resource, member):
    BookingFactory(
        resource=resource, starts_at=at(days=2, hour=9), ends_at=at(days=2, hour=10), note="Secret"
    )
    client.force_login(member)
    day = timezone.localdate() + dt.timedelta(days=2)
    page = client.get(reverse("places:resource", args=[resource.pk]), {"jour": day.isoformat()})
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('<li class="card">') == 7
    assert "09:00 – 10:00 : réservé" in html and "Secret" not in html
    response = client.post(
        reverse("places:book", args=[resource.pk]),
        {"day": day.isoformat(), "start": "14:00", "end": "15:30", "weeks": "2", "note": "Comité"},
    )
    assert response.status_code == 302
    assert Booking.objects.filter(user=member, note="Comité").count() == 2
    day_view = client.get(
        reverse("places:resource", args=[resource.pk]), {"jour": day.isoformat(), "vue": "jour"}
    )
    assert day_view.content.decode().count('<li class="card">') == 1
    assert "14:00 – 15:30 : votre réservation (Comité)" in day_view.content.decode()


@pytest.mark.parametrize(
    ("name", "case"),
    sorted(
        {
            "end_before_start": ({"start": "15:00", "end": "14:00"}, "La fin doit être après le début."),
            "outside_hours": ({"start": "19:00", "end": "21:00"}, "En dehors des horaires d&#x27;ouverture"),
            "too_many_weeks": ({"weeks": "53"}, "52"),
            "bad_day": ({"day": "31/02/2026"}, "Saisissez une date valide."),
        }.items()
    ),
)
def test_bad_input_is_a_400_with_words_and_writes_nothing(client, resource, member, name, case):
    fields, message = case
    client.force_login(member)
    day = timezone.localdate() + dt.timedelta(days=2)
    data = {"day": day.isoformat(), "start": "10:00", "end": "11:00", "weeks": "1", **fields}
    response = client.post(reverse("places:book", args=[resource.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Booking.objects.count() == 0


def test_the_booker_cancels_from_their_list(client, resource, member):
    booking = BookingFactory(resource=resource, user=member)
    client.force_login(member)
    assert "Annuler la réservation" in client.get(reverse("places:mine")).content.decode()
    assert client.post(reverse("places:cancel", args=[booking.pk])).status_code == 302
    assert Booking.objects.get(pk=booking.pk).state == BookingState.CANCELLED


def test_the_staff_lists_and_cancels_bookings_of_their_resource(client, resource):
    booking = BookingFactory(resource=resource)
    other_resource_booking = BookingFactory()
    staff = StaffFactory(organisation=resource.organisation).user
    client.force_login(staff)
    page = client.get(reverse("places:staff_bookings", args=[resource.pk])).content.decode()
    assert booking.user.email in page and other_resource_booking.user.email not in page
    # A booking of another resource under this resource's URL: through the parent's rows, a 404.
    url = reverse("places:staff_cancel", args=[resource.pk, other_resource_booking.pk])
    assert client.post(url).status_code == 404
    assert client.post(reverse("places:staff_cancel", args=[resource.pk, booking.pk])).status_code == 302
    assert Booking.objects.get(pk=booking.pk).state == BookingState.CANCELLED
    assert Booking.objects.get(pk=other_resource_booking.pk).state == BookingState.CONFIRMED


def _many(resource, user, n):
    for i in range(n):
        BookingFactory(
            resource=resource, user=user, starts_at=at(days=1 + i, hour=9), ends_at=at(days=1 + i, hour=10)
        )


@pytest.mark.parametrize("n", [1, 6])
def test_list_pages_do_not_grow_with_their_rows(client, resource, member, django_assert_max_num_queries, n):
    _many(resource, member, n)
    for _i in range(n):
        ResourceFactory(programme=resource.programme)
    staff = StaffFactory(organisation=resource.organisation).user
    pages = [
        (member, reverse("places:mine")),
        (member, reverse("places:list")),
        (member, reverse("places:resource", args=[resource.pk])),
        (staff, reverse("places:staff_list")),
        (staff, reverse("places:staff_bookings", args=[resource.pk])),
    ]
    for user, url in pages:
        client.force_login(user)
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


def test_a_capped_member_sees_what_is_left_of_the_month_s_credit(client, resource):
    membership = MembershipFactory(programme=resource.programme, monthly_allowance_minutes=180)
    day = timezone.localdate() + dt.timedelta(days=2)
    BookingFactory(
        resource=resource, user=membership.user, starts_at=at(days=2, hour=9), ends_at=at(days=2, hour=10)
    )
    client.force_login(membership.user)
    page = client.get(
        reverse("places:resource", args=[resource.pk]), {"jour": day.isoformat()}
    ).content.decode()
    assert "il vous reste 2\xa0heures." in page
    staff = StaffFactory(organisation=resource.organisation).user
    client.force_login(staff)
    assert 'id="credit"' not in client.get(reverse("places:resource", args=[resource.pk])).content.decode()
