import datetime as dt

import pytest
from django.utils import timezone

from essaim.business import reminders, routing
from essaim.business.enums import RequestState, RoutingState
from essaim.business.models import Routing
from tests.business.factories import OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 10)


def _published(**kwargs):
    return RequestFactory(published_at=timezone.now(), **kwargs)


def test_surveys_are_due_after_the_deadline_once():
    due = _published(state=RequestState.OPEN, deadline=TODAY - dt.timedelta(days=1))
    closed = _published(state=RequestState.CLOSED, deadline=TODAY - dt.timedelta(days=3))
    _published(state=RequestState.OPEN, deadline=TODAY)
    _published(
        state=RequestState.CLOSED, deadline=TODAY - dt.timedelta(days=3), survey_sent_at=timezone.now()
    )
    RequestFactory(state=RequestState.REJECTED, deadline=TODAY - dt.timedelta(days=3))
    assert [r.pk for r in reminders.due_surveys(TODAY)] == [closed.pk, due.pk]


def test_next_batches_wait_and_stop_when_enough_are_interested():
    now = timezone.now()
    old = now - routing.NEXT_BATCH_AFTER - dt.timedelta(hours=1)
    waiting = _published(state=RequestState.OPEN)
    Routing.objects.create(request=waiting, offer=OfferFactory(), notified_at=old)
    recent = _published(state=RequestState.OPEN)
    Routing.objects.create(request=recent, offer=OfferFactory(), notified_at=now)
    enough = _published(state=RequestState.OPEN)
    for _ in range(routing.ENOUGH_INTERESTED):
        Routing.objects.create(
            request=enough, offer=OfferFactory(), notified_at=old, state=RoutingState.INTERESTED
        )
    assert [r.pk for r in reminders.due_next_batches(now)] == [waiting.pk]
