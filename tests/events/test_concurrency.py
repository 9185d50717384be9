"""No overbooking: N > capacity people register at the same instant, each in its own thread and
database connection; exactly `capacity` get a seat, the others wait, in one order.

On PostgreSQL the event's row lock (`SELECT … FOR UPDATE`) serialises them; on SQLite every
transaction begins IMMEDIATE (settings), so writers queue on the database lock. The in-memory
SQLite test database cannot be shared by threads with that locking: the SQLite run uses the
file database of `transaction_mode` tests elsewhere, so here it is skipped.
"""

import threading

import pytest
from django.db import connection, connections

from essaim.events import services
from essaim.events.models import Registration, RegistrationState
from tests.events.factories import EventFactory
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

CAPACITY = 5
PEOPLE = 16


@pytest.mark.skipif(connection.vendor != "postgresql", reason="threads share no in-memory SQLite database")
def test_parallel_registrations_never_overbook():
    event = EventFactory(published=True, capacity=CAPACITY)
    users = [UserFactory() for _ in range(PEOPLE)]
    barrier = threading.Barrier(PEOPLE)
    errors = []

    def register(user):
        try:
            barrier.wait()
            services.registration_create(event=event, by=user)
        except Exception as exc:  # noqa: BLE001 — the test reports every failure
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    states = sorted(Registration.objects.filter(event=event).values_list("state", flat=True))
    assert errors == []
    assert states.count(RegistrationState.CONFIRMED) == CAPACITY
    assert states.count(RegistrationState.WAITING) == PEOPLE - CAPACITY
