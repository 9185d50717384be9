"""The directory search served from memory (issue 15, decision 0022).

`search_programmes` in `selectors.py` answers the directory's filters with SQL; it stays as the
reference, and a property test checks on random programmes and filters, on SQLite and
PostgreSQL, that `search` here returns the same programmes in the same order. The index is
built from two queries (programmes in the database's own `ORDER BY name, pk`, so that the
order is the database's collation; zone items) and the in-memory map of the referential.
Acting in a territory is read from precomputed sets per (zone key, stage): the zones
containing the territory, and those lying inside it (communes and EPCI of a département…).

`LiveIndex` holds a process-wide index with the freshness of decision 0015, shared by every
index built from the directory (this one and the orientation index): a version in the cache,
bumped by the signals on Programme, ZoneItem and Organisation (`essaim/orientation/signals.py`
calls `bump_version`), read at most every `ORIENTATION_INDEX_VERSION_SECONDS`; a stamp of the
tables checked every `ORIENTATION_INDEX_CHECK_SECONDS` for writes that send no signal; a
rebuild at least every `ORIENTATION_INDEX_MAX_AGE` seconds. The process that writes drops its
indexes at once. A stale index is rebuilt by the one request that notices it while the other
threads keep answering from the previous one (swap on complete); only a process without any
index makes its requests wait for the build.
"""

from __future__ import annotations

import gc
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import BigIntegerField, Count, ExpressionWrapper, F, Max

from essaim.core.text import search_tokens
from essaim.directory.enums import AccompanimentModel, LifeStage, Need, Public
from essaim.directory.models import Programme, ZoneItem
from essaim.directory.selectors import ProgrammeFilters
from essaim.territories.models import NATIONAL_CODE, Commune, Departement, Level

VERSION_KEY = "essaim:orientation:index-version"  # one version for every index of the directory
NATIONAL_KEY = (Level.NATIONAL.value, NATIONAL_CODE)
STAGES = [s.value for s in LifeStage]
STAGE_BITS = {s: 1 << i for i, s in enumerate(STAGES)}
NEED_BITS = {n.value: 1 << i for i, n in enumerate(Need)}
PUBLIC_BITS = {p.value: 1 << i for i, p in enumerate(Public)}
# SQLite's LIKE (and so Django's icontains there) folds ASCII letters only.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _setting(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


def db_stamp() -> tuple:
    """Count and highest id of programmes and zone items: moves on writes that send no signal."""
    programmes = Programme.objects.aggregate(n=Count("pk"), m=Max("pk"))
    zone = ZoneItem.objects.aggregate(n=Count("pk"), m=Max("pk"))
    return (programmes["n"], programmes["m"], zone["n"], zone["m"])


_LIVE: list[LiveIndex] = []


def bump_version() -> None:
    """Mark every index stale in every process sharing the cache; drop this process's at once."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    for live in _LIVE:
        live.current = None


class LiveIndex:
    """A process-wide index and its freshness (see the module docstring).

    The index object carries `version`, `stamp`, `built_at`, `checked_at` and `version_read_at`.
    """

    def __init__(self, build: Callable[[], object]):
        self._build = build
        self._lock = threading.Lock()
        self.current = None
        _LIVE.append(self)

    def invalidate(self) -> None:
        self.current = None

    def get(self):
        index = self.current
        if index is None:
            with self._lock:  # nothing to answer from: wait for the one build
                if self.current is None:
                    self._rebuild(cache.get(VERSION_KEY))
                return self.current
        stale, version = self._stale(index)
        if not stale:
            return index
        if not self._lock.acquire(blocking=False):
            return index  # another thread is rebuilding: answer from the previous index meanwhile
        try:
            if self.current is index:
                self._rebuild(version)
            return self.current or index
        finally:
            self._lock.release()

    def _stale(self, index) -> tuple[bool, object]:
        now = time.monotonic()
        version = index.version
        if now - index.version_read_at >= _setting("ORIENTATION_INDEX_VERSION_SECONDS", 1):
            version = cache.get(VERSION_KEY)
            if version != index.version:
                return True, version
            index.version_read_at = now
        if now - index.built_at > _setting("ORIENTATION_INDEX_MAX_AGE", 600):
            return True, version
        if now - index.checked_at > _setting("ORIENTATION_INDEX_CHECK_SECONDS", 5):
            if db_stamp() != index.stamp:
                return True, version
            index.checked_at = now
        return False, version

    def _rebuild(self, version) -> None:
        # Version and stamp are read before the build: a write during it makes the next check rebuild.
        stamp = db_stamp()
        # A build allocates a few hundred thousand objects that all live on: the cyclic
        # collector's passes over them during the build are pure cost (a fifth of it at
        # 100,000 programmes); it runs again once the build is done.
        collecting = gc.isenabled()
        gc.disable()
        try:
            index = self._build()
        finally:
            if collecting:
                gc.enable()
        index.version = version
        index.stamp = stamp
        index.checked_at = index.version_read_at = time.monotonic()
        self.current = index


# -- the directory index ------------------------------------------------------------------


def plain_rows(queryset) -> list[tuple]:
    """The rows of a `values_list` queryset as the database driver returns them, without
    Django's per-row converters (a fifth of an index build at 100,000 programmes): for columns
    that need none (integers, texts, raw flags), or whose raw value is enough (a boolean read
    for its truth)."""
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def raw_flags(field_name: str):
    """A flag set's raw integer column (FlagsField would decode it into a tuple of values), for
    the bit-mask filters of both indexes."""
    return ExpressionWrapper(F(field_name), output_field=BigIntegerField())


class Entry:
    """What the directory's filters and its result pages need of one published programme."""

    __slots__ = (
        "pk",
        "slug",
        "name",
        "name_norm",
        "organisation",
        "family",
        "kind",
        "model",
        "stages",
        "needs",
        "publics",
        "synthetic",
        "order",
    )

    def __init__(self, pk, slug, name, name_norm, organisation, family, kind, model, stages, needs, publics, synthetic):  # fmt: skip
        self.pk = pk
        self.slug = slug
        self.name = name
        self.name_norm = name_norm
        self.organisation = organisation.translate(_ASCII_LOWER)  # for the free-text search
        self.family = family
        self.kind = kind
        self.model = model
        self.stages = stages
        self.needs = needs
        self.publics = publics
        self.synthetic = synthetic
        self.order = 0

    def __repr__(self) -> str:
        return f"<Entry {self.slug}>"


