"""Two-factor authentication (django-otp): who must use it, and where a session stands.

A person's second factor is one TOTP device (an authenticator application) and one static device
holding their recovery codes; both are created together (services.totp_device_confirm) and removed
together. Who must have one is `rules.must_use_two_factor` (platform and organisation admins).

The state of a signed-in session is one of:
- OK: nothing to do (no second factor and none required, or already verified with one);
- VERIFY: the person has a second factor and must type a code before going further;
- ENROL: the person must set up a second factor before going further.
What the session needs to decide (has a device? holds an admin role?) is noted in the session at
login, so that deciding costs no query on each request; enrolling or removing a device updates it.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from essaim.accounts.rules import holds_admin_role

OK, VERIFY, ENROL = "ok", "verify", "enrol"
SESSION_FLAGS = "essaim_two_factor"
RECOVERY_CODE_COUNT = 10


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device.token_set.count() if device else 0


def demo_exempt(user) -> bool:
    """Demo accounts share a published password: while TWO_FACTOR_DEMO_EXEMPT is on (by default
    only under DEBUG, i.e. `make demo`), they need no second factor and may not enrol one (a
    visitor enrolling would lock every other visitor out)."""
    return bool(user.is_demo and settings.TWO_FACTOR_DEMO_EXEMPT)


def remember(request, user) -> list[bool]:
    """Note in the session what `state` needs (user_logged_in receiver, and after enrolment)."""
    flags = [has_device(user), holds_admin_role(user)]
    request.session[SESSION_FLAGS] = flags
    return flags


def _remember_at_login(sender, request, user, **kwargs) -> None:
    remember(request, user)


user_logged_in.connect(_remember_at_login, dispatch_uid="essaim-two-factor-flags")


def required(user, admin_role: bool) -> bool:
    return bool(settings.TWO_FACTOR_REQUIRED_FOR_ADMINS and admin_role and not demo_exempt(user))


def state(request) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return OK
    # A verified session carries its device's id (django_otp.login); is_verified() loads it.
    if DEVICE_ID_SESSION_KEY in request.session and getattr(user, "is_verified", lambda: False)():
        return OK
    flags = request.session.get(SESSION_FLAGS)
    if flags is None:
        flags = remember(request, user)
    device, admin_role = flags
    if device:
        return VERIFY
    return ENROL if required(user, admin_role) else OK
