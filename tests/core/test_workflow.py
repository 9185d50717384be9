"""The workflow kernel, on a small workflow over memberships (member ⇄ admin)."""

import pytest
from django.db import models

from essaim.accounts.models import Membership
from essaim.audit.models import Action, Event
from essaim.core.actors import TASKS
from essaim.core.errors import PermissionDenied, TransitionNotAllowed
from essaim.core.workflow import REGISTRY, Transition, Workflow, anyone
from tests.factories.accounts import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def is_superuser(user, obj=None) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


effects_seen = []


def refuse_demo(obj, ctx):
    if ctx.params.get("blocked"):
        return "Bloqué par la règle."
    return None


def remember(obj, ctx):
    effects_seen.append((obj.pk, ctx.from_state, obj.role))
    if ctx.params.get("explode"):
        raise RuntimeError("boom")


ROLE_WORKFLOW = Workflow(
    "test-membership-role",
    states=Membership.Role,
    state_field="role",
    transitions=[
        Transition(
            "promote",
            (Membership.Role.MEMBER,),
            Membership.Role.ADMIN,
            "Nommer administrateur",
            permission=is_superuser,
            guards=(refuse_demo,),
            effects=(remember,),
        ),
        Transition(
            "demote",
            (Membership.Role.ADMIN,),
            Membership.Role.MEMBER,
            "Retirer l'administration",
            permission=anyone,
            needs_comment=True,
            is_negative=True,
        ),
    ],
)


@pytest.fixture
def membership():
    return MembershipFactory(role=Membership.Role.MEMBER)


@pytest.fixture
def admin():
    return UserFactory(admin=True)


def test_apply_moves_saves_and_logs_once(membership, admin):
    moved = ROLE_WORKFLOW.apply(membership, "promote", by=admin, comment="  bienvenue  ")
    assert moved.role == Membership.Role.ADMIN
    assert Membership.objects.get(pk=membership.pk).role == Membership.Role.ADMIN
    events = list(Event.objects.filter(object_type="accounts.membership", object_id=membership.pk))
    assert len(events) == 1
    event = events[0]
    assert (event.action, event.workflow, event.from_state, event.to_state) == (
        Action.TRANSITION,
        "test-membership-role",
        "member",
        "admin",
    )
    assert event.comment == "bienvenue"
    assert event.actor == admin
    assert event.organisation_id == membership.organisation_id
    assert moved.last_move.event == event
    assert list(ROLE_WORKFLOW.log(membership)) == [event]


def test_a_state_that_does_not_allow_the_move_is_refused_and_nothing_is_written(membership, admin):
    with pytest.raises(TransitionNotAllowed) as exc:
        ROLE_WORKFLOW.apply(membership, "demote", by=admin, comment="x")
    assert "impossible dans l'état « Membre de l'équipe »" in exc.value.messages[0]
    assert Event.objects.count() == 0
    assert Membership.objects.get(pk=membership.pk).role == Membership.Role.MEMBER


def test_permission_is_the_transition_predicate(membership):
    with pytest.raises(PermissionDenied):
        ROLE_WORKFLOW.apply(membership, "promote", by=UserFactory())
    with pytest.raises(PermissionDenied):
        ROLE_WORKFLOW.apply(membership, "promote", by=TASKS)
    assert Event.objects.count() == 0


def test_guard_refuses_with_its_message(membership, admin):
    with pytest.raises(TransitionNotAllowed) as exc:
        ROLE_WORKFLOW.apply(membership, "promote", by=admin, blocked=True)
    assert exc.value.messages == ["Bloqué par la règle."]
    assert Membership.objects.get(pk=membership.pk).role == Membership.Role.MEMBER


def test_a_move_that_needs_a_reason_refuses_a_blank_one(admin):
    membership = MembershipFactory(role=Membership.Role.ADMIN)
    with pytest.raises(TransitionNotAllowed):
        ROLE_WORKFLOW.apply(membership, "demote", by=admin, comment="   ")
    ROLE_WORKFLOW.apply(membership, "demote", by=TASKS, comment="départ")
    event = Event.objects.get()
    assert (event.actor, event.actor_label) == (None, "tâches planifiées")


def test_effects_run_after_the_save_and_a_failing_effect_undoes_everything(membership, admin):
    effects_seen.clear()
    ROLE_WORKFLOW.apply(membership, "promote", by=admin)
    assert effects_seen == [(membership.pk, "member", "admin")]
    other = MembershipFactory(role=Membership.Role.MEMBER)
    with pytest.raises(RuntimeError):
        ROLE_WORKFLOW.apply(other, "promote", by=admin, explode=True)
    assert Membership.objects.get(pk=other.pk).role == Membership.Role.MEMBER
    assert Event.objects.filter(object_id=other.pk).count() == 0


def test_available_lists_the_moves_this_user_may_make_now(membership, admin):
    assert [t.name for t in ROLE_WORKFLOW.available(membership, admin)] == ["promote"]
    assert ROLE_WORKFLOW.available(membership, UserFactory()) == []
    membership.role = Membership.Role.ADMIN
    assert [t.name for t in ROLE_WORKFLOW.available(membership, UserFactory())] == ["demote"]
    assert ROLE_WORKFLOW.may(membership, "demote", admin) is True
    assert ROLE_WORKFLOW.may(membership, "promote", admin) is False


def test_unknown_action_is_refused_in_words(membership, admin):
    with pytest.raises(TransitionNotAllowed) as exc:
        ROLE_WORKFLOW.apply(membership, "fly", by=admin)
    assert exc.value.messages == ["Action inconnue : fly."]


def test_declarations_are_checked():
    class Colour(models.TextChoices):
        RED = "red", "Rouge"

    with pytest.raises(ValueError, match="unknown states"):
        Workflow("test-bad", states=Colour, transitions=[Transition("x", ("red",), "blue", "X", anyone)])
    with pytest.raises(ValueError, match="share a name"):
        Workflow(
            "test-dup",
            states=Colour,
            transitions=[
                Transition("x", ("red",), "red", "X", anyone),
                Transition("x", ("red",), "red", "Y", anyone),
            ],
        )
    with pytest.raises(ValueError, match="declared twice"):
        Workflow("test-membership-role", states=Colour, transitions=[])
    assert REGISTRY["test-membership-role"] is ROLE_WORKFLOW
