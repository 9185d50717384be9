import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import Project, Referral
from essaim.accompaniment.selectors import referral_shared_data
from essaim.accompaniment.services import referral_propose, referral_transition
from essaim.accompaniment.workflows import REFERRAL
from essaim.audit.models import Action, Event
from essaim.core.errors import PermissionDenied, TransitionNotAllowed


@pytest.fixture
def referral(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return referral_propose(
            project=world.project_a,
            to_programme=world.programme_b,
            by=world.member_a,
            message="Hébergement après création",
        )


def test_propose_asks_carrier_consent(world, referral):
    assert referral.status == ReferralStatus.AWAITING_CONSENT
    assert mail.outbox[-1].to == ["porteuse@example.org"]
    assert mail.outbox[-1].subject == "Incubateur A propose d'orienter votre projet vers Pépinière B"
    assert list(Referral.objects.visible_to(world.staff_b)) == []
    assert list(Referral.objects.visible_to(world.carrier)) == [referral]
    assert list(Referral.objects.visible_to(world.member_a)) == [referral]
    assert list(Referral.objects.visible_to(world.other_carrier)) == []
    event = Event.objects.for_object(referral).get()
    assert (event.action, event.comment, event.programme_id, event.project_id) == (
        Action.CREATE,
        "Hébergement après création",
        world.programme_a.pk,
        world.project_a.pk,
    )


def test_propose_bad_input(world):
    with pytest.raises(ValidationError) as exc:
        referral_propose(
            project=world.project_a, to_programme=world.programme_a, by=world.member_a, message=" "
        )
    assert exc.value.message_dict == {
        "to_programme": ["Choisissez un autre dispositif que celui qui accompagne le projet."],
        "message": ["Expliquez pourquoi vous orientez ce projet."],
    }
    with pytest.raises(PermissionDenied):
        referral_propose(
            project=world.project_a, to_programme=world.programme_b, by=world.staff_b, message="x"
        )
    assert not Referral.objects.exists()


def test_consent_then_accept(world, referral, django_capture_on_commit_callbacks):
    with pytest.raises(PermissionDenied):
        referral_transition(referral=referral, by=world.member_a, action="consent", shared_fields=["summary"])
    with django_capture_on_commit_callbacks(execute=True):
        referral_transition(
            referral=referral, by=world.carrier, action="consent", shared_fields=["sector", "summary"]
        )
    referral.refresh_from_db()
    assert (referral.status, referral.shared_fields) == (ReferralStatus.PROPOSED, ["summary", "sector"])
    assert abs(referral.consented_at - REFERRAL.log(referral).get().at) < dt.timedelta(seconds=1)
    assert referral.decided_at is None
    assert mail.outbox[-1].to == ["staff-b@example.org"]
    assert mail.outbox[-1].subject == "Un projet vous est proposé par Incubateur A"
    assert list(Referral.objects.visible_to(world.staff_b)) == [referral]
    assert referral_shared_data(referral) == {
        "name": "Épicerie du Faubourg",
        "model": "Accompagnement de porteurs",
        "summary": "Une épicerie solidaire en circuit court.",
        "sector": "Alimentation",
    }
    with pytest.raises(PermissionDenied):
        referral_transition(referral=referral, by=world.member_a, action="accept")
    with pytest.raises(TransitionNotAllowed, match="motif du refus"):
        referral_transition(referral=referral, by=world.staff_b, action="refuse")
    with django_capture_on_commit_callbacks(execute=True):
        referral_transition(referral=referral, by=world.staff_b, action="accept", comment="Bienvenue")
    referral.refresh_from_db()
    assert (referral.status, referral.decision_reason) == (ReferralStatus.ACCEPTED, "Bienvenue")
    assert [e.to_state for e in REFERRAL.log(referral)] == ["proposed", "accepted"]
    # the network's answer time: set by the moves, to the log's own instants within the move
    assert abs(referral.decided_at - REFERRAL.log(referral).last().at) < dt.timedelta(seconds=1)
    assert Event.objects.for_object(referral).filter(action=Action.CREATE).count() == 1
    assert REFERRAL.log(referral).first().changes == {"shared_fields": ["summary", "sector"]}
    assert sorted(mail.outbox[-1].to) == [
        "admin-a@example.org",
        "membre-a@example.org",
        "porteuse@example.org",
    ]
    assert mail.outbox[-1].subject == "Passerelle « Épicerie du Faubourg » vers Pépinière B : Acceptée"
    with pytest.raises(TransitionNotAllowed, match="n'est plus possible"):
        referral_transition(referral=referral, by=world.staff_b, action="refuse", comment="non")
    with pytest.raises(TransitionNotAllowed) as exc:
        referral_transition(referral=referral, by=world.staff_b, action="refuse", comment="non")
    assert exc.value.messages == ["Cette passerelle est « Acceptée » : l'action n'est plus possible."]


def test_consent_rejects_unknown_fields(world, referral):
    with pytest.raises(TransitionNotAllowed, match="Informations inconnues : password"):
        referral_transition(referral=referral, by=world.carrier, action="consent", shared_fields=["password"])
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.AWAITING_CONSENT


def test_carrier_declines(world, referral):
    referral_transition(referral=referral, by=world.carrier, action="decline")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED_BY_CARRIER
    assert list(Referral.objects.visible_to(world.staff_b)) == []


def test_sending_staff_withdraw(world, referral):
    with pytest.raises(PermissionDenied):
        referral_transition(referral=referral, by=world.staff_b, action="withdraw")
    with pytest.raises(PermissionDenied):
        referral_transition(referral=referral, by=world.carrier, action="withdraw")
    referral_transition(referral=referral, by=world.member_a, action="withdraw")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN


def test_unknown_action_is_refused_in_words(world, referral):
    with pytest.raises(TransitionNotAllowed) as exc:
        referral_transition(referral=referral, by=world.carrier, action="explode")
    assert exc.value.messages == ["Action inconnue : explode."]


def test_available_moves_per_actor(world, referral):
    assert [t.name for t in REFERRAL.available(referral, world.carrier)] == ["consent", "decline"]
    assert [t.name for t in REFERRAL.available(referral, world.member_a)] == ["withdraw"]
    assert REFERRAL.available(referral, world.staff_b) == []
    assert REFERRAL.available(referral, world.platform_admin) == []


def test_receiving_staff_never_see_the_project_itself(world, referral):
    referral_transition(referral=referral, by=world.carrier, action="consent", shared_fields=["summary"])
    referral_transition(referral=referral, by=world.staff_b, action="accept")
    assert list(Project.objects.visible_to(world.staff_b)) == [world.project_b]
