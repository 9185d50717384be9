"""A person's rights over their data, across every app: download all, erase the account.

Apps that hold personal data register an exporter and an eraser from their AppConfig.ready()
(`privacy.register(..., models=(...))`); this module never imports them, so the dependency
points from the domain apps to accounts, as everywhere else. `PERSONAL_DATA` lists every model
with personal fields and what becomes of it; a test fails on a model missing from it.
Contact requests are covered here, read through the app registry (`contact_requests_*`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from essaim.accounts.models import User
from essaim.audit.recorder import ERASED, scrub_objects


@dataclass(frozen=True)
class DataHolder:
    name: str
    export: Callable[..., object]
    erase: Callable[..., object]


_HOLDERS: dict[str, DataHolder] = {}


def register(
    *, name: str, export: Callable[..., object], erase: Callable[..., object], models: tuple[str, ...] = ()
) -> None:
    """Declare an app's personal data: `export(user=)` returns JSON-ready data, `erase(user=)`
    anonymises it (keeping anonymous facts for statistics); `models` (labels such as
    "events.registration") are the models it covers (`PERSONAL_DATA`)."""
    _HOLDERS[name] = DataHolder(name, export, erase)
    for label in models:
        PERSONAL_DATA[label] = f"holder '{name}'"


def declare(label: str, reason: str) -> None:
    """A model with personal-looking fields that no holder needs to cover, and why."""
    PERSONAL_DATA[label] = reason


def _iso(value):
    return value.isoformat() if value else None


# Every model with personal fields, and what export and erasure do with it. The test
# tests/accounts/test_privacy_coverage.py lists the models holding a link to an account or an
# identity field (e-mail, name, phone…) and fails on one missing here: a new model is covered
# by a registered holder, or said here why it holds nobody's data once the account is erased.
PERSONAL_DATA: dict[str, str] = {
    "accounts.user": "account: exported; e-mail, names, password wiped, deactivated",
    "accounts.membership": "account: exported; kept on the anonymised account (no field of its own)",
    "accounts.territoryscope": "account: exported; kept on the anonymised account",
    "accounts.apitoken": "account: exported (hint, dates); deleted",
    "accounts.invitation": "holder 'invitations' (essaim/accounts/invitation_data.py)",
    "otp_totp.totpdevice": "account: exported (confirmed or not); deleted",
    "otp_static.staticdevice": "account: exported (recovery codes left); deleted with its codes",
    "sessions.session": "account: the person's sessions are deleted (signed out everywhere)",
    "admin.logentry": "account: the admin's entries about the account lose its e-mail",
    "audit.event": "every holder: audit.forget_actor / scrub_objects (who, not what)",
    "orientation.contactrequest": "holder 'contact_requests' (below): exported; name, e-mail, "
    "phone and texts wiped, facts kept",
    "accompaniment.project": "holder 'accompaniment'",
    "accompaniment.stagetransition": "holder 'accompaniment' (comments of anonymised projects)",
    "accompaniment.meeting": "holder 'accompaniment'",
    "accompaniment.expert": "holder 'accompaniment' (exported; the profile is the account's)",
    "accompaniment.mobilisation": "holder 'accompaniment'",
    "accompaniment.checkin": "holder 'accompaniment'",
    "accompaniment.referral": "holder 'accompaniment'",
    "ecosystems.ecosystemmembership": "holder 'ecosystems' (essaim/ecosystems/privacy.py: the contact person)",
    "calls.application": "holder 'calls'",
    "calls.review": "holder 'calls'",
    "calls.candidacy": "holder 'calls'",
    "calls.call": "staff's work: created_by points to the anonymised account",
    "calls.territoryneed": "staff's work: created_by points to the anonymised account",
    "calls.joboffer": "staff's work: created_by points to the anonymised account",
    "evidence.reportfile": "a report file asked by the person: purged by retention (report files)",
    "directory.organisation": "an organisation's public contact, not a person's account",
    "axes.accessattempt": "not written: the login limiter counts in the cache (decision 0016)",
    "axes.accesslog": "not written: the login limiter counts in the cache (decision 0016)",
    "axes.accessfailurelog": "not written: the login limiter counts in the cache (decision 0016)",
    "outbox.sentemail": "demo only (DEMO=true): the demo's outbox, never in production",
    "orientation.contactreminder": "a count of reminders sent for a request: no personal field",
    "directory.programme": "a programme's public contact address, not a person's account",
    "events.registration": "holder 'events' (essaim/events/privacy.py): exported; name, e-mail, account link wiped",
    "events.attendance": "holder 'events': facts of an anonymised registration (checked_by: staff's work)",
    "events.feedback": "holder 'events': exported; comment wiped, scores kept",
    "events.event": "staff's work: created_by points to the anonymised account",
}


def personal_data_export(*, user: User) -> dict:
    """Everything Essaim holds about a person, as JSON-ready data (read only)."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "is_carrier": user.is_carrier,
            "is_expert": user.is_expert,
            "memberships": list(user.memberships.values_list("organisation__slug", "role")),
            "territory_scopes": [
                f"{lv}:{code}" for lv, code in user.territory_scopes.values_list("level", "code")
            ],
            "api_tokens": list(user.api_tokens.values_list("hint", "created_at", "revoked_at")),
            "two_factor": {
                "authenticator": list(TOTPDevice.objects.filter(user=user).values_list("name", "confirmed")),
                "recovery_codes_left": sum(
                    d.token_set.count() for d in StaticDevice.objects.filter(user=user)
                ),
            },
        },
    }
    for holder in _HOLDERS.values():
        data[holder.name] = holder.export(user=user)
    return data


