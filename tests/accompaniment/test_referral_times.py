"""Migration 0009 fills a referral's consent and decision times from the activity log's first
moves (the function it runs, on today's models: the two fields are all it touches)."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import Referral
from tests.factories.accompaniment import ReferralFactory
from tests.network.world import NOW, _move

pytestmark = pytest.mark.django_db

fill_from_the_log = importlib.import_module(
    "essaim.accompaniment.migrations.0009_referral_consent_decision_times"
).fill_from_the_log


def test_the_first_consent_and_the_decision_matching_the_status_are_copied():
    accepted = ReferralFactory(status=ReferralStatus.ACCEPTED)
    first, later = NOW - dt.timedelta(days=9), NOW - dt.timedelta(days=2)
    _move(accepted, ReferralStatus.PROPOSED, later)
    _move(accepted, ReferralStatus.PROPOSED, first)
    _move(accepted, ReferralStatus.ACCEPTED, NOW)
    _move(accepted, ReferralStatus.REFUSED, NOW - dt.timedelta(days=1))  # not its status
    proposed = ReferralFactory(status=ReferralStatus.PROPOSED)
    _move(proposed, ReferralStatus.PROPOSED, later)
    _move(proposed, ReferralStatus.ACCEPTED, NOW)  # a stray move: a proposed one is not decided
    waiting = ReferralFactory(status=ReferralStatus.AWAITING_CONSENT)
    fill_from_the_log(apps, None)
    times = {r.pk: (r.consented_at, r.decided_at) for r in Referral.objects.all()}
    assert times == {accepted.pk: (first, NOW), proposed.pk: (later, None), waiting.pk: (None, None)}
