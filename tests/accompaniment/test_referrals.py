import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import Referral
from essaim.accompaniment.selectors import referral_shared_data
from essaim.accompaniment.services import PermissionDenied, referral_propose
from essaim.accompaniment.workflow import TransitionError, TransitionForbidden, referral_transition


@pytest.fixture
def referral(world):
    return referral_propose(
        project=world.project_a,
        to_programme=world.programme_b,
        by=world.member_a,
        message="Hébergement après création",
    )


def test_propose_asks_carrier_consent(world, referral):
    assert referral.status == ReferralStatus.AWAITING_CONSENT
    assert mail.outbox[-1].to == ["porteuse@example.org"]
    assert list(Referral.objects.visible_to(world.staff_b)) == []
    assert list(Referral.objects.visible_to(world.carrier)) == [referral]
    assert list(Referral.objects.visible_to(world.member_a)) == [referral]
    assert list(Referral.objects.visible_to(world.other_carrier)) == []


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


def test_consent_then_accept(world, referral):
    with pytest.raises(TransitionForbidden):
        referral_transition(referral=referral, by=world.member_a, action="consent", shared_fields=["summary"])
    referral_transition(
        referral=referral, by=world.carrier, action="consent", shared_fields=["sector", "summary"]
    )
    referral.refresh_from_db()
    assert (referral.status, referral.shared_fields) == (ReferralStatus.PROPOSED, ["summary", "sector"])
    assert mail.outbox[-1].to == ["staff-b@example.org"]
    assert list(Referral.objects.visible_to(world.staff_b)) == [referral]
    assert referral_shared_data(referral) == {
        "name": "Épicerie du Faubourg",
        "model": "Accompagnement de porteurs",
        "summary": "Une épicerie solidaire en circuit court.",
        "sector": "Alimentation",
    }
    with pytest.raises(TransitionForbidden):
        referral_transition(referral=referral, by=world.member_a, action="accept")
    with pytest.raises(TransitionError, match="motif du refus"):
        referral_transition(referral=referral, by=world.staff_b, action="refuse")
    referral_transition(referral=referral, by=world.staff_b, action="accept", comment="Bienvenue")
    referral.refresh_from_db()
    assert (referral.status, referral.decision_reason) == (ReferralStatus.ACCEPTED, "Bienvenue")
    assert [e.to_status for e in referral.events.all()] == ["awaiting_consent", "proposed", "accepted"]
    assert sorted(mail.outbox[-1].to) == [
        "admin-a@example.org",
        "membre-a@example.org",
        "porteuse@example.org",
    ]
    with pytest.raises(TransitionError, match="n'est plus possible"):
        referral_transition(referral=referral, by=world.staff_b, action="refuse", comment="non")


def test_consent_rejects_unknown_fields(world, referral):
    with pytest.raises(TransitionError, match="Informations inconnues : password"):
        referral_transition(referral=referral, by=world.carrier, action="consent", shared_fields=["password"])
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.AWAITING_CONSENT


def test_carrier_declines(world, referral):
    referral_transition(referral=referral, by=world.carrier, action="decline")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED_BY_CARRIER
    assert list(Referral.objects.visible_to(world.staff_b)) == []


def test_receiving_staff_never_see_the_project_itself(world, referral):
    from essaim.accompaniment.models import Project

    referral_transition(referral=referral, by=world.carrier, action="consent", shared_fields=["summary"])
    referral_transition(referral=referral, by=world.staff_b, action="accept")
    assert list(Project.objects.visible_to(world.staff_b)) == [world.project_b]
