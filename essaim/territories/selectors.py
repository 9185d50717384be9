"""Reads of the territory referential: look-ups by code, postal code, name; containment."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from essaim.territories.models import (
    NATIONAL_CODE,
    Commune,
    CommuneAlias,
    Departement,
    Epci,
    Level,
    Region,
)
from essaim.territories.neighbours import departement_neighbours

MODELS = {Level.COMMUNE: Commune, Level.EPCI: Epci, Level.DEPARTEMENT: Departement, Level.REGION: Region}
LEVEL_VALUES = [level.value for level in Level]


class TerritoryNotFound(LookupError):
    pass


@dataclass(frozen=True)
class Place:
    level: str
    code: str
    name: str
    population: int = 0

    @property
    def key(self) -> tuple[str, str]:
        return (self.level, self.code)

    @property
    def ref(self) -> str:
        return f"{self.level}:{self.code}"

    def as_dict(self) -> dict:
        return {"level": self.level, "code": self.code, "name": self.name}


FRANCE = Place(Level.NATIONAL.value, NATIONAL_CODE, "France", 0)


def parse_ref(ref: str) -> tuple[str, str]:
    """`"departement:34"` → `("departement", "34")`; raises ValueError with a French message."""
    level, sep, code = (ref or "").partition(":")
    if level == Level.NATIONAL and not sep:
        return (Level.NATIONAL.value, NATIONAL_CODE)
    if not sep or level not in LEVEL_VALUES or not code:
        raise ValueError(
            _(
                "Territoire attendu sous la forme niveau:code (niveaux : %(levels)s), par exemple departement:34."
            )
            % {"levels": ", ".join(LEVEL_VALUES)}
        )
    return (level, code.strip().upper() if level != Level.COMMUNE else code.strip().upper())


def get_object(level: str, code: str):
    """The model instance for (level, code); national → None. Raises TerritoryNotFound."""
    if level == Level.NATIONAL:
        if code != NATIONAL_CODE:
            raise TerritoryNotFound(code)
        return None
    model = MODELS.get(level)
    if model is None:
        raise TerritoryNotFound(level)
    if level == Level.COMMUNE:
        return resolve_commune(code)
    try:
        return model.objects.get(pk=code)
    except model.DoesNotExist as exc:
        raise TerritoryNotFound(code) from exc


def get_place(level: str, code: str) -> Place:
    if level == Level.NATIONAL:
        get_object(level, code)
        return FRANCE
    obj = get_object(level, code)
    return Place(level, obj.code, obj.name, obj.population)


def resolve_commune(code: str) -> Commune:
    """A current commune from its INSEE code, or an arrondissement's / delegated commune's code."""
    commune = Commune.objects.filter(pk=code).first()
    if commune is None:
        alias = CommuneAlias.objects.select_related("commune").filter(pk=code).first()
        if alias is None:
            raise TerritoryNotFound(code)
        commune = alias.commune
    return commune


def communes_for_postal_code(postal_code: str) -> list[Commune]:
    return list(
        Commune.objects.filter(postal_codes__code=postal_code).order_by("-population", "code").distinct()
    )


def search(query: str, *, levels: list[str] | None = None, limit: int = 10) -> list[Place]:
    """Territories for an autocomplete: what the place resolver would pick or ask about for
    `query`, best first (see territories.resolver), then names close to a misspelt one.

    Case- and accent-insensitive, prefix and word-order tolerant; a 5-digit query is also
    tried as an INSEE or postal code. France itself is never listed.
    """
    from essaim.territories import resolver  # it builds on this module's Place

    wanted = tuple(levels) if levels else tuple(level for level in resolver.ZONES if level != Level.NATIONAL)
    return [candidate.place for candidate in resolver.suggest(query, levels=wanted, limit=limit)]


def containing_keys(level: str, code: str) -> list[tuple[str, str]]:
    """Keys of every territory that contains (level, code), itself included, most local first."""
    national = (Level.NATIONAL.value, NATIONAL_CODE)
    if level == Level.NATIONAL:
        return [national]
    obj = get_object(level, code)
    if level == Level.COMMUNE:
        keys = [(Level.COMMUNE.value, obj.code)]
        if obj.epci_id:
            keys.append((Level.EPCI.value, obj.epci_id))
        keys += [(Level.DEPARTEMENT.value, obj.departement_id), (Level.REGION.value, obj.region_id)]
    elif level == Level.EPCI:
        keys = [(Level.EPCI.value, obj.code)]
        deps = set(obj.communes.values_list("departement_id", "region_id").distinct())
        if len({d for d, _r in deps}) == 1:
            keys.append((Level.DEPARTEMENT.value, next(iter(deps))[0]))
        if len({r for _d, r in deps}) == 1:
            keys.append((Level.REGION.value, next(iter(deps))[1]))
    elif level == Level.DEPARTEMENT:
        keys = [(Level.DEPARTEMENT.value, obj.code), (Level.REGION.value, obj.region_id)]
    else:
        keys = [(Level.REGION.value, obj.code)]
    return [*keys, national]


def inside_querysets(level: str, code: str) -> dict[str, object]:
    """For each lower level, a queryset of codes lying inside (or overlapping, for EPCI) the territory."""
    if level == Level.REGION:
        return {
            Level.DEPARTEMENT.value: Departement.objects.filter(region_id=code).values("code"),
            Level.EPCI.value: Commune.objects.filter(region_id=code, epci__isnull=False).values("epci_id"),
            Level.COMMUNE.value: Commune.objects.filter(region_id=code).values("code"),
        }
    if level == Level.DEPARTEMENT:
        return {
            Level.EPCI.value: Commune.objects.filter(departement_id=code, epci__isnull=False).values(
                "epci_id"
            ),
            Level.COMMUNE.value: Commune.objects.filter(departement_id=code).values("code"),
        }
    if level == Level.EPCI:
        return {Level.COMMUNE.value: Commune.objects.filter(epci_id=code).values("code")}
    return {}


def contains(outer: tuple[str, str], inner: tuple[str, str]) -> bool:
    """Is territory `inner` inside territory `outer` (at any level, itself included)?"""
    return tuple(outer) in containing_keys(*inner)


def names_for(keys) -> dict[tuple[str, str], str]:
    """Names of many territories at once: one query per level present."""
    by_level: dict[str, set[str]] = {}
    for level, code in keys:
        by_level.setdefault(level, set()).add(code)
    names = {}
    for level, codes in by_level.items():
        if level == Level.NATIONAL:
            names.update({(level, c): "France" for c in codes})
            continue
        model = MODELS[level]
        names.update(
            {(level, pk): name for pk, name in model.objects.filter(pk__in=codes).values_list("pk", "name")}
        )
    return names


def neighbours(departement: Departement) -> list[Departement]:
    """Départements sharing a border with this one (overseas: those of the same sea basin)."""
    return list(Departement.objects.filter(pk__in=departement_neighbours(departement.pk)).order_by("code"))
