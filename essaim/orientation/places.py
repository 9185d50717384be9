"""Where the carrier is: a commune from an INSEE code, a postal code or a name.

What the person typed goes through the one place resolver (`territories.resolver`); the
commune it names then gets its context from an in-memory map of the referential (communes
with their EPCI, département and région), built once per process in about a tenth of a
second, so that orienting costs no query. The map is checked against the number of communes
and postal codes at most every `ORIENTATION_TERRITORIES_CHECK_SECONDS` (default 60), since
the referential only changes when `load_territories` runs.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from essaim.territories import resolver
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
from essaim.territories.placeindex import forget_index, place_index


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
    place_index()  # the resolver's index follows the same referential, on the same schedule
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
    """Drop the map and the resolver's index (tests that reload the referential)."""
    global _map
    _map = None
    forget_index()


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


def resolve_place(text: str) -> PlaceContext:
    """A commune from what a person typed: an INSEE code (or an arrondissement's), a postal
    code, a name ("Saint-Martin (Gers)"), `commune:` / `cp:` references.

    Raises PlaceError: unknown place (the message suggests similar names), or ambiguous
    code / name (with `choices`, most populous first).
    """
    result = resolver.resolve(text, levels=resolver.COMMUNE_ONLY)
    if result.place is None:
        raise PlaceError(result.error, [choice.as_choice() for choice in result.choices])
    commune = territory_map().communes.get(result.place.code)
    if commune is None:  # the referential changed since the resolver's index was built
        raise PlaceError(_("Aucune commune ne porte le code INSEE %(code)s.") % {"code": result.place.code})
    return context_for(commune)