@dataclass
class DirectoryIndex:
    entries: list[Entry]  # in the database's ORDER BY name, pk
    # zone key → orders of the programmes with that zone key, ascending
    covering: dict[tuple[str, str], list[int]]
    # territory key → orders of the programmes with a zone lying inside it, ascending
    inside: dict[tuple[str, str], list[int]]
    departement_regions: dict[str, str]
    communes: dict[str, tuple[str, str, str | None]]  # code → (département, région, EPCI)
    epci_places: dict[str, set[tuple[str, str]]]  # EPCI → its communes' (département, région)
    version: object = None
    stamp: tuple = ()
    built_at: float = 0.0
    checked_at: float = 0.0
    version_read_at: float = 0.0
    memo: dict = field(default_factory=dict)  # per programme: API summaries, page cards
    # (table, key, stage) → the orders of covering/inside/every serving that stage, derived on
    # first use: building them for every stage made the 100,000-programme build 2.7 s of CPU.
    staged: dict = field(default_factory=dict, repr=False, compare=False)

    def _serving(self, table: str, key, orders: list[int] | None, stage: str | None) -> list[int] | None:
        """The orders of `orders` whose programme serves `stage` (all of them for no stage)."""
        if stage is None or not orders:
            return orders
        memo_key = (table, key, stage)
        got = self.staged.get(memo_key)
        if got is None:
            bit, entries = STAGE_BITS[stage], self.entries
            got = self.staged[memo_key] = [o for o in orders if entries[o].stages & bit]
        return got

    def every(self, stage: str | None) -> list[int]:
        """Orders of every programme serving the stage (every programme for no stage)."""
        return self._serving("every", None, range(len(self.entries)), stage) or []

    def containing(self, level: str, code: str) -> list[tuple[str, str]]:
        """Keys of the territories containing (level, code), itself included, as
        `territories.selectors.containing_keys` gives them, from memory."""
        if level == Level.NATIONAL:
            return [NATIONAL_KEY]
        if level == Level.COMMUNE:
            dep, region, epci = self.communes.get(code, (None, None, None))
            keys = [(Level.COMMUNE.value, code)]
            if epci:
                keys.append((Level.EPCI.value, epci))
            keys += [(Level.DEPARTEMENT.value, dep), (Level.REGION.value, region)]
        elif level == Level.EPCI:
            places = self.epci_places.get(code, set())
            keys = [(Level.EPCI.value, code)]
            if len({d for d, _r in places}) == 1:
                keys.append((Level.DEPARTEMENT.value, next(iter(places))[0]))
            if len({r for _d, r in places}) == 1:
                keys.append((Level.REGION.value, next(iter(places))[1]))
        elif level == Level.DEPARTEMENT:
            keys = [(Level.DEPARTEMENT.value, code), (Level.REGION.value, self.departement_regions.get(code))]
        else:
            keys = [(Level.REGION.value, code)]
        return [*keys, NATIONAL_KEY]

    def acting_in(self, key: tuple[str, str], stage: str | None) -> list[int]:
        """Orders of the programmes whose zone contains the territory or lies inside it."""
        if key[0] == Level.NATIONAL:
            return self.every(stage)
        lists = [self._serving("covering", k, self.covering.get(k), stage) for k in self.containing(*key)]
        lists.append(self._serving("inside", key, self.inside.get(key), stage))
        lists = [orders for orders in lists if orders]
        if len(lists) == 1:
            return lists[0]
        return sorted({order for orders in lists for order in orders})


_COMMUNE, _EPCI = Level.COMMUNE.value, Level.EPCI.value
_DEPARTEMENT, _REGION = Level.DEPARTEMENT.value, Level.REGION.value


