import pytest
from django.contrib.auth.models import AnonymousUser

from essaim.audit.models import Event
from essaim.calls import services
from essaim.core.errors import ValidationError

pytestmark = pytest.mark.django_db


def test_carrier_register_sets_flag_and_refuses_duplicates():
    user = services.carrier_register(
        by=AnonymousUser(), email=" Lea@Example.org ", password="un-long-mot-de-passe-42", full_name="Léa"
    )
    assert (user.email, user.is_carrier, user.check_password("un-long-mot-de-passe-42")) == (
        "lea@example.org",
        True,
        True,
    )
    event = Event.objects.get()
    assert (event.action, event.actor, event.object_type) == ("create", user, "accounts.user")
    with pytest.raises(ValidationError) as exc:
        services.carrier_register(
            by=AnonymousUser(), email="LEA@example.org", password="un-long-mot-de-passe-42"
        )
    assert exc.value.message_dict == {
        "email": ["Un compte existe déjà avec cette adresse : connectez-vous pour continuer."]
    }
    with pytest.raises(ValidationError) as exc:
        services.carrier_register(by=AnonymousUser(), email="autre@example.org", password="123")
    assert list(exc.value.message_dict) == ["password"]
    with pytest.raises(ValidationError) as exc:
        services.carrier_register(by=AnonymousUser(), email="  ", password="un-long-mot-de-passe-42")
    assert exc.value.message_dict == {"email": ["Indiquez votre adresse électronique."]}
