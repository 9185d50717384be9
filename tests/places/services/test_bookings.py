"""Bookings and resources: the rules of a resource (hours, length, how far ahead), who may book,
no overlap, weekly series all or nothing, cancellation, the monthly allowance; nothing written on
a refusal."""

import datetime as dt

import pytest
from django.utils import timezone

from essaim.audit.models import Event
from essaim.core.errors import PermissionDenied, TransitionNotAllowed, ValidationError
from essaim.places import services
from essaim.places.models import Booking, BookingPolicy, BookingState, Resource
from tests.factories.accompaniment import ProjectFactory
from tests.factories.accounts import MembershipFactory as StaffFactory
from tests.factories.accounts import UserFactory
from tests.factories.directory import ProgrammeFactory
from tests.places.factories import BookingFactory, MembershipFactory, ResourceFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def resource():
    return ResourceFactory()


@pytest.fixture
def member(resource):
    return MembershipFactory(programme=resource.programme).user


def _book(resource, by, start, end, **kw):
    return services.booking_create(resource=resource, by=by, starts_at=start, ends_at=end, **kw)


def test_a_member_books_a_free_period(resource, member):
    (booking,) = _book(resource, member, at(days=3, hour=10), at(days=3, hour=12), note="Réunion")
    assert (booking.user, booking.state, booking.minutes, booking.note) == (
        member,
        "confirmed",
        120,
        "Réunion",
    )
    assert Event.objects.filter(object_id=booking.pk, action="create").count() == 1


BAD = sorted(
    {
        "end_before_start": ((3, 12), (3, 10), "La fin doit être après le début."),
        "in_the_past": ((-1, 10), (-1, 11), "Ce créneau est déjà passé."),
        "too_long": ((3, 8), (3, 13), "Une réservation dure au plus 4\xa0heures."),
        "too_far_ahead": ((61, 10), (61, 11), "On réserve au plus 60\xa0jours à l'avance."),
        "before_opening": ((3, 7), (3, 9), "En dehors des horaires d'ouverture (08:00 – 20:00)."),
        "after_closing": ((3, 19), (3, 21), "En dehors des horaires d'ouverture (08:00 – 20:00)."),
        "over_two_days": ((3, 19), (4, 9), "Une réservation dure au plus 4\xa0heures."),
    }.items()
)


@pytest.mark.parametrize(("name", "case"), BAD, ids=[name for name, _ in BAD])
def test_bad_periods_are_refused_in_words_and_nothing_is_written(resource, member, name, case):
    (start_day, start_hour), (end_day, end_hour), message = case
    with pytest.raises(ValidationError) as exc:
        _book(resource, member, at(days=start_day, hour=start_hour), at(days=end_day, hour=end_hour))
    assert exc.value.messages == [message]
    assert Booking.objects.count() == 0


def test_a_closed_day_is_refused(member):
    resource = ResourceFactory(hours={0: (dt.time(9), dt.time(17))})
    day = next(d for d in range(2, 9) if (timezone.localdate() + dt.timedelta(days=d)).weekday() != 0)
    MembershipFactory(programme=resource.programme, user=member)
    with pytest.raises(ValidationError) as exc:
        _book(resource, member, at(days=day, hour=10), at(days=day, hour=11))
    assert exc.value.messages[0].startswith("La ressource est fermée le ")


def test_an_overlapping_period_is_refused(resource, member):
    BookingFactory(resource=resource, starts_at=at(days=3, hour=10), ends_at=at(days=3, hour=12))
    with pytest.raises(ValidationError) as exc:
        _book(resource, member, at(days=3, hour=11), at(days=3, hour=13))
    assert "déjà réservé" in exc.value.messages[0]
    assert Booking.objects.filter(user=member).count() == 0


def test_back_to_back_periods_do_not_overlap(resource, member):
    BookingFactory(resource=resource, starts_at=at(days=3, hour=10), ends_at=at(days=3, hour=12))
    (booking,) = _book(resource, member, at(days=3, hour=12), at(days=3, hour=13))
    assert booking.state == BookingState.CONFIRMED


