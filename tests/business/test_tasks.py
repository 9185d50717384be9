import datetime as dt

import pytest
from django.utils import timezone

from essaim.business.enums import RequestState
from essaim.business.tasks import run_tick
from tests.business.factories import RequestFactory, staff

pytestmark = pytest.mark.django_db


def test_the_tick_closes_past_requests_and_sends_the_survey_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    request = RequestFactory(
        state=RequestState.OPEN,
        published_at=timezone.now(),
        deadline=timezone.localdate() - dt.timedelta(days=1),
    )
    buyer_user = staff(request.buyer.organisation, email="achats@mairie.example")
    with django_capture_on_commit_callbacks(execute=True):
        assert run_tick() == {"batches": 0, "surveys": 1}
    request.refresh_from_db()
    assert request.state == RequestState.CLOSED and request.survey_sent_at is not None
    assert [m.to for m in mailoutbox] == [[buyer_user.email]]
    assert f"/espace/affaires/demandes/{request.pk}/suite/" in mailoutbox[0].body
    assert run_tick() == {"batches": 0, "surveys": 0}
