import io

import pytest

from essaim.accounts.models import User
from essaim.core.actors import DEMO
from essaim.core.management.commands.seed_demo import DEMO_MODULES
from essaim.demo import accounts, business, fairs
from essaim.directory.services import study_load
from essaim.events.models import Event
from essaim.fairs.models import FairParticipant, Meeting, MeetingRequest, ScheduleRun

pytestmark = pytest.mark.django_db


def test_seed_demo_runs_the_fair_demo_after_events_and_business():
    assert DEMO_MODULES.index("essaim.demo.fairs") > DEMO_MODULES.index("essaim.demo.business")
    assert DEMO_MODULES.index("essaim.demo.fairs") > DEMO_MODULES.index("essaim.demo.events")


def test_without_the_business_demo_nothing_is_written():
    out = io.StringIO()
    fairs.seed(stdout=out)
    assert not Event.objects.filter(title=fairs.TITLE).exists()
    assert "rien à faire" in out.getvalue()


def test_the_demo_fair_has_participants_requests_and_a_schedule_once():
    study_load(by=DEMO)
    accounts.seed()
    business.seed()
    out = io.StringIO()
    fairs.seed(stdout=out)
    fair = Event.objects.get(title=fairs.TITLE)
    assert fair.title.endswith("(démo)") and fair.description.startswith("Salon de démonstration")
    assert fair.state == "published"
    participants = FairParticipant.objects.filter(event=fair)
    assert participants.count() == 8
    # Each contact is a demo account of the business demo: they can sign in and read their schedule.
    assert all(p.user is not None and p.user.is_demo for p in participants)
    # The two buyers are the business demo's: each is linked to its buyer record.
    buyers = participants.filter(side="buyer")
    assert buyers.count() == 2 and all(p.buyer is not None for p in buyers)
    assert all(p.buyer is None for p in participants.filter(side="supplier"))
    assert MeetingRequest.objects.filter(event=fair).count() == 10
    run = ScheduleRun.objects.get(event=fair)
    assert run.meetings == Meeting.objects.filter(event=fair).count() == 6
    assert run.weight == run.weight_bound
    assert "8 participants, 10 demandes, 6 rendez-vous planifiés" in out.getvalue()
    counts = [m.objects.count() for m in (Event, FairParticipant, MeetingRequest, Meeting, ScheduleRun, User)]
    fairs.seed(stdout=io.StringIO())
    assert [
        m.objects.count() for m in (Event, FairParticipant, MeetingRequest, Meeting, ScheduleRun, User)
    ] == counts
