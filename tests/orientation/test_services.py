"""Contact requests from orientation: one per recipient, never twice within a day, one recipient each."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from essaim.orientation.models import ContactRequest, Recipient
from essaim.orientation.services import contact_requests_create
from tests.factories.directory import EcosystemFactory, OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": " Camille ",
    "email": "camille@example.org",
    "message": " Bonjour ",
    "consent": True,
    "by": AnonymousUser(),
}


def test_one_request_per_recipient_with_the_same_consent_time():
    programme = ProgrammeFactory()
    ecosystem = EcosystemFactory(leader=OrganisationFactory())
    created = contact_requests_create(
        programmes=[programme], ecosystems=[ecosystem], territory=True, commune_code="23008", **DETAILS
    )
    assert [(r.recipient, r.programme_id, r.ecosystem_id, r.name, r.message) for r in created] == [
        (Recipient.PROGRAMME, programme.pk, None, "Camille", "Bonjour"),
        (Recipient.ECOSYSTEM, None, ecosystem.pk, "Camille", "Bonjour"),
        (Recipient.TERRITORY, None, None, "Camille", "Bonjour"),
    ]
    assert len({r.consent_at for r in created}) == 1


def test_the_territory_needs_a_commune_and_someone_must_receive_it():
    with pytest.raises(ValidationError) as error:
        contact_requests_create(programmes=[ProgrammeFactory(is_published=False)], territory=True, **DETAILS)
    assert error.value.messages == ["Aucun destinataire à qui transmettre votre demande."]
    with pytest.raises(ValidationError) as error:
        contact_requests_create(programmes=[ProgrammeFactory()], **{**DETAILS, "consent": False})
    assert error.value.messages == [
        "Votre accord est nécessaire pour transmettre vos coordonnées aux dispositifs."
    ]
    assert ContactRequest.objects.count() == 0


def test_a_second_submission_reaches_only_new_recipients_and_after_a_day_again():
    first, second = ProgrammeFactory(), ProgrammeFactory()
    assert (
        len(contact_requests_create(programmes=[first], territory=True, commune_code="23008", **DETAILS)) == 2
    )
    again = contact_requests_create(
        programmes=[first, second], territory=True, commune_code="23008", **DETAILS
    )
    assert [(r.recipient, r.programme_id) for r in again] == [(Recipient.PROGRAMME, second.pk)]
    # The authorities of another commune are other recipients.
    elsewhere = contact_requests_create(programmes=[], territory=True, commune_code="34172", **DETAILS)
    assert [(r.recipient, r.commune_id) for r in elsewhere] == [(Recipient.TERRITORY, "34172")]
    ContactRequest.objects.update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert len(contact_requests_create(programmes=[first], **DETAILS)) == 1
    assert ContactRequest.objects.count() == 5


@pytest.mark.parametrize(
    ("recipient", "with_programme", "with_ecosystem"),
    [
        (Recipient.PROGRAMME, False, False),
        (Recipient.PROGRAMME, True, True),
        (Recipient.ECOSYSTEM, True, False),
        (Recipient.TERRITORY, True, False),
    ],
)
def test_a_request_has_exactly_one_recipient(recipient, with_programme, with_ecosystem):
    row = ContactRequest(
        recipient=recipient,
        programme=ProgrammeFactory() if with_programme else None,
        ecosystem=EcosystemFactory() if with_ecosystem else None,
        name="x",
        email="x@example.org",
        message="x",
        consent_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()