def test_a_cancelled_booking_frees_its_period(resource, member):
    BookingFactory(
        resource=resource, starts_at=at(days=3, hour=10), ends_at=at(days=3, hour=12), state="cancelled"
    )
    assert len(_book(resource, member, at(days=3, hour=10), at(days=3, hour=12))) == 1


def test_a_weekly_series_books_every_week(resource, member):
    made = _book(resource, member, at(days=2, hour=9), at(days=2, hour=10), weeks=8)
    assert [timezone.localtime(b.starts_at).hour for b in made] == [9] * 8
    assert [b.starts_at.date() - made[0].starts_at.date() for b in made] == [
        dt.timedelta(days=7 * i) for i in range(8)
    ]
    assert len({b.series for b in made}) == 1


def test_a_weekly_series_is_all_or_nothing_and_lists_its_conflicts(resource, member):
    BookingFactory(resource=resource, starts_at=at(days=16, hour=9), ends_at=at(days=16, hour=11))
    with pytest.raises(ValidationError) as exc:
        _book(resource, member, at(days=2, hour=9), at(days=2, hour=10), weeks=10)  # week 10 is 65 days ahead
    message = exc.value.messages[0]
    assert message.startswith("Rien n'a été réservé : 2 sur 10 ne sont pas possibles : ")
    assert "déjà réservé" in message and "60\xa0jours à l'avance" in message
    assert Booking.objects.filter(user=member).count() == 0


@pytest.mark.parametrize("weeks", [0, 53, -1])
def test_series_length_is_bounded(resource, member, weeks):
    with pytest.raises(ValidationError):
        _book(resource, member, at(days=2, hour=9), at(days=2, hour=10), weeks=weeks)
    assert Booking.objects.count() == 0


def test_someone_who_is_not_a_member_may_not_book(resource):
    with pytest.raises(PermissionDenied):
        _book(resource, UserFactory(), at(days=3, hour=10), at(days=3, hour=11))


def test_a_former_member_may_not_book(resource):
    gone = MembershipFactory(
        programme=resource.programme, ends_on=timezone.localdate() - dt.timedelta(days=1)
    )
    with pytest.raises(PermissionDenied):
        _book(resource, gone.user, at(days=3, hour=10), at(days=3, hour=11))


def test_an_accompanied_project_books_when_the_policy_says_so():
    resource = ResourceFactory(policy=BookingPolicy.MEMBERS_AND_PROJECTS)
    carrier = UserFactory(is_carrier=True)
    programme = ProgrammeFactory(organisation=resource.organisation)
    ProjectFactory(programme=programme).carriers.add(carrier)
    assert len(_book(resource, carrier, at(days=3, hour=10), at(days=3, hour=11))) == 1
    other = UserFactory(is_carrier=True)
    ProjectFactory().carriers.add(other)  # accompanied by another organisation
    with pytest.raises(PermissionDenied):
        _book(resource, other, at(days=4, hour=10), at(days=4, hour=11))


def test_anyone_signed_in_books_an_open_resource():
    resource = ResourceFactory(policy=BookingPolicy.SIGNED_IN)
    assert len(_book(resource, UserFactory(), at(days=3, hour=10), at(days=3, hour=11))) == 1


def test_an_inactive_resource_is_not_bookable(member, resource):
    Resource.objects.filter(pk=resource.pk).update(is_active=False)
    with pytest.raises(ValidationError) as exc:
        _book(resource, member, at(days=3, hour=10), at(days=3, hour=11))
    assert exc.value.messages == ["Cette ressource n'est pas réservable pour le moment."]


def test_the_booker_and_the_staff_cancel_nobody_else(resource, member):
    booking = BookingFactory(resource=resource, user=member)
    with pytest.raises(PermissionDenied):
        services.booking_cancel(booking=booking, by=UserFactory())
    cancelled = services.booking_cancel(booking=booking, by=member)
    assert (cancelled.state, cancelled.cancelled_at is not None) == ("cancelled", True)
    with pytest.raises(TransitionNotAllowed):
        services.booking_cancel(booking=cancelled, by=member)
    staff = StaffFactory(organisation=resource.organisation).user
    other = BookingFactory(resource=resource, starts_at=at(days=5, hour=10), ends_at=at(days=5, hour=11))
    assert services.booking_cancel(booking=other, by=staff).state == "cancelled"


