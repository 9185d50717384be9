"""A person's rights over their data, across every app: download all, erase the account.

Apps that hold personal data register an exporter and an eraser from their AppConfig.ready()
(`privacy.register(...)`); this module never imports them, so the dependency points from the
domain apps to accounts, as everywhere else.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from essaim.accounts.models import User


@dataclass(frozen=True)
class DataHolder:
    name: str
    export: Callable[..., object]
    erase: Callable[..., object]


_HOLDERS: dict[str, DataHolder] = {}


def register(*, name: str, export: Callable[..., object], erase: Callable[..., object]) -> None:
    """Declare an app's personal data: `export(user=)` returns JSON-ready data, `erase(user=)`
    anonymises it (keeping anonymous facts for statistics)."""
    _HOLDERS[name] = DataHolder(name, export, erase)


def _iso(value):
    return value.isoformat() if value else None


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
        },
    }
    for holder in _HOLDERS.values():
        data[holder.name] = holder.export(user=user)
    return data


@transaction.atomic
def account_erase(*, user: User) -> dict:
    """Erase a person's account at their request; returns what each app did.

    Side effects: every registered app anonymises its records of the person; then the account's
    e-mail, names and password are wiped, the account deactivated, its API tokens deleted.
    """
    done = {holder.name: holder.erase(user=user) for holder in _HOLDERS.values()}
    user.email = f"supprime-{user.pk}@anonyme.invalid"
    user.full_name = user.first_name = user.last_name = ""
    user.is_active = False
    user.is_carrier = user.is_expert = False
    user.set_unusable_password()
    user.save()
    user.api_tokens.all().delete()
    return done