def _where(zones, communes, epci_places, departement_regions):
    """For one programme's zone: the territories each item lies inside (not itself)."""
    inside = set()
    for level, code in zones:
        if level == _COMMUNE:
            if code in communes:
                dep, region, epci = communes[code]
                inside.add((_DEPARTEMENT, dep))
                inside.add((_REGION, region))
                if epci:
                    inside.add((_EPCI, epci))
        elif level == _EPCI:
            for dep, region in epci_places.get(code, ()):
                inside.add((_DEPARTEMENT, dep))
                inside.add((_REGION, region))
        elif level == _DEPARTEMENT and code in departement_regions:
            inside.add((_REGION, departement_regions[code]))
    return inside


def build() -> DirectoryIndex:
    """Read the published programmes, their zones and the referential once."""
    rows = (
        Programme.objects.public()
        .annotate(s=raw_flags("stages"), n=raw_flags("needs"), p=raw_flags("publics"), o=F("organisation__name"))
        .order_by("name", "pk")  # the database's order, that of search_programmes
        .values_list("pk", "slug", "name", "name_norm", "o", "family", "kind", "model", "s", "n", "p", "is_synthetic")
    )  # fmt: skip
    # None of these columns needs a converter but the boolean, which is only read for its truth.
    entries = [Entry(*row) for row in plain_rows(rows)]
    by_pk = {}
    for order, entry in enumerate(entries):
        entry.order = order
        by_pk[entry.pk] = entry
    zones: dict[int, list[tuple[str, str]]] = {}
    for pk, level, code in plain_rows(ZoneItem.objects.values_list("programme_id", "level", "code")):
        if pk in by_pk:
            zones.setdefault(pk, []).append((level, code))
    departement_regions = dict(Departement.objects.values_list("code", "region_id"))
    communes = {}
    epci_places: dict[str, set[tuple[str, str]]] = {}
    for code, dep, region, epci in Commune.objects.values_list(
        "code", "departement_id", "region_id", "epci_id"
    ):
        communes[code] = (dep, region, epci)
        if epci:
            epci_places.setdefault(epci, set()).add((dep, region))

    covering: dict = {}
    inside: dict = {}
    for entry in entries:
        items = zones.get(entry.pk)
        if not items:
            continue
        order = entry.order
        for key in set(items) if len(items) > 1 else items:
            covering.setdefault(key, []).append(order)
        for key in _where(items, communes, epci_places, departement_regions):
            inside.setdefault(key, []).append(order)
    return DirectoryIndex(
        entries=entries,
        covering=covering,
        inside=inside,
        departement_regions=departement_regions,
        communes=communes,
        epci_places=epci_places,
        built_at=time.monotonic(),
    )


live = LiveIndex(build)


def get_index() -> DirectoryIndex:
    return live.get()


def invalidate() -> None:
    """Forget this process's directory index (tests, after a bulk load)."""
    live.invalidate()


# -- the search ----------------------------------------------------------------------------


class Hits(Sequence):
    """The programmes found, in order: a sequence with `count()`, as Paginator and the API's
    pagination expect of a queryset."""

    __slots__ = ("_entries", "index")

    def __init__(self, entries: list[Entry], index: DirectoryIndex):
        self._entries = entries
        self.index = index

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, item):
        return self._entries[item]

    def count(self) -> int:  # noqa: D102 — a queryset's count(), not Sequence.count(value)
        return len(self._entries)


def _model_values(model: str) -> tuple[str, ...]:
    if model in (AccompanimentModel.CARRIER, AccompanimentModel.GENERATOR):
        return (model, AccompanimentModel.BOTH)
    return (model,)


def search(filters: ProgrammeFilters) -> Hits:
    """Published programmes matching the filters in the order of `search_programmes`, from memory."""
    index = get_index()
    stage = filters.stage or None
    orders = index.acting_in(tuple(filters.territory), stage) if filters.territory else index.every(stage)
    entries = index.entries
    found = [entries[order] for order in orders]
    if not filters.include_synthetic:
        found = [e for e in found if not e.synthetic]
    if filters.family:
        found = [e for e in found if e.family == filters.family]
    if filters.kind:
        found = [e for e in found if e.kind == filters.kind]
    if filters.model:
        models = _model_values(filters.model)
        found = [e for e in found if e.model in models]
    if filters.public:
        bit = PUBLIC_BITS[filters.public]
        found = [e for e in found if e.publics & bit]
    if filters.need:
        bit = NEED_BITS[filters.need]
        found = [e for e in found if e.needs & bit]
    if filters.ecosystem:
        members = ecosystem_member_ids(filters.ecosystem)
        found = [e for e in found if e.pk in members]
    for token in search_tokens(filters.q) if filters.q else []:
        found = [e for e in found if token in e.name_norm or token in e.organisation]
    return Hits(found, index)


def ecosystem_member_ids(slug: str) -> set[int]:
    """The member programmes of an ecosystem, read at each search that asks (one query): members
    join and leave through the ecosystem's M2M, which sends none of the signals that renew the
    index, and the filter is rare enough not to keep them in it."""
    return set(Programme.objects.filter(ecosystems__slug=slug).values_list("pk", flat=True))
