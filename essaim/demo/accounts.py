"""Demo accounts, created only by `manage.py seed_demo` (never by migrations or the app).

Every account has the password `essaim-demo` and is marked `is_demo`.
"""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from essaim.accounts.models import Membership, TerritoryScope, User
from essaim.directory.data.study import PROGRAMMES
from essaim.directory.models import Programme

PASSWORD = "essaim-demo"
DOMAIN = "demo.essaim.fr"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str


def demo_email(local: str) -> str:
    return f"{local}@{DOMAIN}"


def _user(email: str, password_hash: str, **flags) -> tuple[User, bool]:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(email=email, password=password_hash, is_demo=True, **flags)
        return user, True
    changed = [name for name, value in {"is_demo": True, **flags}.items() if getattr(user, name) != value]
    if changed:
        for name in changed:
            setattr(user, name, {"is_demo": True, **flags}[name])
        user.save(update_fields=changed)
    return user, False


def seed(*, stdout=None) -> int:
    """Create (or repair) the demo accounts; returns the number of accounts created.

    One staff account (organisation admin) per programme of the study,
    `<programme-slug>@demo.essaim.fr`; `porteur@` (carrier); `occitanie@` (local-authority viewer
    of région 76); `admin@` (platform admin). Side effects: creates Users, Memberships and a
    TerritoryScope; existing accounts keep their password (the hash is computed only when needed).
    """
    programmes = list(
        Programme.objects.filter(slug__in=[p["slug"] for p in PROGRAMMES])
        .order_by("slug")
        .values_list("slug", "organisation_id", "name")
    )
    wanted = [
        *(demo_email(slug) for slug, _org, _name in programmes),
        demo_email("porteur"),
        demo_email("occitanie"),
        demo_email("admin"),
    ]
    existing = set(User.objects.filter(email__in=wanted).values_list("email", flat=True))
    # Hashing is deliberately slow: do it once, and only when an account is missing.
    password_hash = make_password(PASSWORD) if set(wanted) - existing else ""
    created = 0
    with transaction.atomic():
        for slug, organisation_id, name in programmes:
            user, new = _user(demo_email(slug), password_hash, full_name=f"Équipe {name}")
            created += new
            Membership.objects.update_or_create(
                user=user, organisation_id=organisation_id, defaults={"role": Membership.Role.ADMIN}
            )
        _carrier, new = _user(
            demo_email("porteur"), password_hash, is_carrier=True, full_name="Porteur de démo"
        )
        created += new
        viewer, new = _user(demo_email("occitanie"), password_hash, full_name="Région Occitanie (démo)")
        created += new
        TerritoryScope.objects.get_or_create(
            user=viewer,
            level="region",
            code="76",
            defaults={"kind": TerritoryScope.Kind.LOCAL_AUTHORITY, "label": "Région Occitanie"},
        )
        _admin, new = _user(
            demo_email("admin"),
            password_hash,
            is_staff=True,
            is_superuser=True,
            full_name="Administrateur de démo",
        )
        created += new
    if stdout is not None:
        stdout.write(f"  Comptes de démonstration : {created} créés, {len(wanted) - created} déjà présents.")
    return created


def describe(user: User) -> str:
    """A short French description of what a demo account can do, for the table of logins."""
    parts = []
    if user.is_superuser:
        parts.append("administrateur de la plateforme")
    if user.is_carrier:
        parts.append("porteur de projet")
    if user.is_expert:
        parts.append("expert")
    for membership in user.memberships.all():
        role = "admin" if membership.role == Membership.Role.ADMIN else "membre"
        parts.append(f"équipe : {membership.organisation.name} ({role})")
    for scope in user.territory_scopes.all():
        parts.append(f"{scope.get_kind_display().lower()} — {scope.label or scope.level + ':' + scope.code}")
    return " ; ".join(parts) or "compte de démonstration"


def demo_accounts() -> list[DemoAccount]:
    """Every demo account (including those created by other apps' demo seeds), sorted by e-mail."""
    users = User.objects.filter(is_demo=True).prefetch_related(
        "memberships__organisation", "territory_scopes"
    )
    return [DemoAccount(user.email, describe(user)) for user in users.order_by("email")]
