"""Personal data of invitations and sign-ups: export, erasure (registered with
essaim/accounts/privacy.py) and retention (purgers of essaim/core/retention.py).

An invitation holds the invited address (perhaps of someone who never joins) and who sent it.
- Export: the invitations addressed to the person and those they sent (organisation, role,
  state, dates — not the addresses they invited, which are other people's).
- Erasure: invitations addressed to them are deleted; those they sent or accepted forget them;
  the activity log keeps what was done without their name.
- Retention: an invitation is deleted `RETENTION_INVITATIONS_DAYS` after it expired or was
  accepted or revoked; an account never confirmed, `RETENTION_UNCONFIRMED_ACCOUNTS_DAYS` after
  sign-up.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from essaim.accounts.models import Invitation, User
from essaim.audit.recorder import ERASED, scrub_objects
from essaim.core.retention import purger


def _iso(value):
    return value.isoformat() if value else None


def _row(invitation: Invitation) -> dict:
    return {
        "organisation": invitation.organisation.slug,
        "role": invitation.role,
        "state": invitation.status,
        "created_at": _iso(invitation.created_at),
        "expires_at": _iso(invitation.expires_at),
        "decided_at": _iso(invitation.decided_at),
    }


def export_for(*, user: User) -> dict:
    received = Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user))
    sent = Invitation.objects.filter(invited_by=user)
    return {
        "received": [_row(i) for i in received.select_related("organisation").order_by("pk")],
        "sent": [_row(i) for i in sent.select_related("organisation").order_by("pk")],
    }


def erase_for(*, user: User) -> dict:
    addressed = Invitation.objects.filter(email__iexact=user.email)
    ids = list(addressed.values_list("pk", flat=True))
    scrub_objects(Invitation, ids, replacement=ERASED)
    scrub_objects(User, [user.pk], replacement=ERASED)
    deleted, _by_model = addressed.delete()
    forgotten = Invitation.objects.filter(invited_by=user).update(invited_by=None)
    forgotten += Invitation.objects.filter(accepted_by=user).update(accepted_by=None)
    return {"invitations_deleted": deleted, "invitations_forgotten": forgotten}


@purger(
    "invitations",
    _("invitations à rejoindre une équipe"),
    _("après leur expiration, acceptation ou révocation"),
)
def _invitations(cutoff):
    return [
        Invitation.objects.filter(
            Q(decided_at__lt=cutoff) | Q(decided_at__isnull=True, expires_at__lt=cutoff)
        )
    ]


@purger("unconfirmed_accounts", _("inscriptions jamais confirmées"), _("après l'inscription"))
def _unconfirmed_accounts(cutoff):
    return [User.objects.filter(awaiting_confirmation=True, is_active=False, date_joined__lt=cutoff)]
