"""An in-memory index of every nameable territory, for the place resolver.

Built once per process from the referential (or from the data file, for tests of the whole of
France) in about half a second, it answers exact, prefix, word-prefix and fuzzy (trigram)
look-ups on normalised names, and look-ups by INSEE or postal code, without a query. The
choice of memory over database indexes is recorded in docs/decisions/0017-place-resolver.md.
"""

from __future__ import annotations

import gc
import math
import threading
import time
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings

from essaim.core.text import normalise
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

# Abbreviations people type for the words of French place names.
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes", "mt": "mont"}
COMMUNE, EPCI, DEPARTEMENT, REGION, NATIONAL = (level.value for level in Level)
ALIAS = "alias"  # entry kind of a former commune or an arrondissement: resolves to its commune


def query_norm(text: str) -> str:
    """The normalised text with the usual abbreviations spelt out ("st etienne" → "saint etienne")."""
    return " ".join(ABBREVIATIONS.get(word, word) for word in normalise(text).split())


def trigrams(norm: str) -> set[str]:
    """pg_trgm's trigrams: each word padded with two spaces before and one after."""
    grams = set()
    for word in norm.split():
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


class Entry(NamedTuple):
    """One name that designates a territory.

    `kind` is the level, or ALIAS for a former commune / arrondissement whose `target` is the
    current commune it belongs to. `departement` is the département code of a commune (or of
    the commune an alias belongs to); `region` likewise, and a département's own région.
    """

    kind: str
    code: str
    name: str
    norm: str
    population: int
    departement: str = ""
    region: str = ""
    target: str = ""

    @property
    def level(self) -> str:
        return COMMUNE if self.kind == ALIAS else self.kind

    @property
    def place_code(self) -> str:
        return self.target or self.code

    @property
    def key(self) -> tuple[str, str]:
        return (self.level, self.place_code)


@dataclass
class PlaceIndex:
    entries: list[Entry]
    by_key: dict[tuple[str, str], int]  # (level, code) → entry of the territory itself
    aliases: dict[str, int]  # INSEE code of a former commune / arrondissement → its entry
    postal: dict[str, tuple[int, ...]]  # postal code → commune entries, most populous first
    exact: dict[str, list[int]]  # normalised name → entries
    names: list[str]  # every distinct normalised name, sorted: names starting with a text
    by_word: dict[str, list[int]]  # a word of a normalised name → entries
    words: list[str]  # every distinct word, sorted: words starting with a text
    same_as: dict[int, int] = field(default_factory=dict)  # area entry → the one place it is
    stamp: tuple = ()
    checked_at: float = 0.0
    # Trigrams (trigram → entries, and each name's number of trigrams) are built on the first
    # fuzzy look-up: most processes never meet a typo, and they cost most of the build.
    _grams: dict[str, array] | None = None
    _gram_counts: array | None = None
    _grams_lock: threading.Lock = field(default_factory=threading.Lock)

    def trigram_index(self) -> tuple[dict[str, array], array]:
        if self._grams is None:
            with self._grams_lock:
                if self._grams is None:
                    grams: dict[str, list[int]] = {}
                    counts = array("H")
                    for pos, entry in enumerate(self.entries):
                        entry_grams = trigrams(entry.norm)
                        counts.append(len(entry_grams))
                        for gram in entry_grams:
                            grams.setdefault(gram, []).append(pos)
                    self._gram_counts = counts
                    self._grams = {gram: array("I", found) for gram, found in grams.items()}
        return self._grams, self._gram_counts

    # -- look-ups by code ------------------------------------------------------------------

    def get(self, level: str, code: str) -> Entry | None:
        pos = self.by_key.get((level, code))
        return self.entries[pos] if pos is not None else None

    def name_of(self, level: str, code: str) -> str | None:
        if level == NATIONAL:
            return "France" if code == NATIONAL_CODE else None
        entry = self.get(level, code)
        return entry.name if entry else None

    def commune_for_code(self, code: str) -> Entry | None:
        """A current commune by its INSEE code or a former commune's / arrondissement's."""
        entry = self.get(COMMUNE, code)
        if entry is None and code in self.aliases:
            entry = self.get(COMMUNE, self.entries[self.aliases[code]].target)
        return entry

    def communes_for_postal_code(self, code: str) -> list[Entry]:
        return [self.entries[i] for i in self.postal.get(code, ())]

    # -- look-ups by name ------------------------------------------------------------------

    def exact_matches(self, norm: str) -> list[int]:
        return list(self.exact.get(norm, ()))

    def starting_with(self, norm: str) -> list[int]:
        """Entries whose normalised name starts with `norm`."""
        found = []
        for pos in range(bisect_left(self.names, norm), len(self.names)):
            name = self.names[pos]
            if not name.startswith(norm):
                break
            found.extend(self.exact[name])
        return found

    def words_starting_with(self, token: str) -> set[int]:
        found: set[int] = set()
        for pos in range(bisect_left(self.words, token), len(self.words)):
            word = self.words[pos]
            if not word.startswith(token):
                break
            found.update(self.by_word[word])
        return found

    def every_word_matched(self, tokens: list[str]) -> set[int]:
        """Entries where each token starts one of the name's words, in any order."""
        result: set[int] | None = None
        for token in sorted(tokens, key=len, reverse=True):
            found = self.words_starting_with(token)
            result = found if result is None else result & found
            if not result:
                return set()
        return result or set()

    def similar(self, norm: str, *, threshold: float = 0.3, limit: int = 200) -> list[tuple[float, int]]:
        """(similarity, entry) of names close to `norm`: Jaccard index of trigram sets, as
        PostgreSQL's pg_trgm computes it."""
        wanted = trigrams(norm)
        if not wanted:
            return []
        grams, gram_counts = self.trigram_index()
        counts: Counter = Counter()
        for gram in wanted:
            posting = grams.get(gram)
            if posting is not None:
                counts.update(posting)
        scored = []
        for entry, shared in counts.items():
            similarity = shared / (len(wanted) + gram_counts[entry] - shared)
            if similarity >= threshold:
                scored.append((similarity, entry))
        scored.sort(key=lambda item: (-item[0], -self.entries[item[1]].population))
        return scored[:limit]