@transaction.atomic
def account_erase(*, user: User) -> dict:
    """Erase a person's account at their request; returns what each app did.

    Side effects: every registered app anonymises its records of the person; then the account's
    e-mail, names and password are wiped, the account deactivated; its API tokens, two-factor
    devices (authenticator, recovery codes) and sessions deleted; the admin's log entries about
    the account lose its e-mail.
    """
    done = {holder.name: holder.erase(user=user) for holder in _HOLDERS.values()}
    _erase_account_traces(user)
    user.email = f"supprime-{user.pk}@anonyme.invalid"
    user.full_name = user.first_name = user.last_name = ""
    user.is_active = False
    user.is_carrier = user.is_expert = False
    user.set_unusable_password()
    user.save()
    user.api_tokens.all().delete()
    return done


def _erase_account_traces(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()  # its recovery codes (StaticToken) cascade
    # A session names its account only inside its signed data: read each (no index on the user).
    mine = [s.pk for s in Session.objects.iterator() if s.get_decoded().get("_auth_user_id") == str(user.pk)]
    Session.objects.filter(pk__in=mine).delete()
    about = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    )
    about.update(object_repr=ERASED, change_message="")


# --- Contact requests (essaim/orientation) --------------------------------------------------
# Read through the app registry, not imported: orientation depends on accounts, not the reverse.


def _contact_requests(user: User):
    return apps.get_model("orientation", "ContactRequest").objects.filter(sender=user)


def contact_requests_export(*, user: User) -> list[dict]:
    """The contact requests the person sent while signed in, as sent, with what became of them."""
    rows = _contact_requests(user).select_related("programme", "ecosystem").order_by("created_at", "pk")
    return [
        {
            "to": r.recipient_name,
            "name": r.name,
            "email": r.email,
            "phone": r.phone,
            "message": r.message,
            "commune": r.commune_id,
            "stage": r.stage,
            "needs": list(r.needs),
            "consent_at": _iso(r.consent_at),
            "created_at": _iso(r.created_at),
            "state": r.state,
        }
        for r in rows
    ]


def contact_requests_erase(*, user: User) -> int:
    """Wipe who wrote and what they wrote; keep to whom, where, the stage, needs, dates and state
    (the territory's figures). Their events in the activity log lose the name. Returns the count."""
    requests = _contact_requests(user)
    ids = list(requests.values_list("pk", flat=True))
    texts = {
        f.name: ""
        for f in requests.model._meta.concrete_fields
        if f.name in ("phone", "message", "carrier_note")
    }
    for pk in ids:
        requests.model.objects.filter(pk=pk).update(
            name=ERASED, email=f"supprime-{pk}@anonyme.invalid", sender=None, **texts
        )
    scrub_objects(requests.model, ids, replacement=ERASED)
    return len(ids)


register(name="contact_requests", export=contact_requests_export, erase=contact_requests_erase)
