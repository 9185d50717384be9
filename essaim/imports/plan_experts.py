"""The plan of an expert-pool import, keyed by each expert's e-mail address.

An address without an account becomes an expert account and its profile. A profile this
programme imported is updated from a changed row, until the expert signs in: from then on the
profile is theirs. An address that already has an account (a carrier, someone's colleague, an
expert who joined by themselves) is left alone: the row is skipped, and says why.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from essaim.accompaniment.enums import ExpertDomain
from essaim.accounts.models import User
from essaim.imports import cells
from essaim.imports.checking import SKIPPED, UNCHANGED, Item, Plan, RowReader, compare, digests_of, duplicate
from essaim.imports.models import ImportKey, ImportKind
from essaim.territories import resolver

DOMAINS = {
    ExpertDomain.LEGAL: ("Juridique", "droit", "juriste", "legal", "law"),
    ExpertDomain.FINANCIAL: ("Financier", "finance", "financement", "financial", "funding"),
    ExpertDomain.ACCOUNTING: ("Comptable", "comptabilité", "compta", "accounting"),
    ExpertDomain.TRADE: ("Métier", "metier", "savoir-faire", "trade"),
    ExpertDomain.TECHNICAL: ("Technique", "technical", "numérique"),
    ExpertDomain.MARKETING: ("Commercial et marketing", "commercial", "marketing", "communication", "sales"),
    ExpertDomain.GOVERNANCE: ("Gouvernance", "gouvernance coopérative", "governance"),
}
LONG_TEXT = 5000
PROFILE_FIELDS = ("domains", "territory_refs", "availability", "is_available", "bio")


def _territories(reader: RowReader, memo: dict) -> list[str]:
    refs = []
    for typed in cells.items(reader.row.get("territories"))[:30]:
        if typed not in memo:
            found = resolver.resolve(typed, levels=resolver.ZONES)
            memo[typed] = (found.place.ref if found.place else None, found.explained)
        ref, error = memo[typed]
        if ref is None:
            reader.problem("territories", error)
        else:
            refs.append(ref)
    return list(dict.fromkeys(refs))


def _clean(reader: RowReader, memo: dict) -> dict:
    email = reader.read("email", cells.emails, required=True, maximum=1) or [""]
    first = reader.read("first_name", cells.text, max_length=75) or ""
    last = reader.read("full_name", cells.text, max_length=150) or ""
    full_name = " ".join(part for part in (first, last) if part)
    if len(full_name) > 150:
        reader.problem("full_name", _("150 caractères au plus pour le prénom et le nom réunis."))
    return {
        "email": email[0],
        "full_name": full_name[:150],
        "domains": reader.read("domains", cells.choices, options=DOMAINS) or [],
        "territory_refs": _territories(reader, memo),
        "availability": reader.read("availability", cells.text, max_length=200) or "",
        "is_available": reader.read("is_available", cells.boolean, default=True),
        "bio": reader.read("bio", cells.text, max_length=LONG_TEXT, multiline=True) or "",
    }


def plan(*, programme, rows: list[dict], columns: dict[str, str]) -> Plan:
    """What importing `rows` into `programme`'s view of the pool would do (reads only)."""
    result = Plan(ImportKind.EXPERTS)
    memo: dict = {}
    seen: dict[str, int] = {}
    cleaned = []
    for row in rows:
        reader = RowReader(row, columns, ImportKind.EXPERTS, result.problems)
        values = _clean(reader, memo)
        duplicate(seen, values["email"], reader, "email")
        cleaned.append((reader, values))
    users = {
        u.email.lower(): u
        for u in User.objects.filter(
            email__in=[v["email"] for _r, v in cleaned if v["email"]]
        ).select_related("expert_profile")
    }
    keys = {
        k.key: k
        for k in ImportKey.objects.filter(
            programme=programme, kind=ImportKind.EXPERTS, key__in=[str(u.pk) for u in users.values()]
        )
    }
    for reader, values in cleaned:
        if not reader.failed and not values["full_name"] and values["email"] not in users:
            reader.problem("full_name", _("indiquez le nom de l'expert."))
        if reader.failed:
            continue
        present = {name for name in PROFILE_FIELDS if reader.has(_column_of(name))}
        if reader.has("full_name") or reader.has("first_name"):
            present.add("full_name")
        label = values["full_name"] or values["email"]
        item = Item(reader.line, values["email"], label, values, digests_of(values, present))
        user = users.get(values["email"])
        if user is not None:
            _existing(item, user, keys.get(str(user.pk)))
        result.items.append(item)
    return result


def _column_of(name: str) -> str:
    return {"territory_refs": "territories"}.get(name, name)


def _existing(item: Item, user: User, import_key: ImportKey | None) -> None:
    profile = getattr(user, "expert_profile", None)
    if import_key is None or profile is None:
        item.outcome = SKIPPED
        item.notes.append(
            _("cette adresse a déjà un compte dans Essaim : son profil n'est pas modifié par un import.")
        )
        return
    compare(item, import_key, profile)
    if item.outcome != UNCHANGED and user.last_login is not None:
        item.outcome = SKIPPED
        item.notes.append(_("l'expert s'est connecté : il tient désormais son profil à jour lui-même."))