def population_weight(population: int) -> float:
    """0 for an empty place, about 1 for Paris: breaks near-ties toward bigger places."""
    return math.log10(population + 1) / 6.5


def build_index(
    *,
    regions: list[tuple[str, str, int]],
    departements: list[tuple[str, str, str, int]],
    epcis: list[tuple[str, str, int]],
    communes: list[tuple[str, str, int, str, str]],
    aliases: list[tuple[str, str, str, str]],
    postal: list[tuple[str, str]],
) -> PlaceIndex:
    """Rows as the referential holds them (the garbage collector pauses meanwhile: the
    collections triggered by some 200,000 new tuples would double the time):

    regions (code, name, population), départements (code, name, région, population), EPCI
    (SIREN, name, population), communes (code, name, population, département, région),
    aliases (code, name, kind, commune), postal codes (postal code, commune).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(regions, departements, epcis, communes, aliases, postal)
    finally:
        if enabled:
            gc.enable()


def _build(regions, departements, epcis, communes, aliases, postal) -> PlaceIndex:
    entries: list[Entry] = []
    for code, name, population in regions:
        entries.append(Entry(REGION, code, name, normalise(name), population, region=code))
    for code, name, region, population in departements:
        entries.append(Entry(DEPARTEMENT, code, name, normalise(name), population, code, region))
    for code, name, population in epcis:
        entries.append(Entry(EPCI, code, name, normalise(name), population))
    commune_place = {}
    for code, name, population, departement, region in communes:
        commune_place[code] = (departement, region)
        entries.append(Entry(COMMUNE, code, name, normalise(name), population, departement, region))
    for code, name, _kind, commune in aliases:
        if commune in commune_place:
            departement, region = commune_place[commune]
            entries.append(Entry(ALIAS, code, name, normalise(name), 0, departement, region, commune))
    entries.append(Entry(NATIONAL, NATIONAL_CODE, "France", "france", 0))

    by_key, alias_pos, exact, by_word = {}, {}, {}, {}
    for pos, entry in enumerate(entries):
        if entry.kind == ALIAS:
            alias_pos[entry.code] = pos
        else:
            by_key[(entry.kind, entry.code)] = pos
        exact.setdefault(entry.norm, []).append(pos)
        for word in set(entry.norm.split()):
            by_word.setdefault(word, []).append(pos)

    postal_map: dict[str, set[int]] = {}
    for postal_code, commune in postal:
        pos = by_key.get((COMMUNE, commune))
        if pos is not None:
            postal_map.setdefault(postal_code, set()).add(pos)
    index = PlaceIndex(
        entries=entries,
        by_key=by_key,
        aliases=alias_pos,
        postal={
            pc: tuple(sorted(found, key=lambda p: (-entries[p].population, entries[p].code)))
            for pc, found in postal_map.items()
        },
        exact=exact,
        names=sorted(exact),
        by_word=by_word,
        words=sorted(by_word),
    )
    index.same_as = _same_places(index)
    return index


def _same_places(index: PlaceIndex) -> dict[int, int]:
    """Areas that are one place under the same name: the département of Paris is the commune of
    Paris, the région of Mayotte its département, Saint-Martin all three. Area → the most
    local of them (a commune's containing territories include its département and région)."""
    by_departement: dict[str, list[int]] = {}
    departements_of: dict[str, list[int]] = {}
    for pos, entry in enumerate(index.entries):
        if entry.kind == COMMUNE:
            by_departement.setdefault(entry.departement, []).append(pos)
        elif entry.kind == DEPARTEMENT:
            departements_of.setdefault(entry.region, []).append(pos)
    same = {}
    for pos, entry in enumerate(index.entries):
        if entry.kind == DEPARTEMENT:
            communes = by_departement.get(entry.code, [])
            if len(communes) == 1 and index.entries[communes[0]].norm == entry.norm:
                same[pos] = communes[0]
    for pos, entry in enumerate(index.entries):
        if entry.kind == REGION:
            departements = departements_of.get(entry.code, [])
            if len(departements) == 1 and index.entries[departements[0]].norm == entry.norm:
                same[pos] = same.get(departements[0], departements[0])
    return same


def index_from_document(document: dict) -> PlaceIndex:
    """The index of a territory data file (see services.read_data_file), without a database."""
    communes = document["communes"]
    dep_population: dict[str, int] = {}
    reg_population: dict[str, int] = {}
    for _code, _name, dep, reg, _epci, pop, _cps in communes:
        dep_population[dep] = dep_population.get(dep, 0) + pop
        reg_population[reg] = reg_population.get(reg, 0) + pop
    return build_index(
        regions=[(code, name, reg_population.get(code, 0)) for code, name, _chef in document["regions"]],
        departements=[
            (code, name, region, dep_population.get(code, 0))
            for code, name, region, _chef in document["departements"]
        ],
        epcis=[(code, name, pop) for code, name, _kind, pop in document["epcis"]],
        communes=[(c[0], c[1], c[5], c[2], c[3]) for c in communes],
        aliases=[(a[0], a[1], a[2], a[3]) for a in document["aliases"]],
        postal=[(cp, c[0]) for c in communes for cp in c[6]],
    )


def _stamp() -> tuple:
    return tuple(m.objects.count() for m in (Commune, PostalCode, CommuneAlias, Epci, Departement))


def _index_from_database() -> PlaceIndex:
    stamp = _stamp()
    index = build_index(
        regions=list(Region.objects.values_list("code", "name", "population")),
        departements=list(Departement.objects.values_list("code", "name", "region_id", "population")),
        epcis=list(Epci.objects.values_list("code", "name", "population")),
        communes=list(
            Commune.objects.values_list("code", "name", "population", "departement_id", "region_id")
        ),
        aliases=list(CommuneAlias.objects.values_list("code", "name", "kind", "commune_id")),
        postal=list(PostalCode.objects.values_list("code", "commune_id")),
    )
    index.stamp = stamp
    index.checked_at = time.monotonic()
    return index


_lock = threading.Lock()
_index: PlaceIndex | None = None


def place_index() -> PlaceIndex:
    """The process's index, rebuilt when the referential's row counts change (checked at most
    every ORIENTATION_TERRITORIES_CHECK_SECONDS, 60 by default)."""
    global _index
    current = _index
    now = time.monotonic()
    every = float(getattr(settings, "ORIENTATION_TERRITORIES_CHECK_SECONDS", 60))
    if current is not None and now - current.checked_at <= every:
        return current
    if current is not None and _stamp() == current.stamp:
        current.checked_at = now
        return current
    with _lock:
        _index = _index_from_database()
    return _index


def forget_index() -> None:
    """Drop the index (after loading territories in tests)."""
    global _index
    _index = None
