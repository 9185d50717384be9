"""A person's data across apps (essaim/accounts/privacy.py): every model holding personal data is
covered, contact requests and two-factor devices are exported and erased with the account."""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from essaim.accounts.models import User
from essaim.accounts.privacy import PERSONAL_DATA, account_erase, personal_data_export
from essaim.audit.models import Event
from essaim.orientation.models import ContactRequest
from essaim.orientation.services import contact_request_create
from tests.factories.accounts import UserFactory
from tests.factories.directory import ProgrammeFactory

IDENTITY = re.compile(r"(^|_)(email|phone|full_name|first_name|last_name|username|sender|recipients)$")


def _personal_models() -> list[str]:
    """Models with a link to an account or a field that names or reaches a person."""
    found = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields + tuple(model._meta.many_to_many):
            to_user = field.is_relation and field.related_model is not None
            to_user = to_user and field.related_model._meta.label == settings.AUTH_USER_MODEL
            if to_user or IDENTITY.search(field.name):
                found.add(model._meta.label_lower)
    return sorted(found)


@pytest.mark.parametrize("label", _personal_models())
def test_every_model_with_personal_fields_is_covered(label):
    assert label in PERSONAL_DATA, (
        f"{label}: cover it (privacy.register(..., models=(...,))) or say why not (privacy.declare)"
    )


def test_the_coverage_list_names_real_models():
    real = {m._meta.label_lower for m in apps.get_models()}
    assert sorted(set(PERSONAL_DATA) - real) == []
    assert {"orientation.contactrequest", "otp_totp.totpdevice", "otp_static.staticdevice"} <= set(
        PERSONAL_DATA
    )


@pytest.fixture
def carrier(db):
    return UserFactory(email="awa@example.org", full_name="Awa Diallo", is_carrier=True)


def _send(by, programme, **extra):
    details = {
        "name": "Awa Diallo",
        "email": "awa@example.org",
        "phone": "06 12 34 56 78",
        "message": "Awa Diallo, épicerie solidaire à Lodève",
        "consent": True,
        "stage": "emergence",
        **extra,
    }
    return contact_request_create(programme=programme, by=by, **details)


def test_contact_requests_are_exported(carrier):
    programme = ProgrammeFactory(name="Incubateur Sud")
    _send(carrier, programme)
    _send(AnonymousUser(), programme, email="autre@example.org", name="Autre")
    rows = personal_data_export(user=carrier)["contact_requests"]
    assert [(r["to"], r["name"], r["email"], r["phone"], r["stage"]) for r in rows] == [
        ("Incubateur Sud", "Awa Diallo", "awa@example.org", "06 12 34 56 78", "emergence")
    ]


def test_contact_requests_are_erased_with_the_account(carrier):
    programme = ProgrammeFactory()
    mine = _send(carrier, programme)
    other = _send(AnonymousUser(), programme, email="autre@example.org", name="Bob Martin")

    done = account_erase(user=carrier)

    assert done["contact_requests"] == 1
    mine.refresh_from_db()
    assert (mine.name, mine.email, mine.phone, mine.message, mine.sender) == (
        "personne supprimée",
        f"supprime-{mine.pk}@anonyme.invalid",
        "",
        "",
        None,
    )
    assert (mine.programme, mine.stage, mine.state) == (programme, "emergence", "new")  # facts kept
    other.refresh_from_db()
    assert (other.name, other.email) == ("Bob Martin", "autre@example.org")
    for row in Event.objects.filter(object_type="orientation.contactrequest").values(
        "actor_label", "object_repr", "comment", "changes"
    ):
        assert "Awa" not in str(row)
    assert ContactRequest.objects.filter(email="awa@example.org").count() == 0


def test_two_factor_devices_sessions_and_admin_log_are_erased(carrier):
    TOTPDevice.objects.create(user=carrier, name="téléphone", confirmed=True)
    codes = StaticDevice.objects.create(user=carrier, name="codes de secours")
    StaticToken.objects.bulk_create([StaticToken(device=codes, token=f"code{i}") for i in range(3)])
    other = UserFactory()
    TOTPDevice.objects.create(user=other, name="le sien", confirmed=True)
    Client().force_login(carrier)
    Client().force_login(other)
    admin = UserFactory(is_superuser=True, is_staff=True)
    LogEntry.objects.log_action(
        user_id=admin.pk,
        content_type_id=ContentType.objects.get_for_model(User).pk,
        object_id=carrier.pk,
        object_repr=str(carrier),
        action_flag=CHANGE,
        change_message="Changé full_name (Awa Diallo)",
    )
    exported = personal_data_export(user=carrier)["account"]["two_factor"]
    assert exported == {"authenticator": [("téléphone", True)], "recovery_codes_left": 3}

    account_erase(user=carrier)

    assert TOTPDevice.objects.filter(user=carrier).count() == 0
    assert StaticDevice.objects.filter(user=carrier).count() == 0
    assert StaticToken.objects.filter(device__user=carrier).count() == 0
    assert [d.name for d in TOTPDevice.objects.all()] == ["le sien"]
    users = sorted(s.get_decoded().get("_auth_user_id") for s in Session.objects.all())
    assert users == [str(other.pk)]
    entry = LogEntry.objects.get(object_id=str(carrier.pk))
    assert (entry.object_repr, entry.change_message) == ("personne supprimée", "")
