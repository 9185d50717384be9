"""A participant's contact: exported with the account, wiped on erasure and by retention once the
fair is over; the facts (side, meetings, deals) stay."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from essaim.accounts import privacy as accounts_privacy
from essaim.core import retention
from essaim.fairs import privacy
from essaim.fairs.models import FairParticipant, FollowUp, Meeting, MeetingState, Side
from tests.factories.accounts import UserFactory
from tests.fairs.factories import FairFactory, MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_export_holds_the_participations_and_meetings_of_the_account():
    person = UserFactory()
    buyer = ParticipantFactory(user=person, contact_name="Lucie Martin", email="lucie@example.org")
    meeting = MeetingFactory(
        event=buyer.event,
        buyer=buyer,
        state=MeetingState.HELD,
        follow_up=FollowUp.DEAL,
        deal_amount=Decimal("150"),
    )
    ParticipantFactory(event=buyer.event)  # someone else's
    data = privacy.export_for(user=person)
    assert [(p["contact_name"], p["email"], p["side"]) for p in data["fair_participations"]] == [
        ("Lucie Martin", "lucie@example.org", "buyer")
    ]
    assert [(m["supplier"], m["deal_amount"]) for m in data["fair_meetings"]] == [
        (meeting.supplier.name, "150.00")
    ]


def test_the_holder_is_registered_with_its_model():
    assert "fairs" in accounts_privacy._HOLDERS
    assert accounts_privacy.PERSONAL_DATA["fairs.fairparticipant"] == "holder 'fairs'"


def test_erasure_wipes_the_contact_and_keeps_the_facts():
    person = UserFactory()
    buyer = ParticipantFactory(user=person, name="Mairie de Figeac", email="lucie@example.org")
    MeetingFactory(event=buyer.event, buyer=buyer)
    assert privacy.erase_for(user=person) == 1
    buyer.refresh_from_db()
    assert (buyer.contact_name, buyer.email, buyer.user_id, buyer.is_anonymised) == (
        f"Contact anonymisé n° {buyer.pk}",
        f"anonyme-{buyer.pk}@anonyme.invalid",
        None,
        True,
    )
    assert (buyer.name, buyer.side, Meeting.objects.filter(buyer=buyer).count()) == (
        "Mairie de Figeac",
        Side.BUYER,
        1,
    )


def test_retention_anonymises_the_contacts_of_past_fairs_only(settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "fair_participants": 730}
    now = timezone.now()
    past = FairFactory(sessions=[(now - dt.timedelta(days=800), now - dt.timedelta(days=800, hours=-8))])
    old = ParticipantFactory(event=past)
    recent = ParticipantFactory(event=FairFactory())
    assert retention.purge(now=now, kinds=["fair_participants"]) == {"fair_participants": 1}
    assert list(FairParticipant.objects.filter(is_anonymised=True).values_list("pk", flat=True)) == [old.pk]
    assert FairParticipant.objects.get(pk=recent.pk).is_anonymised is False