def test_a_past_booking_cannot_be_cancelled(resource, member):
    booking = BookingFactory(
        resource=resource, user=member, starts_at=at(days=-2, hour=10), ends_at=at(days=-2, hour=11)
    )
    with pytest.raises(TransitionNotAllowed):
        services.booking_cancel(booking=booking, by=member)


def test_rooms_within_the_monthly_allowance_then_refused(resource):
    membership = MembershipFactory(programme=resource.programme, monthly_allowance_minutes=180)
    now = timezone.make_aware(dt.datetime(2031, 3, 3, 8))
    day = dt.datetime(2031, 3, 10, 10)
    start = timezone.make_aware(day)
    resource.max_days_ahead = 60
    _book(resource, membership.user, start, start + dt.timedelta(hours=2), now=now)
    with pytest.raises(ValidationError) as exc:
        _book(
            resource,
            membership.user,
            start + dt.timedelta(days=1),
            start + dt.timedelta(days=1, hours=2),
            now=now,
        )
    assert exc.value.messages == [
        "Votre crédit de salles pour mars 2031 est dépassé : il vous reste 1\xa0heure, vous demandez 2\xa0heures."
    ]
    next_month = timezone.make_aware(dt.datetime(2031, 4, 7, 10))
    assert len(_book(resource, membership.user, next_month, next_month + dt.timedelta(hours=2), now=now)) == 1


def test_the_staff_creates_and_updates_a_resource_of_their_place():
    place = ResourceFactory().programme
    staff = StaffFactory(organisation=place.organisation).user
    resource = services.resource_create(
        programme=place,
        by=staff,
        kind="desk",
        name="  Poste  7 ",
        capacity=1,
        policy="signed_in",
        max_duration_minutes=480,
        max_days_ahead=30,
        hours={0: (dt.time(9), dt.time(18))},
    )
    assert (
        resource.name,
        resource.organisation_id,
        list(resource.hours.values_list("weekday", flat=True)),
    ) == ("Poste 7", place.organisation_id, [0])
    services.resource_update(resource=resource, by=staff, capacity=2)
    assert Resource.objects.get(pk=resource.pk).capacity == 2
    with pytest.raises(PermissionDenied):
        services.resource_update(resource=resource, by=UserFactory(), capacity=3)


@pytest.mark.parametrize(
    ("field", "value"),
    sorted(
        {"capacity": 0, "max_days_ahead": 366, "max_duration_minutes": 5, "name": "", "policy": "x"}.items()
    ),
)
def test_bad_resource_fields_are_refused(field, value):
    place = ResourceFactory().programme
    staff = StaffFactory(organisation=place.organisation).user
    fields = {
        "kind": "room",
        "name": "Salle",
        "capacity": 4,
        "policy": "members",
        "max_duration_minutes": 60,
        "max_days_ahead": 30,
        field: value,
    }
    with pytest.raises(ValidationError) as exc:
        services.resource_create(programme=place, by=staff, **fields)
    assert list(exc.value.message_dict) == [field]
    assert Resource.objects.filter(programme=place).count() == 1


def test_only_a_shared_place_has_resources():
    programme = ProgrammeFactory()
    staff = StaffFactory(organisation=programme.organisation).user
    with pytest.raises(ValidationError):
        services.resource_create(
            programme=programme,
            by=staff,
            kind="room",
            name="Salle",
            capacity=4,
            policy="members",
            max_duration_minutes=60,
            max_days_ahead=30,
        )


def test_the_staff_sets_a_membership_and_bounds_its_allowance(resource):
    staff = StaffFactory(organisation=resource.organisation).user
    person = UserFactory()
    membership = services.membership_set(
        programme=resource.programme, user=person, by=staff, monthly_allowance_minutes=600
    )
    assert membership.monthly_allowance_minutes == 600
    with pytest.raises(ValidationError):
        services.membership_set(
            programme=resource.programme, user=person, by=staff, monthly_allowance_minutes=10**6
        )
    with pytest.raises(PermissionDenied):
        services.membership_set(programme=resource.programme, user=person, by=person)
