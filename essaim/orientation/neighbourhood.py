"""Around a territory: who contains it, what it contains, its neighbours, its local authorities."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from essaim.directory.models import Ecosystem
from essaim.territories.models import Commune, Departement, Epci, Level, Region
from essaim.territories.neighbours import basin_of, departement_neighbours, region_neighbours
from essaim.territories.selectors import Place, containing_keys, get_object, names_for

CHILDREN_LIMIT = 60
NEIGHBOURS_LIMIT = 30


@dataclass
class Surroundings:
    place: Place
    parents: list[Place] = field(default_factory=list)
    children: list[Place] = field(default_factory=list)
    children_total: int = 0
    neighbours: list[Place] = field(default_factory=list)
    basin: str = ""  # overseas: neighbours are the territories of this sea basin
    authorities: list[dict] = field(default_factory=list)


def _places(level: str, rows) -> list[Place]:
    return [Place(level, code, name, population) for code, name, population in rows]


def surroundings(place: Place) -> Surroundings:
    """Parents (most local first), children, neighbours and the local authorities concerned.

    Neighbours of a département or a région are those sharing a border with it
    (territories.neighbours); overseas, those of the same sea basin, or none. Neighbours of an
    EPCI or a commune are the other EPCI of its département, the other communes of its EPCI.
    """
    result = Surroundings(place)
    keys = containing_keys(place.level, place.code)
    names = names_for(keys)
    result.parents = [Place(lv, cd, names.get((lv, cd), cd)) for lv, cd in keys[1:]]
    fields = ("code", "name", "population")
    if place.level == Level.NATIONAL:
        result.children = _places(Level.REGION, Region.objects.order_by("name").values_list(*fields))
    elif place.level == Level.REGION:
        result.children = _places(
            Level.DEPARTEMENT,
            Departement.objects.filter(region_id=place.code).order_by("code").values_list(*fields),
        )
        region_of = dict(Departement.objects.values_list("code", "region_id"))
        codes = region_neighbours(place.code, region_of)
        result.neighbours = _places(
            Level.REGION, Region.objects.filter(pk__in=codes).order_by("name").values_list(*fields)
        )
        overseas = [dep for dep, region in region_of.items() if region == place.code] or [place.code]
        result.basin = basin_of(overseas[0]) or ""
    elif place.level == Level.DEPARTEMENT:
        epcis = Epci.objects.filter(communes__departement_id=place.code).distinct().order_by("-population")
        result.children_total = epcis.count()
        result.children = _places(Level.EPCI, epcis.values_list(*fields)[:CHILDREN_LIMIT])
        result.neighbours = _places(
            Level.DEPARTEMENT,
            Departement.objects.filter(pk__in=departement_neighbours(place.code))
            .order_by("code")
            .values_list(*fields),
        )
        result.basin = basin_of(place.code) or ""
    elif place.level == Level.EPCI:
        communes = Commune.objects.filter(epci_id=place.code).order_by("-population", "code")
        result.children_total = communes.count()
        result.children = _places(Level.COMMUNE, communes.values_list(*fields)[:CHILDREN_LIMIT])
        departements = [code for lv, code in keys if lv == Level.DEPARTEMENT]
        if departements:
            result.neighbours = _places(
                Level.EPCI,
                Epci.objects.filter(communes__departement_id=departements[0])
                .exclude(pk=place.code)
                .distinct()
                .order_by("-population")
                .values_list(*fields)[:NEIGHBOURS_LIMIT],
            )
    elif place.level == Level.COMMUNE:
        commune = get_object(place.level, place.code)
        siblings = (
            Commune.objects.filter(epci_id=commune.epci_id) if commune.epci_id else Commune.objects.none()
        )
        result.neighbours = _places(
            Level.COMMUNE,
            siblings.exclude(pk=commune.pk)
            .order_by("-population", "code")
            .values_list(*fields)[:NEIGHBOURS_LIMIT],
        )
    result.authorities = local_authorities(place, result.parents)
    return result


def local_authorities(place: Place, parents: list[Place]) -> list[dict]:
    """The territory's own collectivités, from the most local: commune, EPCI, département, région."""
    labels = {
        Level.COMMUNE: _("Commune : %(name)s (conseil municipal)"),
        Level.EPCI: _("Intercommunalité : %(name)s (conseil communautaire)"),
        Level.DEPARTEMENT: _("Département : %(name)s (conseil départemental)"),
        Level.REGION: _("Région : %(name)s (conseil régional)"),
    }
    result = []
    for item in [place, *parents]:
        if item.level in labels:
            result.append(
                {
                    "level": item.level,
                    "code": item.code,
                    "name": item.name,
                    "label": labels[item.level] % {"name": item.name},
                }
            )
    return result


def ecosystems_among(programme_ids) -> list[Ecosystem]:
    """Ecosystems with at least one member among these programmes, by name.

    Memberships are few (ecosystems gather a handful of programmes): reading them all is
    cheaper and safer than an IN clause of thousands of ids.
    """
    ids = set(programme_ids)
    if not ids:
        return []
    links = Ecosystem.members.through.objects.values_list("ecosystem_id", "programme_id")
    wanted = {eco for eco, programme in links if programme in ids}
    return list(Ecosystem.objects.filter(pk__in=wanted).order_by("name")) if wanted else []
