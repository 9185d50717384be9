"""Signed links of a registration: confirm an e-mail, manage one's registration (cancel, accept or
decline a place, feedback, certificate), check in at the door; and the per-person calendar feed.

Each link is `django.core.signing` over the registration's id and key, with a salt per purpose, so
a link of one purpose opens nothing else; a new key (erasure) makes every old link worthless. The
holder of a valid link acts as a `LinkHolder`: a system-like actor that names the registration
(the activity log stores no person for it).
"""

from dataclasses import dataclass

from django.core import signing

from essaim.core.actors import SystemActor

CONFIRM = "confirm"
MANAGE = "manage"
CHECKIN = "checkin"
CALENDAR = "calendar"
# A confirmation link older than this is refused (the unconfirmed registration is then dropped).
CONFIRM_MAX_AGE = 7 * 24 * 3600


@dataclass(frozen=True)
class LinkHolder(SystemActor):
    """Whoever opened a registration's signed link (the e-mail proves who they are)."""

    registration_id: int = 0


def holder_of(registration) -> LinkHolder:
    return LinkHolder("personne inscrite (lien reçu par courriel)", registration_id=registration.pk)


def _salt(purpose: str) -> str:
    return f"essaim.events.{purpose}"


def make(registration, purpose: str) -> str:
    return signing.dumps([registration.pk, registration.key], salt=_salt(purpose), compress=True)


def read(token: str, purpose: str) -> tuple[int, str] | None:
    """(registration id, key) of a valid token of this purpose, else None."""
    max_age = CONFIRM_MAX_AGE if purpose == CONFIRM else None
    try:
        pk, key = signing.loads(token, salt=_salt(purpose), max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(key, str):
        return None
    return pk, key


def calendar_token(user) -> str:
    return signing.dumps(user.pk, salt=_salt(CALENDAR))


def calendar_user_id(token: str) -> int | None:
    try:
        pk = signing.loads(token, salt=_salt(CALENDAR))
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return pk if isinstance(pk, int) else None


# Who acts when nobody signed in clicked: the public registration form, the waiting list moving on.
PUBLIC_FORM = SystemActor("formulaire public d'inscription")
WAITING_LIST = SystemActor("liste d'attente")
