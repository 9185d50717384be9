"""The resource status workflow: its states and moves, who makes them, one log line per move."""

import datetime as dt

import pytest

from essaim.audit.models import Event
from essaim.core.actors import SYSTEM
from essaim.core.errors import PermissionDenied, TransitionNotAllowed
from essaim.financing.enums import ResourceStatus
from essaim.financing.models import FinancingResource
from essaim.financing.workflows import RESOURCE, transition_to
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.financing import FinancingResourceFactory

pytestmark = pytest.mark.django_db

MOVES = {
    "planned": {"requested", "granted", "refused", "paid"},
    "requested": {"granted", "refused", "paid", "planned"},
    "granted": {"refused", "paid", "requested"},
    "refused": {"requested"},
    "paid": set(),
}


def test_every_status_is_a_state_with_its_declared_moves():
    assert set(RESOURCE.states.values) == set(ResourceStatus.values) == set(MOVES)
    for source, targets in MOVES.items():
        reached = {t.target for t in RESOURCE.transitions.values() if source in t.sources}
        assert reached == targets, source


@pytest.mark.parametrize(("source", "target"), [(s, t) for s, ts in MOVES.items() for t in sorted(ts)])
def test_transition_to_finds_the_one_move(source, target):
    resource = FinancingResource(status=source)
    assert transition_to(resource, target).target == target


def test_transition_to_a_status_that_cannot_be_reached():
    assert transition_to(FinancingResource(status="paid"), "granted") is None
    assert transition_to(FinancingResource(status="refused"), "refused") is None


def test_available_moves_for_staff_and_nobody_else():
    resource = FinancingResourceFactory(status="granted")
    staff = MembershipFactory(organisation=resource.plan.project.programme.organisation).user
    assert [t.name for t in RESOURCE.available(resource, staff)] == ["refuse", "pay", "reopen"]
    assert RESOURCE.available(resource, MembershipFactory().user) == []
    assert RESOURCE.available(resource, UserFactory(admin=True)) != []


def test_apply_records_the_date_and_logs_once():
    resource = FinancingResourceFactory(status="granted", decided_on=dt.date(2024, 1, 5))
    moved = RESOURCE.apply(resource, "pay", by=SYSTEM, on=dt.date(2024, 2, 1))
    assert (moved.status, moved.paid_on) == ("paid", dt.date(2024, 2, 1))
    assert [(e.from_state, e.to_state, e.actor_label) for e in RESOURCE.log(moved)] == [
        ("granted", "paid", "système")
    ]


def test_forbidden_and_impossible_moves():
    resource = FinancingResourceFactory(status="refused")
    with pytest.raises(PermissionDenied):
        RESOURCE.apply(resource, "reopen", by=MembershipFactory().user)
    with pytest.raises(TransitionNotAllowed) as exc:
        RESOURCE.apply(resource, "pay", by=SYSTEM)
    assert exc.value.messages == ["Ce changement de statut n'est pas possible pour cette ressource."]
    assert Event.objects.count() == 0
