"""No double booking: many people ask for the same period at the same instant, each in its own
thread and database connection; exactly one gets it, the others are told it is taken, and no two
confirmed bookings of the resource overlap. On PostgreSQL the resource's row lock serialises
them and the exclusion constraint `booking_no_overlap` refuses an overlap written by any other
path. (The in-memory SQLite test database cannot be shared by threads: skipped there, where
every transaction begins IMMEDIATE and writers queue on the database lock.)"""

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from essaim.core.errors import ValidationError
from essaim.places import services
from essaim.places.models import Booking, BookingPolicy
from tests.factories.accounts import UserFactory
from tests.places.factories import BookingFactory, ResourceFactory, at

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="threads share no in-memory SQLite database"
    ),
]

PEOPLE = 12


def test_parallel_bookings_of_overlapping_periods_never_overlap():
    resource = ResourceFactory(policy=BookingPolicy.SIGNED_IN)
    users = [UserFactory() for _ in range(PEOPLE)]
    barrier = threading.Barrier(PEOPLE)
    refused, errors = [], []

    def book(i, user):
        start = at(days=3, hour=10, minute=(i % 4) * 15)  # every request overlaps every other
        try:
            barrier.wait()
            services.booking_create(
                resource=resource, by=user, starts_at=start, ends_at=start + dt.timedelta(hours=1)
            )
        except ValidationError:
            refused.append(i)
        except Exception as exc:  # noqa: BLE001 — the test reports every failure
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(i, u)) for i, u in enumerate(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Booking.objects.filter(resource=resource, state="confirmed").count() == 1
    assert len(refused) == PEOPLE - 1


def test_the_exclusion_constraint_refuses_an_overlap_written_directly():
    booking = BookingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            resource=booking.resource,
            user=booking.user,
            starts_at=booking.starts_at + dt.timedelta(minutes=30),
            ends_at=booking.ends_at + dt.timedelta(minutes=30),
        )
    # A cancelled booking or another resource may share the period.
    Booking.objects.create(
        resource=booking.resource, starts_at=booking.starts_at, ends_at=booking.ends_at, state="cancelled"
    )
    Booking.objects.create(resource=ResourceFactory(), starts_at=booking.starts_at, ends_at=booking.ends_at)
    assert Booking.objects.count() == 3
