"""Factories of shared places: `ResourceFactory()` is a meeting room of a new shared place, open
every day from 8:00 to 20:00, bookable by the place's members, 4 hours at most, 60 days ahead."""

import datetime as dt

import factory
from django.utils import timezone

from essaim.directory.enums import ProgrammeKind
from essaim.places.models import Booking, BookingPolicy, OpeningHours, PlaceMembership, Resource, ResourceKind
from tests.factories.accounts import MembershipFactory as StaffFactory
from tests.factories.accounts import UserFactory
from tests.factories.directory import ProgrammeFactory


class PlaceFactory(ProgrammeFactory):
    kind = ProgrammeKind.SHARED_PLACE
    name = factory.Sequence(lambda n: f"Tiers-lieu {n}")


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    programme = factory.SubFactory(PlaceFactory)
    organisation = factory.LazyAttribute(lambda o: o.programme.organisation)
    kind = ResourceKind.ROOM
    name = factory.Sequence(lambda n: f"Salle {n}")
    capacity = 8
    policy = BookingPolicy.MEMBERS
    max_duration_minutes = 240
    max_days_ahead = 60

    @factory.post_generation
    def hours(self, create, extracted, **kwargs):
        if not create:
            return
        spans = extracted if extracted is not None else {d: (dt.time(8), dt.time(20)) for d in range(7)}
        OpeningHours.objects.bulk_create(
            OpeningHours(resource=self, weekday=d, opens_at=o, closes_at=c) for d, (o, c) in spans.items()
        )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaceMembership

    programme = factory.SubFactory(PlaceFactory)
    user = factory.SubFactory(UserFactory)
    kind = "member"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    resource = factory.SubFactory(ResourceFactory)
    user = factory.SubFactory(UserFactory)
    starts_at = factory.LazyFunction(lambda: at(days=2, hour=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1))


def at(*, days: int, hour: int, minute: int = 0) -> dt.datetime:
    """A local wall-clock time `days` from today."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def staff_of(place):
    """A staff member of the organisation running `place`."""
    return StaffFactory(organisation=place.organisation).user
