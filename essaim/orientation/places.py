"""Where the carrier is: a commune from an INSEE code, a postal code or a name.

Codes are resolved from an in-memory map of the referential (communes with their EPCI,
département and région, postal codes, arrondissements and delegated communes), built once
per process in about a tenth of a second: a look-up by code then costs no query. The map
is checked against the number of communes and postal codes at most every
`ORIENTATION_TERRITORIES_CHECK_SECONDS` (default 60), since the referential only changes
when `load_territories` runs. Names go through the referential's search.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from essaim.core.text import normalise
from essaim.territories import selectors as territories
from essaim.territories.models import (
    NATIONAL_CODE,
    Commune,
    CommuneAlias,
    Departement,
    Epci,
    Level,
    PostalCode,
    Region,
)

_CODE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$", re.IGNORECASE)


class PlaceError(ValueError):
    """The place could not be resolved; `choices` lists candidates when it is ambiguous."""

    def __init__(self, message: str, choices: list[dict] | None = None):
        super().__init__(message)
        self.message = message
        self.choices = choices or []


@dataclass(frozen=True, slots=True)
class Ref:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class CommuneInfo:
    code: str
    name: str
    population: int
    epci: Ref | None
    departement: Ref
    region: Ref

    @property
    def epci_id(self) -> str | None:
        return self.epci.code if self.epci else None

    @property
    def departement_id(self) -> str:
        return self.departement.code

    @property
    def region_id(self) -> str:
        return self.region.code


@dataclass(frozen=True)
class PlaceContext:
    """A commune and the territories containing it, most local first, with their names."""

    commune: CommuneInfo
    keys: tuple[tuple[str, str, str], ...]  # (level, code, name)

    @property
    def place(self) -> territories.Place:
        c = self.commune
        return territories.Place(Level.COMMUNE.value, c.code, c.name, c.population)

    @property
    def departement_code(self) -> str:
        return self.commune.departement.code

    @property
    def region_code(self) -> str:
        return self.commune.region.code


@dataclass
class TerritoryMap:
    communes: dict[str, CommuneInfo]
    aliases: dict[str, str]
    postal: dict[str, tuple[str, ...]]  # postal code → commune codes, most populous first
    stamp: tuple
    checked_at: float


def _stamp() -> tuple:
    return (Commune.objects.count(), PostalCode.objects.count(), CommuneAlias.objects.count())


def _build() -> TerritoryMap:
    stamp = _stamp()
    regions = {code: Ref(code, name) for code, name in Region.objects.values_list("code", "name")}
    departements = {code: Ref(code, name) for code, name in Departement.objects.values_list("code", "name")}
    epcis = {code: Ref(code, name) for code, name in Epci.objects.values_list("code", "name")}
    communes = {
        code: CommuneInfo(
            code, name, population, epcis.get(epci) if epci else None, departements[dep], regions[reg]
        )
        for code, name, population, epci, dep, reg in Commune.objects.values_list(
            "code", "name", "population", "epci_id", "departement_id", "region_id"
        )
    }
    postal: dict[str, list[str]] = {}
    for postal_code, commune in PostalCode.objects.values_list("code", "commune_id"):
        postal.setdefault(postal_code, []).append(commune)
    ordered = {
        pc: tuple(sorted(set(codes), key=lambda c: (-communes[c].population, c)))
        for pc, codes in postal.items()
    }
    aliases = dict(CommuneAlias.objects.values_list("code", "commune_id"))
    return TerritoryMap(communes, aliases, ordered, stamp, time.monotonic())


_lock = threading.Lock()
_map: TerritoryMap | None = None


def territory_map() -> TerritoryMap:
    global _map
    current = _map
    now = time.monotonic()
    every = float(getattr(settings, "ORIENTATION_TERRITORIES_CHECK_SECONDS", 60))
    if current is not None and now - current.checked_at <= every:
        return current
    if current is not None and _stamp() == current.stamp:
        current.checked_at = now
        return current
    with _lock:
        _map = _build()
    return _map


def forget_territories() -> None:
    """Drop the map (tests that reload the referential, `load_territories`)."""
    global _map
    _map = None


def context_for(commune: CommuneInfo) -> PlaceContext:
    keys = [(Level.COMMUNE.value, commune.code, commune.name)]
    if commune.epci:
        keys.append((Level.EPCI.value, commune.epci.code, commune.epci.name))
    keys.append((Level.DEPARTEMENT.value, commune.departement.code, commune.departement.name))
    keys.append((Level.REGION.value, commune.region.code, commune.region.name))
    keys.append((Level.NATIONAL.value, NATIONAL_CODE, "France"))
    return PlaceContext(commune, tuple(keys))


def context_for_code(code: str) -> PlaceContext:
    """The context of a commune by its exact INSEE code; raises PlaceError."""
    commune = territory_map().communes.get(code)
    if commune is None:
        raise PlaceError(_("Aucune commune ne porte le code INSEE %(code)s.") % {"code": code[:10]})
    return context_for(commune)


def _choice(commune: CommuneInfo) -> dict:
    return {"code": commune.code, "name": commune.name, "departement": commune.departement.code}


def resolve_place(text: str) -> PlaceContext:
    """A commune from an INSEE code (or an arrondissement's), a postal code or a name.

    Raises PlaceError: unknown place, or ambiguous code / name (with `choices`).
    """
    text = (text or "").strip()
    if not text:
        raise PlaceError(_("Indiquez une commune : son nom, son code postal ou son code INSEE."))
    if len(text) > 100:
        raise PlaceError(_("Commune inconnue : le texte est trop long."))
    prefix, sep, rest = text.partition(":")
    if sep and prefix.lower() in _EXPLICIT and _CODE.match(rest.strip()):
        # "commune:34070" (INSEE code) or "cp:34070" (postal code) removes the ambiguity.
        return _resolve_code(rest.strip().upper(), only=_EXPLICIT[prefix.lower()])
    if _CODE.match(text):
        return _resolve_code(text.upper())
    found = territories.search(text, levels=[Level.COMMUNE.value], limit=10)
    wanted = normalise(text)
    exact = [p for p in found if normalise(p.name) == wanted]
    candidates = exact or found
    known = territory_map().communes
    if len(candidates) == 1 and candidates[0].code in known:
        return context_for(known[candidates[0].code])
    if candidates:
        raise PlaceError(
            _("Plusieurs communes correspondent à « %(text)s » : précisez laquelle.") % {"text": text},
            [_choice(known[p.code]) for p in candidates if p.code in known],
        )
    raise PlaceError(_("Aucune commune ne correspond à « %(text)s ».") % {"text": text})


_EXPLICIT = {"commune": "insee", "insee": "insee", "cp": "postal", "postal": "postal"}


def _resolve_code(code: str, *, only: str | None = None) -> PlaceContext:
    # A 5-character code may be an INSEE code and also another commune's postal code
    # (34070: a village's INSEE code, and Montpellier's postal code): then ask, unless the
    # caller said which kind of code it is ("commune:34070", "cp:34070").
    tmap = territory_map()
    codes: list[str] = []
    by_insee = code if code in tmap.communes else tmap.aliases.get(code)
    if by_insee and only != "postal":
        codes.append(by_insee)
    if only != "insee":
        codes += [c for c in tmap.postal.get(code, ()) if c not in codes]
    if len(codes) == 1:
        return context_for(tmap.communes[codes[0]])
    if codes:
        raise PlaceError(
            _("Le code %(code)s désigne plusieurs communes : précisez laquelle.") % {"code": code},
            [_choice(tmap.communes[c]) for c in codes],
        )
    raise PlaceError(_("Aucune commune ne porte le code INSEE ou le code postal %(code)s.") % {"code": code})
