"""The demo's events: made through the services, idempotent."""

import pytest

from essaim.demo import accounts as accounts_demo
from essaim.demo import events as events_demo
from essaim.events.models import Attendance, Event, EventState

pytestmark = pytest.mark.django_db


def test_demo_events_are_seeded_once(study, territories):
    accounts_demo.seed()
    events_demo.seed()
    events_demo.seed()
    assert sorted(Event.objects.values_list("title", "state")) == sorted(
        [
            (events_demo.TRAINING, EventState.PUBLISHED),
            (events_demo.WORKSHOP, EventState.PUBLISHED),
            (events_demo.MEETING, EventState.CLOSED),
        ]
    )
    assert Attendance.objects.filter(registration__event__title=events_demo.MEETING).count() >= 1
