"""Forms of a person's own account: sign-up, confirmation, passwords, invitations.

Writes go through essaim/accounts/services (the forms only check the fields); password rules
are Django's validators (AUTH_PASSWORD_VALIDATORS), their help shown under the field.
"""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from essaim.accounts.models import Membership, User
from essaim.accounts.services.signup import FULL_NAME_MAX


def _email_field(**attrs) -> forms.EmailField:
    return forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", **attrs}),
    )


# The validators' rules in one sentence each, as plain text (the field's help is a <span>).
_password_help = lazy(lambda: " ".join(str(text) for text in password_validators_help_texts()), str)


def _new_password_field() -> forms.CharField:
    return forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        max_length=128,
        help_text=_password_help(),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class SignupForm(forms.Form):
    """A carrier's sign-up: e-mail, name, password (checked against the name and address)."""

    email = _email_field(autofocus=True)
    full_name = forms.CharField(
        label=_("Prénom et nom"),
        max_length=FULL_NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password = _new_password_field()

    def clean(self):
        data = super().clean()
        if data.get("email") and data.get("full_name") and data.get("password"):
            try:
                validate_password(data["password"], User(email=data["email"], full_name=data["full_name"]))
            except ValidationError as exc:
                self.add_error("password", exc)
        return data


class PasswordForm(forms.Form):
    """The password chosen at sign-up, asked again to confirm the address."""

    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )


class ResetRequestForm(auth_forms.PasswordResetForm):
    """The e-mail of the account; what happens next is the service's (no enumeration)."""

    email = _email_field(autofocus=True)


class SetPasswordForm(auth_forms.SetPasswordForm):
    """Django's form (two fields, the validators); saving is the view's service call."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = _("Nouveau mot de passe")
        self.fields["new_password2"].label = _("Confirmez le nouveau mot de passe")
        self.fields["new_password1"].help_text = _password_help()
        self.fields["new_password2"].help_text = ""
        for name in ("new_password1", "new_password2"):
            self.fields[name].max_length = 128
            self.fields[name].widget.attrs["maxlength"] = 128
        self.error_messages["password_mismatch"] = _("Les deux mots de passe ne sont pas identiques.")


class PasswordChangeForm(SetPasswordForm):
    """The current password, then the new one twice (the current one is checked by the view,
    behind the login limiter)."""

    old_password = forms.CharField(
        label=_("Mot de passe actuel"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    field_order = ["old_password", "new_password1", "new_password2"]


class InvitationForm(forms.Form):
    email = _email_field()
    role = forms.ChoiceField(label=_("Rôle"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)


class InvitationSignupForm(forms.Form):
    """Someone invited without an account creates it: name and password."""

    full_name = SignupForm.base_fields["full_name"]
    password = _new_password_field()
