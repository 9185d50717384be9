"""Near you ("Près de chez vous"): the mainstream actors and shared places that serve a commune.

Built with the orientation index (`index.py`) from the national offer (`directory.national_offer`):
one query on the offers and their organisations, then the territory map already in memory.
A look-up for a commune is a handful of dictionary reads, whatever the number of actors.

Positions: the France services points are the only actors whose coordinates the open data
gives. A commune's position is taken as the mean of its France services points; when the
carrier's commune has one, the nearest France services and the distances to actors located in
a commune with a known position are computed (great-circle distance, rounded to the km).
Elsewhere the nearest actor is the one of the same commune, then of the same EPCI, then of
the département, then of the région.

Remote services: an actor whose zone is national (a service given at a distance everywhere,
in its own words) is a door for every commune; it is shown where fewer than
`FEW_DOORS` reachable doors are near, not on every page of France.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BigIntegerField, ExpressionWrapper, F

from essaim.directory.enums import LifeStage, OfferFamily, ProgrammeKind, Public
from essaim.directory.models import Programme, ZoneItem
from essaim.territories.models import Level

STAGE_BITS = {s.value: 1 << i for i, s in enumerate(LifeStage)}
YOUNG_BIT = 1 << list(Public).index(Public.YOUNG_PEOPLE)
LOCAL_LEVELS = (Level.COMMUNE.value, Level.EPCI.value, Level.DEPARTEMENT.value, Level.REGION.value)
LEVEL_SCORE = {Level.COMMUNE: 500, Level.EPCI: 400, Level.DEPARTEMENT: 300, Level.REGION: 200}
# How many shared places and data·inclusion services are shown at most.
LOCAL_SERVICES_LIMIT = 2
# Beyond this distance a "nearest" France services of another département is not worth naming
# before the one of the carrier's own département.
NEAREST_SEARCH_LIMIT_KM = 80.0
# Below this many reachable doors near the carrier, the remote services are shown too.
FEW_DOORS = 3


class Door:
    """One actor of the national offer, with what a person needs to reach it."""

    __slots__ = (
        "pk",
        "slug",
        "name",
        "kind",
        "family",
        "summary",
        "stages",
        "publics",
        "data_date",
        "source",
        "address",
        "postal_code",
        "city",
        "phone",
        "email",
        "website",
        "opening_hours",
        "commune",
        "commune_name",
        "epci",
        "departement",
        "departement_name",
        "region",
        "position",
        "remote",
    )

    def __init__(self, **values):
        for name in self.__slots__:
            setattr(self, name, values.get(name))

    def __repr__(self) -> str:
        return f"<Door {self.slug}>"

    def serves(self, stage: str | None) -> bool:
        return stage is None or bool(self.stages & STAGE_BITS[stage])

    @property
    def has_contact(self) -> bool:
        return bool(self.phone or self.email or self.website)

    def contact(self) -> dict:
        return {
            "address": self.address or "",
            "postal_code": self.postal_code or "",
            "city": self.city or "",
            "phone": self.phone or "",
            "email": self.email or "",
            "website": self.website or "",
            "opening_hours": self.opening_hours or "",
        }


@dataclass
class NationalOffer:
    doors: dict[int, Door]
    # (kind, level, code) → doors located there, sorted by name.
    by_place: dict[tuple[str, str, str], list[Door]]
    positions: dict[str, tuple[float, float]]  # commune code → (lat, lon)
    remote: list[Door]  # national zone: a door anywhere, sorted by name
    france_services_by_departement: dict[str, list[Door]]
    region_departements: dict[str, list[str]]
    nearest_memo: dict
    memo: dict = field(default_factory=dict)  # commune code → its doors by role

    def at(self, kind: str, level: str, code: str | None) -> list[Door]:
        return self.by_place.get((kind, level, code), []) if code else []


def _mask(name: str):
    return ExpressionWrapper(F(name), output_field=BigIntegerField())


def build_offer(territory_map, departements: dict[str, tuple[str, str]]) -> NationalOffer:
    """Read the national offer once; `territory_map` is `places.territory_map()`."""
    communes = territory_map.communes
    zones = (
        ZoneItem.objects.filter(programme__source_key__gt="")
        .exclude(programme__family=OfferFamily.ESS)
        .filter(level__in=(Level.DEPARTEMENT, Level.NATIONAL))
        .values_list("programme_id", "level", "code")
    )
    zone_departement, national = {}, set()
    for pk, level, code in zones:
        if level == Level.NATIONAL:
            national.add(pk)
        else:
            zone_departement[pk] = code
    rows = (
        Programme.objects.public()
        .exclude(family=OfferFamily.ESS)
        .annotate(s=_mask("stages"), p=_mask("publics"))
        .values_list(
            "pk",
            "slug",
            "name",
            "kind",
            "family",
            "summary",
            "s",
            "p",
            "updated_on",
            "source",
            "organisation__address",
            "organisation__postal_code",
            "organisation__city",
            "organisation__phone",
            "organisation__email",
            "organisation__website",
            "organisation__opening_hours",
            "organisation__commune_id",
            "organisation__latitude",
            "organisation__longitude",
        )
        .order_by("name", "pk")
    )
    doors: dict[int, Door] = {}
    by_place: dict[tuple[str, str, str], list[Door]] = defaultdict(list)
    sums: dict[str, list[float]] = {}
    region_departements: dict[str, list[str]] = defaultdict(list)
    for code, (_name, region) in sorted(departements.items()):
        region_departements[region].append(code)
    for row in rows:
        (pk, slug, name, kind, family, summary, stages, publics, date, source) = row[:10]
        address, postal_code, city, phone, email, website, hours, commune_code, lat, lon = row[10:]
        info = communes.get(commune_code) if commune_code else None
        dep = info.departement.code if info else zone_departement.get(pk)
        if dep not in departements:
            continue
        door = Door(
            pk=pk,
            slug=slug,
            name=name,
            kind=kind,
            family=family,
            summary=summary,
            stages=stages,
            publics=publics,
            data_date=date,
            source=source,
            address=address,
            postal_code=postal_code,
            city=city or (info.name if info else ""),
            phone=phone,
            email=email,
            website=website,
            opening_hours=hours,
            commune=info.code if info else None,
            commune_name=info.name if info else None,
            epci=info.epci.code if info and info.epci else None,
            departement=dep,
            departement_name=departements[dep][0],
            region=departements[dep][1],
            position=(lat, lon) if lat is not None and lon is not None else None,
            remote=pk in national,
        )
        doors[pk] = door
        for level, code in (
            (Level.COMMUNE.value, door.commune),
            (Level.EPCI.value, door.epci),
            (Level.DEPARTEMENT.value, door.departement),
            (Level.REGION.value, door.region),
        ):
            if code:
                by_place[(kind, level, code)].append(door)
        if door.position and door.commune:
            acc = sums.setdefault(door.commune, [0.0, 0.0, 0])
            acc[0] += lat
            acc[1] += lon
            acc[2] += 1
    positions = {code: (a[0] / a[2], a[1] / a[2]) for code, a in sums.items()}
    for door in doors.values():
        if door.position is None and door.commune in positions:
            door.position = positions[door.commune]
    fs_by_dep: dict[str, list[Door]] = defaultdict(list)
    for door in doors.values():
        if door.kind == ProgrammeKind.FRANCE_SERVICES and door.position:
            fs_by_dep[door.departement].append(door)
    remote = [door for door in doors.values() if door.remote]
    return NationalOffer(
        doors, dict(by_place), positions, remote, dict(fs_by_dep), dict(region_departements), {}
    )


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine, Earth radius 6,371 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class Found:
    door: Door
    level: str  # where it was found: commune, epci, departement, region
    distance_km: int | None


def _nearest_france_services(offer: NationalOffer, commune, position) -> Door | None:
    memo = offer.nearest_memo.get(commune.code)
    if memo is not None:
        return memo
    dep = commune.departement.code
    candidates = list(offer.france_services_by_departement.get(dep, []))
    for other in offer.region_departements.get(commune.region.code, []):
        if other != dep:
            candidates += offer.france_services_by_departement.get(other, [])
    best, best_km = None, math.inf
    for door in candidates:
        km = distance_km(position, door.position)
        # The carrier's own département first, unless another is clearly nearer.
        if door.departement != dep:
            km += NEAREST_SEARCH_LIMIT_KM / 4
        if km < best_km:
            best, best_km = door, km
    offer.nearest_memo[commune.code] = best
    return best


def _level_of(door: Door, commune) -> str:
    if door.commune == commune.code:
        return Level.COMMUNE.value
    if commune.epci and door.epci == commune.epci.code:
        return Level.EPCI.value
    if door.departement == commune.departement.code:
        return Level.DEPARTEMENT.value
    return Level.REGION.value


def _found(door: Door, commune, position) -> Found:
    km = None
    if position and door.position and door.commune != commune.code:
        km = round(distance_km(position, door.position))
    return Found(door, _level_of(door, commune), km)


def _closest(
    offer: NationalOffer, kind: str, commune, position, stage, limit: int = 1, *, nearest_first=True
):
    """The doors of `kind` nearest to the commune: same commune → EPCI → département → région."""
    codes = (
        commune.code,
        commune.epci.code if commune.epci else None,
        commune.departement.code,
        commune.region.code,
    )
    for level, code in zip(LOCAL_LEVELS, codes, strict=True):
        doors = [d for d in offer.at(kind, level, code) if d.serves(stage) and not d.remote]
        if not doors:
            continue
        if position and nearest_first:
            doors.sort(
                key=lambda d: (d.position is None, distance_km(position, d.position) if d.position else 0)
            )
        # Doors that can be reached (a phone, an e-mail or a website) before the others.
        doors.sort(key=lambda d: not d.has_contact)
        return [_found(d, commune, position) for d in doors[:limit]]
    return []


def _for_commune(offer: NationalOffer, commune) -> dict[str, list[Found]]:
    """Every door a carrier of `commune` may be shown, by role; the same for every request."""
    position = offer.positions.get(commune.code)
    roles: dict[str, list[Found]] = {}
    if position:
        door = _nearest_france_services(offer, commune, position)
        roles["france_services"] = [_found(door, commune, position)] if door else []
    else:
        roles["france_services"] = _closest(offer, ProgrammeKind.FRANCE_SERVICES, commune, None, None)
    for kind in (
        ProgrammeKind.CCI,
        ProgrammeKind.CMA,
        ProgrammeKind.FRANCE_TRAVAIL,
        ProgrammeKind.MISSION_LOCALE,
    ):
        roles[kind.value] = _closest(offer, kind, commune, position, None)
    # The State's desk for associations: the one of the carrier's département only.
    roles["associations_help"] = [
        f
        for f in _closest(offer, ProgrammeKind.ASSOCIATIONS_HELP, commune, position, None)
        if f.level != Level.REGION
    ]
    for kind in (ProgrammeKind.ASSOCIATIONS_REGISTRY, ProgrammeKind.COMMERCIAL_COURT):
        roles[kind.value] = [
            f for f in _closest(offer, kind, commune, position, None) if f.level != Level.REGION
        ]
    for kind in (ProgrammeKind.INCLUSION_SERVICE, ProgrammeKind.SHARED_PLACE):
        local = _closest(offer, kind, commune, position, None, 2 * LOCAL_SERVICES_LIMIT + 4)
        roles[kind.value] = [f for f in local if f.level != Level.REGION]
    return roles


def nearby(offer: NationalOffer, commune, *, stage: str | None, public: str | None) -> list[Found]:
    """The doors for a carrier of `commune` at `stage`, in the order they are shown."""
    roles = offer.memo.get(commune.code)
    if roles is None:
        roles = offer.memo[commune.code] = _for_commune(offer, commune)
    found = roles["france_services"] + roles["cci"] + roles["cma"] + roles["france_travail"]
    if public == Public.YOUNG_PEOPLE:
        found += roles["mission_locale"]
    found += [f for f in roles["associations_help"] if f.door.serves(stage)]
    if stage == LifeStage.CREATION:
        found += roles["associations_registry"] + roles["commercial_court"]
    for kind in ("inclusion_service", "shared_place"):
        seen = set()
        shown = 0
        for item in roles[kind]:
            door = item.door
            # One service per structure (a structure lists several services at one address).
            if not door.serves(stage) or (door.address, door.phone) in seen or shown >= LOCAL_SERVICES_LIMIT:
                continue
            seen.add((door.address, door.phone))
            found.append(item)
            shown += 1
    if sum(1 for f in found if f.door.has_contact) < FEW_DOORS:
        found += [Found(d, Level.NATIONAL.value, None) for d in offer.remote if d.serves(stage)]
    return found
