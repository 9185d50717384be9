"""Invitations to join an organisation's staff (essaim/accounts/workflows.py: INVITATION).

An organisation admin invites an e-mail address with a role; the link e-mailed carries a signed,
single-use token (essaim/accounts/tokens.py) valid `INVITATION_LIFETIME`. Accepting makes the
invited person a member; someone without an account creates it on the way (the link proves the
mailbox, so the account is confirmed at once).
"""

from django.contrib.auth.password_validation import validate_password
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accounts.limiter import normalise_email
from essaim.accounts.models import Invitation, InvitationState, Membership, User
from essaim.accounts.rules import can_manage_invitations
from essaim.accounts.services.signup import FULL_NAME_MAX
from essaim.accounts.tokens import INVITATION_LIFETIME, digest, invitation_token, new_invitation_key
from essaim.accounts.workflows import INVITATION
from essaim.audit import recorder
from essaim.core.errors import ValidationError
from essaim.core.services import service
from essaim.notifications.services import notify
from essaim.notifications.urls import site_url


def _clean_email(organisation, email: str) -> str:
    email = normalise_email(email)
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Saisissez une adresse électronique valide.")}) from None
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("Cette personne fait déjà partie de l'équipe.")})
    pending = Invitation.objects.filter(
        organisation=organisation, email=email, state=InvitationState.PENDING, expires_at__gt=timezone.now()
    )
    if pending.exists():
        raise ValidationError(
            {
                "email": _(
                    "Une invitation est déjà en attente pour cette adresse : révoquez-la pour en envoyer une autre."
                )
            }
        )
    return email


@service(permission=can_manage_invitations, on="organisation")
def invitation_create(*, organisation, email: str, role: str, by: User) -> Invitation:
    """Invite `email` to join `organisation` with `role` (an admin of the organisation, or a
    platform admin). Side effects: one Invitation, one event (without the address), the e-mail
    with the link. ValidationError for an invalid address or role, a member already, or an
    invitation still pending for that address."""
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choisissez un rôle dans la liste.")})
    email = _clean_email(organisation, email)
    key, now = new_invitation_key(), timezone.now()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        key_digest=digest(key),
        invited_by=by,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    recorder.record(actor=by, obj=invitation, action="create", changes={"role": [None, role]})
    context = {
        "invitation": invitation,
        "inviter": by.get_full_name(),
        "url": site_url("web:invitation_accept", token=invitation_token(invitation, key)),
    }
    notify("accounts/invitation", to=[email], context=context)
    return invitation


@service
def invitation_accept(*, invitation: Invitation, by: User) -> Invitation:
    """The invited person, signed in with the invited address, accepts. Side effects: the
    invitation accepted, a membership with its role (or the role of an existing one changed),
    events. PermissionDenied for another account; ValidationError once expired, accepted or
    revoked."""
    return INVITATION.apply(invitation, "accept", by=by)


@service
def invitation_signup(*, invitation: Invitation, full_name: str, password: str, by) -> User:
    """Someone invited without an account creates it from the link, and joins.

    `by` is the visitor holding the link. Side effects: a confirmed, active User (an account
    awaiting confirmation with that address takes this name and password and is confirmed:
    the link proves the mailbox), then `invitation_accept`'s. ValidationError for a missing
    name, a refused password, an address whose account is active or deactivated (sign in
    instead), or an invitation no longer pending."""
    if invitation.status != InvitationState.PENDING:
        raise ValidationError(_("Cette invitation n'est plus valable."))
    full_name = " ".join(full_name.split())
    if not full_name or len(full_name) > FULL_NAME_MAX:
        raise ValidationError(
            {"full_name": _("Indiquez votre nom (%(max)s caractères au plus).") % {"max": FULL_NAME_MAX}}
        )
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is not None and not user.awaiting_confirmation:
        raise ValidationError(_("Un compte existe déjà pour cette adresse : connectez-vous pour accepter."))
    user = user or User(email=invitation.email)
    user.full_name = full_name
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    user.is_active, user.awaiting_confirmation = True, False
    created = user.pk is None
    user.save()
    recorder.record(
        actor=user, obj=user, action="create" if created else "validate", changes={"is_active": [None, True]}
    )
    invitation_accept(invitation=invitation, by=user)
    return user


@service
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    """An admin of the organisation revokes a pending invitation (its link stops working).
    Side effects: the state, one event. PermissionDenied for others; ValidationError once
    accepted or revoked."""
    return INVITATION.apply(invitation, "revoke", by=by)
