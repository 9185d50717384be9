"""Accounts created on the way by people applying to a call or to a job offer."""

from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext as _

from essaim.accounts.models import User
from essaim.audit import record
from essaim.core.errors import ValidationError
from essaim.core.services import service


@service
def carrier_register(*, by, email: str, password: str, full_name: str = "") -> User:
    """Create a carrier account (`is_carrier`) for the person applying (`by`: anonymous).

    Raises ValidationError on a taken e-mail or a weak password. Side effects: one User row,
    one activity-log event (by the new account).
    """
    email = User.objects.normalize_email((email or "").strip()).lower()
    if not email:
        raise ValidationError({"email": _("Indiquez votre adresse électronique.")})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("Un compte existe déjà avec cette adresse : connectez-vous pour continuer.")}
        )
    user = User(email=email, full_name=(full_name or "").strip(), is_carrier=True)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.save()
    record(actor=user, obj=user, action="create")
    return user
