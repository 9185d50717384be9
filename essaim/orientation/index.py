"""An in-memory index of the published programmes, for orientation and coverage.

Built from two queries on the directory (programmes, zone items) and three on the
territory referential, then kept in the process. A look-up for a commune reads the
buckets of its five containing keys (commune, EPCI, département, région, France): no
database scan, whatever the number of programmes.

Freshness: saving or deleting a programme or a zone item bumps a version in the cache
(`signals.py`); the process that wrote drops its index at once, and when the cache is
shared (Redis or database cache) every other process sees the new version within
`ORIENTATION_INDEX_VERSION_SECONDS` (default 1): the version is read from the cache at most
that often, so that a request does not pay a cache round trip (a query with the database
cache) for it. Writes that bypass signals (bulk loads) are caught by a cheap stamp (count and
highest id of programmes and zone items) checked at most every
`ORIENTATION_INDEX_CHECK_SECONDS` (default 5) seconds, and the index is rebuilt at
least every `ORIENTATION_INDEX_MAX_AGE` seconds (default 600). The holder is
`essaim.directory.index.LiveIndex`, shared with the directory's index (one version for both):
a stale index is rebuilt by the request that notices it while the other threads keep answering
from the previous one, and swapped once complete.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter

from django.db.models import F

from essaim.directory.enums import AccompanimentModel, LifeStage, Need, Public
from essaim.directory.index import VERSION_KEY, LiveIndex, db_stamp, plain_rows, raw_flags  # noqa: F401 — used by tests, bench
from essaim.directory.index import bump_version as bump_every_index
from essaim.directory.models import Programme, ZoneItem
from essaim.orientation.nearby import NationalOffer, build_offer
from essaim.orientation.places import territory_map
from essaim.territories.models import NATIONAL_CODE, Commune, Departement, Level, Region

NATIONAL_KEY = (Level.NATIONAL.value, NATIONAL_CODE)
STAGES = [s.value for s in LifeStage]
STAGE_BITS = {s: 1 << i for i, s in enumerate(STAGES)}
NEED_BITS = {n.value: 1 << i for i, n in enumerate(Need)}
PUBLIC_BITS = {p.value: 1 << i for i, p in enumerate(Public)}
GENERAL_PUBLIC_BIT = PUBLIC_BITS[Public.CARRIERS]


class Fact:
    """What orientation needs to know about one programme, nothing more."""

    __slots__ = (
        "pk",
        "slug",
        "name",
        "kind",
        "model",
        "stages",
        "needs",
        "publics",
        "organisation_id",
        "order",
    )

    def __init__(self, pk, slug, name, kind, model, stages, needs, publics, organisation_id):
        self.pk = pk
        self.slug = slug
        self.name = name
        self.kind = kind
        self.model = model
        self.stages = stages
        self.needs = needs
        self.publics = publics
        self.organisation_id = organisation_id
        self.order = 0  # rank by name, set once all facts are known

    def __repr__(self) -> str:
        return f"<Fact {self.slug}>"

    def serves(self, stage: str | None) -> bool:
        return stage is None or bool(self.stages & STAGE_BITS[stage])

    def stage_list(self) -> list[str]:
        return [s for s in STAGES if self.stages & STAGE_BITS[s]]

    def need_list(self, mask: int = -1) -> list[str]:
        return [n for n, bit in NEED_BITS.items() if self.needs & bit & mask]


@dataclass
class Bucket:
    """Programmes of one zone key serving one stage (or any stage: key None).

    `flat` is sorted by name; `groups` splits it by exact needs mask, so that ranking by
    "needs met" costs one bit count per distinct mask (at most 2**10), not one per programme.
    """

    flat: list[Fact] = field(default_factory=list)
    groups: dict[int, list[Fact]] = field(default_factory=dict)
    # need mask → the bucket's full ranking. Département, région and national buckets are
    # shared by thousands of communes, so the ranking for a set of needs is computed once.
    rankings: dict[int, list[Fact]] = field(default_factory=dict, repr=False, compare=False)

    RANKINGS_KEPT = 64


@dataclass
class OrientationIndex:
    version: object
    stamp: tuple
    built_at: float
    facts: dict[int, Fact]
    zones: dict[int, list[tuple[str, str]]]
    buckets: dict[tuple[tuple[str, str], str | None], Bucket]
    # Programmes with a zone strictly inside a territory (département, région, EPCI).
    inside: dict[tuple[str, str], set[int]]
    departements: dict[str, tuple[str, str]]  # code → (name, région code)
    regions: dict[str, str]  # code → name
    region_departements: dict[str, list[str]]
    # The mainstream actors and shared places (not ranked with the ESS programmes), and for the
    # gaps: the name of each zone key and the commune of each programme's organisation.
    offer: NationalOffer | None = None
    zone_names: dict[tuple[str, str], str] = field(default_factory=dict)
    fact_communes: dict[int, str] = field(default_factory=dict)
    checked_at: float = 0.0
    version_read_at: float = 0.0
    memo: dict = field(default_factory=dict)
    staged: dict = field(default_factory=dict, repr=False)  # (key, stage) → Bucket, see bucket()

    def bucket(self, key: tuple[str, str], stage: str | None) -> Bucket | None:
        """The programmes of a zone key serving a stage. The build keeps every stage's bucket
        (key, None) only; a stage's bucket is derived from it on first use and kept (building
        them all made the 100,000-programme build seconds longer, decision 0015)."""
        base = self.buckets.get((key, None))
        if stage is None or base is None:
            return base
        staged = self.staged.get((key, stage))
        if staged is None:
            bit = STAGE_BITS[stage]
            staged = Bucket(flat=[f for f in base.flat if f.stages & bit])
            for fact in staged.flat:
                staged.groups.setdefault(fact.needs, []).append(fact)
            self.staged[(key, stage)] = staged
        return staged if staged.flat else None

    def covering(self, key: tuple[str, str]) -> list[Fact]:
        bucket = self.buckets.get((key, None))
        return bucket.flat if bucket else []

    def acting_in(self, level: str, code: str, containing: list[tuple[str, str]]) -> list[Fact]:
        """Programmes whose zone contains the territory or lies inside it, sorted by name."""
        if level == Level.NATIONAL:
            return sorted(self.facts.values(), key=lambda f: f.order)
        pks = {f.pk for key in containing for f in self.covering(key)}
        pks |= self.inside.get((level, code), set())
        return sorted((self.facts[pk] for pk in pks), key=lambda f: f.order)


def build() -> OrientationIndex:
    """Read the directory and the referential once; see the module docstring."""
    rows = (
        Programme.objects.public()
        .ess()
        .annotate(s=raw_flags("stages"), n=raw_flags("needs"), p=raw_flags("publics"), c=F("organisation__commune_id"))
        .values_list("pk", "slug", "name", "kind", "model", "s", "n", "p", "organisation_id", "c")
    )  # fmt: skip
    facts = {}
    fact_communes = {}  # for the gaps: the commune of each programme's organisation
    for *row, commune in plain_rows(rows):
        facts[row[0]] = Fact(*row)
        if commune:
            fact_communes[row[0]] = commune
    by_order = sorted(facts.values(), key=lambda f: (f.name.casefold(), f.slug))
    for order, fact in enumerate(by_order):
        fact.order = order
    zones: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pk, level, code in plain_rows(
        ZoneItem.objects.values_list("programme_id", "level", "code").order_by("pk")
    ):
        if pk in facts:
            zones[pk].append((level, code))

    departements = {
        code: (name, region)
        for code, name, region in Departement.objects.values_list("code", "name", "region_id")
    }
    regions = dict(Region.objects.values_list("code", "name"))
    region_departements: dict[str, list[str]] = defaultdict(list)
    for code, (_name, region) in sorted(departements.items()):
        region_departements[region].append(code)

    # Where the sub-département zones lie, for "inside" (coverage) and the nearest alternatives.
    commune_codes = {code for items in zones.values() for level, code in items if level == Level.COMMUNE}
    epci_codes = {code for items in zones.values() for level, code in items if level == Level.EPCI}
    commune_where = {}
    epci_where: dict[str, set[tuple[str, str]]] = defaultdict(set)
    if commune_codes:
        for code, dep, reg, epci in Commune.objects.filter(
            pk__in=ZoneItem.objects.filter(level=Level.COMMUNE).values("code")
        ).values_list("code", "departement_id", "region_id", "epci_id"):
            commune_where[code] = (dep, reg, epci)
    if epci_codes:
        for epci, dep, reg in (
            Commune.objects.filter(epci_id__in=ZoneItem.objects.filter(level=Level.EPCI).values("code"))
            .values_list("epci_id", "departement_id", "region_id")
            .distinct()
        ):
            epci_where[epci].add((dep, reg))

    buckets: dict = {}
    inside: dict[tuple[str, str], set[int]] = defaultdict(set)
    commune, epci_level = Level.COMMUNE.value, Level.EPCI.value
    departement, region = Level.DEPARTEMENT.value, Level.REGION.value
    for fact in by_order:
        pk = fact.pk
        for key in zones.get(pk, ()):
            bucket = buckets.get((key, None))
            if bucket is None:
                bucket = buckets[(key, None)] = Bucket()
            bucket.flat.append(fact)
            bucket.groups.setdefault(fact.needs, []).append(fact)
            level, code = key
            if level == departement:
                if code in departements:
                    inside[(region, departements[code][1])].add(pk)
            elif level == epci_level:
                for dep, reg in epci_where.get(code, ()):
                    inside[(departement, dep)].add(pk)
                    inside[(region, reg)].add(pk)
            elif level == commune and code in commune_where:
                dep, reg, epci = commune_where[code]
                inside[(departement, dep)].add(pk)
                inside[(region, reg)].add(pk)
                if epci:
                    inside[(epci_level, epci)].add(pk)
    places = territory_map()
    zone_names = {(Level.DEPARTEMENT.value, c): n for c, (n, _r) in departements.items()}
    zone_names |= {(Level.REGION.value, c): n for c, n in regions.items()}
    zone_names[NATIONAL_KEY] = "France"
    for items in zones.values():
        for level, code in items:
            info = places.communes.get(code) if level == Level.COMMUNE else None
            if info:
                zone_names[(level, code)] = info.name
    for info in places.communes.values():
        if info.epci and (Level.EPCI.value, info.epci.code) not in zone_names:
            zone_names[(Level.EPCI.value, info.epci.code)] = info.epci.name
    return OrientationIndex(
        offer=build_offer(places, departements),
        zone_names=zone_names,
        fact_communes=fact_communes,
        version=None,
        stamp=(),
        built_at=time.monotonic(),
        facts=facts,
        zones=dict(zones),
        buckets=buckets,
        inside=dict(inside),
        departements=departements,
        regions=regions,
        region_departements=dict(region_departements),
    )


# -- ranking --------------------------------------------------------------------------


_ORDER = attrgetter("order")


def popcount(value: int) -> int:
    return value.bit_count()


def ranked(bucket: Bucket, need_mask: int) -> list[Fact]:
    """Facts of a bucket by needs met (most first), then by name."""
    if not need_mask:
        return bucket.flat
    ranking = bucket.rankings.get(need_mask)
    if ranking is None:
        if len(bucket.rankings) >= Bucket.RANKINGS_KEPT:
            bucket.rankings.clear()
        ranking = bucket.rankings[need_mask] = _rank(bucket, need_mask)
    return ranking


def _rank(bucket: Bucket, need_mask: int) -> list[Fact]:
    by_count: dict[int, list[list[Fact]]] = defaultdict(list)
    for mask, facts in bucket.groups.items():
        by_count[popcount(mask & need_mask)].append(facts)
    ranking: list[Fact] = []
    for count in sorted(by_count, reverse=True):
        lists = by_count[count]
        if len(lists) == 1:
            ranking += lists[0]
        else:
            # Each list is already sorted by name: a C sort of their concatenation is fastest.
            ranking += sorted(chain.from_iterable(lists), key=_ORDER)
    return ranking


@dataclass(frozen=True)
class Preferences:
    """The carrier's filters: accompaniment model wanted and public."""

    model: str | None = None  # carrier (own idea) or generator (join a generated project)
    public: str | None = None
    # An ecosystem's slug and its member programmes: only those (the `ecosystem` parameter).
    ecosystem: str | None = None
    members: frozenset[int] | None = None

    def accepts(self, fact: Fact) -> bool:
        if self.members is not None and fact.pk not in self.members:
            return False
        if self.model == AccompanimentModel.CARRIER and fact.model == AccompanimentModel.GENERATOR:
            return False
        if self.model == AccompanimentModel.GENERATOR and fact.model == AccompanimentModel.CARRIER:
            return False
        if self.public and fact.publics:
            wanted = PUBLIC_BITS[self.public] | GENERAL_PUBLIC_BIT
            if not fact.publics & wanted:
                return False
        return True


# -- the process-wide index -------------------------------------------------------------

# Versioned with the directory's index: one version, one stamp, swap on complete (decision 0022).
live = LiveIndex(build)


def bump_version() -> None:
    """Mark the indexes stale in every process sharing the cache (called by signals)."""
    bump_every_index()


def invalidate() -> None:
    """Forget this process's index (tests, after a bulk load)."""
    live.invalidate()


def get_index() -> OrientationIndex:
    """The current index, rebuilt when the programmes changed (see the module docstring)."""
    return live.get()
