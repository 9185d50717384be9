"""Where the carrier is: a commune from an INSEE code, a postal code or a name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from essaim.core.text import normalise
from essaim.territories import selectors as territories
from essaim.territories.models import NATIONAL_CODE, Commune, CommuneAlias, Level

_CODE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$", re.IGNORECASE)


class PlaceError(ValueError):
    """The place could not be resolved; `choices` lists candidates when it is ambiguous."""

    def __init__(self, message: str, choices: list[dict] | None = None):
        super().__init__(message)
        self.message = message
        self.choices = choices or []


@dataclass(frozen=True)
class PlaceContext:
    """A commune and the territories containing it, most local first, with their names."""

    commune: Commune
    keys: tuple[tuple[str, str, str], ...]  # (level, code, name)

    @property
    def place(self) -> territories.Place:
        c = self.commune
        return territories.Place(Level.COMMUNE.value, c.code, c.name, c.population)

    @property
    def departement_code(self) -> str:
        return self.commune.departement_id

    @property
    def region_code(self) -> str:
        return self.commune.region_id

    def name_of(self, key: tuple[str, str]) -> str:
        for level, code, name in self.keys:
            if (level, code) == key:
                return name
        return key[1]


def _communes():
    return Commune.objects.select_related("epci", "departement", "region")


def context_for(commune: Commune) -> PlaceContext:
    keys = [(Level.COMMUNE.value, commune.code, commune.name)]
    if commune.epci_id:
        keys.append((Level.EPCI.value, commune.epci_id, commune.epci.name))
    keys.append((Level.DEPARTEMENT.value, commune.departement_id, commune.departement.name))
    keys.append((Level.REGION.value, commune.region_id, commune.region.name))
    keys.append((Level.NATIONAL.value, NATIONAL_CODE, "France"))
    return PlaceContext(commune, tuple(keys))


def _choice(commune: Commune) -> dict:
    return {"code": commune.code, "name": commune.name, "departement": commune.departement_id}


def resolve_place(text: str) -> PlaceContext:
    """A commune from an INSEE code (or an arrondissement's), a postal code or a name.

    Raises PlaceError: unknown place, or ambiguous postal code / name (with `choices`).
    """
    text = (text or "").strip()
    if not text:
        raise PlaceError(_("Indiquez une commune : son nom, son code postal ou son code INSEE."))
    if len(text) > 100:
        raise PlaceError(_("Commune inconnue : le texte est trop long."))
    if _CODE.match(text):
        # A 5-character code may be an INSEE code and also another commune's postal code
        # (34070: a village's INSEE code, and Montpellier's postal code): then ask.
        code = text.upper()
        communes = []
        by_insee = _communes().filter(pk=code).first()
        if by_insee is None:
            alias = CommuneAlias.objects.filter(pk=code).values_list("commune_id", flat=True).first()
            if alias:
                by_insee = _communes().get(pk=alias)
        if by_insee is not None:
            communes.append(by_insee)
        for commune in _communes().filter(postal_codes__code=code).order_by("-population", "code").distinct():
            if commune.code not in {c.code for c in communes}:
                communes.append(commune)
        if len(communes) == 1:
            return context_for(communes[0])
        if communes:
            raise PlaceError(
                _("Le code %(code)s désigne plusieurs communes : précisez laquelle.") % {"code": code},
                [_choice(c) for c in communes],
            )
        raise PlaceError(
            _("Aucune commune ne porte le code INSEE ou le code postal %(code)s.") % {"code": code}
        )
    found = territories.search(text, levels=[Level.COMMUNE.value], limit=10)
    wanted = normalise(text)
    exact = [p for p in found if normalise(p.name) == wanted]
    candidates = exact or found
    if len(candidates) == 1:
        return context_for(_communes().get(pk=candidates[0].code))
    if candidates:
        communes = {c.code: c for c in _communes().filter(pk__in=[p.code for p in candidates])}
        raise PlaceError(
            _("Plusieurs communes correspondent à « %(text)s » : précisez laquelle.") % {"text": text},
            [_choice(communes[p.code]) for p in candidates if p.code in communes],
        )
    raise PlaceError(_("Aucune commune ne correspond à « %(text)s ».") % {"text": text})
