"""The service contract: keyword-only, `by`, predicates, one transaction, an audit event always."""

import pytest
from django.core.exceptions import ValidationError

from essaim.accounts.models import Membership
from essaim.audit import record
from essaim.audit.models import Event
from essaim.core.actors import IMPORT
from essaim.core.errors import PermissionDenied
from essaim.core.services import REGISTRY, current_service, ensure, service
from tests.factories.accounts import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def is_superuser(user, obj=None) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


@service(permission=is_superuser, on="membership")
def membership_promote_for_test(*, membership: Membership, by) -> Membership:
    membership.role = Membership.Role.ADMIN
    membership.save()
    return membership


@service
def membership_rename_for_test(*, membership: Membership, by, fail: bool = False) -> Membership:
    membership.role = Membership.Role.ADMIN
    membership.save()
    record(actor=by, obj=membership, action="update", changes={"role": ["member", "admin"]})
    if fail:
        raise ValidationError("Refusé.")
    return membership


@service
def outer_for_test(*, membership: Membership, by) -> str:
    assert current_service() == "outer_for_test"
    membership_rename_for_test(membership=membership, by=by)
    assert current_service() == "outer_for_test"
    return "ok"


def test_a_service_without_an_event_of_its_own_gets_one_by_construction():
    membership = MembershipFactory()
    admin = UserFactory(admin=True)
    membership_promote_for_test(membership=membership, by=admin)
    event = Event.objects.get()
    assert (event.verb, event.object_type, event.object_id, event.actor) == (
        "membership_promote_for_test",
        "accounts.membership",
        membership.pk,
        admin,
    )


def test_events_written_by_the_body_carry_the_service_name_and_no_default_is_added():
    membership = MembershipFactory()
    membership_rename_for_test(membership=membership, by=IMPORT)
    event = Event.objects.get()
    assert (event.verb, event.changes, event.actor_label) == (
        "membership_rename_for_test",
        {"role": ["member", "admin"]},
        "import de données",
    )


def test_permission_is_checked_before_anything_is_written():
    membership = MembershipFactory()
    with pytest.raises(PermissionDenied):
        membership_promote_for_test(membership=membership, by=UserFactory())
    assert Membership.objects.get(pk=membership.pk).role == Membership.Role.MEMBER
    assert Event.objects.count() == 0


def test_a_refusal_leaves_no_partial_data():
    membership = MembershipFactory()
    with pytest.raises(ValidationError):
        membership_rename_for_test(membership=membership, by=IMPORT, fail=True)
    assert Membership.objects.get(pk=membership.pk).role == Membership.Role.MEMBER
    assert Event.objects.count() == 0


def test_nested_services_each_keep_their_event_and_the_outer_one_its_name():
    membership = MembershipFactory()
    assert outer_for_test(membership=membership, by=IMPORT) == "ok"
    assert list(Event.objects.values_list("verb", flat=True)) == ["membership_rename_for_test"]
    assert current_service() is None


def test_the_contract_is_checked_when_the_service_is_declared():
    with pytest.raises(TypeError, match="keyword-only"):

        @service
        def positional(membership, *, by):
            return None

    with pytest.raises(TypeError, match="must take `by`"):

        @service
        def anonymous(*, membership):
            return None

    with pytest.raises(TypeError, match="names no parameter"):

        @service(permission=is_superuser, on="project")
        def wrong_target(*, membership, by):
            return None


def test_services_are_registered_by_module_and_name():
    info = REGISTRY[f"{__name__}.membership_promote_for_test"]
    assert (info.name, info.permission, info.on) == (
        "membership_promote_for_test",
        is_superuser,
        "membership",
    )


def test_ensure_raises_the_one_permission_error():
    ensure(is_superuser, UserFactory(admin=True))
    with pytest.raises(PermissionDenied, match="Pas ici"):
        ensure(is_superuser, UserFactory(), message="Pas ici")
