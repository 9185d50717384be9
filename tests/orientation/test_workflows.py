"""What became of a contact request (essaim/orientation/workflows.py): the states issue 10 asks
for, moved by the request's recipients only, each move logged once with its reason."""

import pytest
from django.contrib.auth.models import AnonymousUser

from essaim.audit.models import Event
from essaim.core.errors import PermissionDenied, TransitionNotAllowed
from essaim.orientation.models import ContactRequest, ContactState
from essaim.orientation.services import (
    contact_request_create,
    contact_request_transition,
    contact_request_turn_into_project,
    contact_requests_create,
)
from essaim.orientation.workflows import CONTACT
from tests.factories.accounts import MembershipFactory, TerritoryScopeFactory, UserFactory
from tests.factories.directory import EcosystemFactory, OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

DETAILS = {"name": "Camille", "email": "camille@example.org", "message": "Bonjour", "consent": True}


@pytest.fixture
def request_to_programme():
    return contact_request_create(programme=ProgrammeFactory(), by=AnonymousUser(), **DETAILS)


def test_the_states_and_moves_are_declared():
    assert list(CONTACT.states.values) == ["new", "answered", "project", "closed"]
    moves = {name: (t.sources, t.target) for name, t in CONTACT.transitions.items()}
    assert moves == {
        "answer": (("new",), "answered"),
        "turn_into_project": (("new", "answered"), "project"),
        "close": (("new", "answered"), "closed"),
        "reopen": (("closed",), "new"),
    }
    assert CONTACT.transitions["close"].needs_comment is True


def test_a_request_arrives_new_and_its_sending_is_logged_without_the_carrier_s_details(request_to_programme):
    assert request_to_programme.state == ContactState.NEW
    event = Event.objects.get()
    assert (event.action, event.actor_id, event.actor_label, event.programme_id) == (
        "create",
        None,
        "visiteur sans compte",
        request_to_programme.programme_id,
    )
    assert "camille@example.org" not in str(event.changes)


def test_the_programme_staff_answer_and_close_with_a_reason(request_to_programme):
    staff = MembershipFactory(organisation=request_to_programme.programme.organisation).user
    assert [t.name for t in CONTACT.available(request_to_programme, staff)] == [
        "answer",
        "turn_into_project",
        "close",
    ]
    answered = contact_request_transition(contact_request=request_to_programme, action="answer", by=staff)
    assert answered.state == ContactState.ANSWERED
    with pytest.raises(TransitionNotAllowed) as exc:
        contact_request_transition(contact_request=answered, action="close", by=staff)
    assert exc.value.messages == ["Indiquez pourquoi la demande est close."]
    closed = contact_request_transition(
        contact_request=answered, action="close", by=staff, comment="Orientée vers la CCI"
    )
    assert closed.state == ContactState.CLOSED
    log = [(e.from_state, e.to_state, e.comment, e.actor_id) for e in CONTACT.log(closed)]
    assert log == [
        ("new", "answered", "", staff.pk),
        ("answered", "closed", "Orientée vers la CCI", staff.pk),
    ]
    with pytest.raises(TransitionNotAllowed):
        contact_request_transition(contact_request=closed, action="answer", by=staff)


def test_nobody_else_moves_a_request(request_to_programme):
    carrier = UserFactory(carrier=True)
    for intruder in (
        MembershipFactory().user,
        carrier,
        TerritoryScopeFactory(level="region", code="76").user,
    ):
        assert CONTACT.available(request_to_programme, intruder) == []
        with pytest.raises(PermissionDenied):
            contact_request_transition(contact_request=request_to_programme, action="answer", by=intruder)
    assert ContactRequest.objects.get().state == ContactState.NEW
    admin = UserFactory(admin=True)
    with pytest.raises(TransitionNotAllowed) as exc:  # the project is made by its own service
        contact_request_transition(contact_request=request_to_programme, action="turn_into_project", by=admin)
    assert exc.value.messages == ["Créez le projet depuis la demande : « Transformer en projet »."]
    project = contact_request_turn_into_project(
        contact_request=request_to_programme,
        programme=request_to_programme.programme,
        name="Épicerie",
        model="carrier",
        by=admin,
    )
    assert ContactRequest.objects.get().state == ContactState.PROJECT
    assert ContactRequest.objects.get().project == project


def test_an_ecosystem_s_and_a_territory_s_requests_are_moved_by_their_recipients():
    leader = OrganisationFactory()
    ecosystem = EcosystemFactory(leader=leader)
    to_ecosystem, to_territory = contact_requests_create(
        programmes=[],
        ecosystems=[ecosystem],
        territory=True,
        commune_code="23008",
        by=AnonymousUser(),
        **DETAILS,
    )
    leader_staff = MembershipFactory(organisation=leader).user
    viewer = TerritoryScopeFactory(level="departement", code="23", kind="local_authority").user
    contact_request_transition(contact_request=to_ecosystem, action="answer", by=leader_staff)
    with pytest.raises(PermissionDenied):
        contact_request_transition(contact_request=to_territory, action="answer", by=leader_staff)
    contact_request_transition(contact_request=to_territory, action="answer", by=viewer)
    assert set(ContactRequest.objects.values_list("state", flat=True)) == {ContactState.ANSWERED}
