"""Orientation of a carrier and coverage of a territory: reads over the in-memory index.

Nothing here writes. Every function takes already-validated values (see `params.py` for
parsing user input) and returns plain dataclasses that the web pages, the API and the
commands render. The coverage of a territory lives in `coverage.py` and is read from here too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from essaim.orientation import wording
from essaim.orientation.contacts import (  # noqa: F401 — the app's reads, in one place
    contact_request_for,
    contact_request_log,
    contact_requests_for,
    new_contact_requests_count,
    sent_contact_requests,
)
from essaim.orientation.coverage import (  # noqa: F401 — the app's reads, in one place
    Coverage,
    DepartementSummary,
    coverage,
    departement_summaries,
)
from essaim.orientation.index import (
    NEED_BITS,
    STAGE_BITS,
    STAGES,
    Fact,
    OrientationIndex,
    Preferences,
    get_index,
    ranked,
)
from essaim.orientation.nearby import FEW_DOORS, Found, distance_km, nearby
from essaim.orientation.places import PlaceContext
from essaim.territories.models import LEVEL_RANK, NATIONAL_CODE, Level

RESULTS_LIMIT = 20
PARCOURS_LIMIT = 5
ALTERNATIVES_LIMIT = 5
# Below this many ESS programmes, the carrier is offered to leave their details once.
FEW_PROGRAMMES = 3
GAP_DOORS_LIMIT = 2


class NearbyMatch:
    """A mainstream actor or shared place near the carrier, with why it helps and how to reach it."""

    __slots__ = ("found", "stage", "commune")

    def __init__(self, found: Found, stage: str | None, commune):
        self.found = found
        self.stage = stage
        self.commune = commune

    @property
    def door(self):
        return self.found.door

    @property
    def why(self) -> str:
        return wording.door_why(self.door.kind, self.stage, self.door.summary)

    @property
    def where(self) -> str:
        return wording.door_where(self.found, self.commune)

    @property
    def data_date(self) -> str:
        return wording.data_date(self.door.data_date)

    def as_dict(self) -> dict:
        door, found = self.door, self.found
        if found.level == Level.COMMUNE:
            zone = {"level": found.level, "code": door.commune, "name": door.commune_name}
        elif found.level == Level.EPCI:
            zone = {"level": found.level, "code": door.epci, "name": self.commune.epci.name}
        elif found.level == Level.DEPARTEMENT:
            zone = {"level": found.level, "code": door.departement, "name": door.departement_name}
        elif found.level == Level.NATIONAL:
            zone = {"level": found.level, "code": NATIONAL_CODE, "name": "France"}
        else:
            zone = {"level": found.level, "code": door.region, "name": self.commune.region.name}
        return {
            "slug": door.slug,
            "name": door.name,
            "score": (5 - LEVEL_RANK[found.level]) * 100,
            "reasons": [self.why, self.where],
            "matched_zone": zone,
            "family": door.family,
            "kind": door.kind,
            "distance_km": found.distance_km,
            "data_date": door.data_date.isoformat() if door.data_date else None,
            "contact": door.contact(),
        }


class Match:
    """One programme for the carrier; its plain-language reasons are worded on first use."""

    __slots__ = ("fact", "score", "matched_zone", "needs_met", "_stage", "_preferences", "_reasons")

    def __init__(self, fact: Fact, score: int, matched_zone: dict, needs_met: list[str], stage, preferences):
        self.fact = fact
        self.score = score
        self.matched_zone = matched_zone
        self.needs_met = needs_met
        self._stage = stage
        self._preferences = preferences
        self._reasons: list[str] | None = None

    @property
    def reasons(self) -> list[str]:
        if self._reasons is None:
            zone = self.matched_zone
            language = get_language()
            reasons = [wording.reason_zone(zone["level"], zone["code"], zone["name"], language=language)]
            for served in [self._stage] if self._stage else self.fact.stage_list():
                reasons.append(wording.reason_stage(served, language=language))
            if self.needs_met:
                reasons.append(wording.reason_needs(self.needs_met, language=language))
            if self._preferences.public and self.fact.publics:
                reasons.append(wording.reason_public(self._preferences.public))
            if self._preferences.model and self.fact.model in ("carrier", "generator", "both"):
                reasons.append(wording.reason_model(self.fact.model))
            self._reasons = reasons
        return self._reasons

    def as_dict(self) -> dict:
        return {
            "slug": self.fact.slug,
            "name": self.fact.name,
            "score": self.score,
            "reasons": self.reasons,
            "matched_zone": self.matched_zone,
        }


@dataclass
class Gap:
    stage: str
    alternatives: list[Fact]
    # Where the alternatives were found: "departement", "neighbours", "preferences", "national"
    # or "" (none).
    where: str = ""
    # pk → where the programme acts, in words ("dans la Haute-Vienne"), and its distance (km).
    places: dict[int, str] = field(default_factory=dict)
    distances: dict[int, int] = field(default_factory=dict)
    # The mainstream actors near the carrier that help at this stage.
    doors: list[NearbyMatch] = field(default_factory=list)

    @property
    def where_label(self) -> str:
        return {
            "departement": _("ailleurs dans le département"),
            "neighbours": _("dans les départements voisins de la même région"),
            "preferences": _("ici, mais hors de vos préférences (modèle ou public)"),
            "national": _("ailleurs en France"),
        }.get(self.where, "")

    def nearest(self) -> list[dict]:
        """For templates: each alternative with its place and, when known, its distance."""
        return [
            {"fact": f, "place": self.places.get(f.pk, ""), "distance_km": self.distances.get(f.pk)}
            for f in self.alternatives
        ]

    def as_dict(self) -> dict:
        return {
            "stage": self.stage,
            "alternatives": [f.slug for f in self.alternatives],
            "nearest": [
                {
                    "slug": n["fact"].slug,
                    "name": n["fact"].name,
                    "place": n["place"],
                    "distance_km": n["distance_km"],
                }
                for n in self.nearest()
            ],
            "doors": [m.door.slug for m in self.doors],
        }


@dataclass
class Orientation:
    context: PlaceContext
    stage: str | None
    needs: list[str]
    preferences: Preferences
    results: list[Match] = field(default_factory=list)
    parcours: dict[str, list[Match]] = field(default_factory=dict)
    gaps: list[Gap] = field(default_factory=list)
    nearby: list[NearbyMatch] = field(default_factory=list)

    @property
    def few_programmes(self) -> bool:
        """Fewer than three ESS programmes: the carrier may leave their details once."""
        return len(self.results) < FEW_PROGRAMMES

    @property
    def reachable_doors(self) -> int:
        """The actors near the carrier that can be contacted (a phone, an e-mail or a website)."""
        return sum(1 for m in self.nearby if m.door.has_contact)

    @property
    def few_doors_note(self) -> str:
        """Fewer than three actors to contact: who to ask instead, in words; else ""."""
        if self.reachable_doors >= FEW_DOORS:
            return ""
        return wording.few_doors_note(self.context.commune, self.reachable_doors)

    def alternative_programmes(self) -> list[Fact]:
        """The programmes a carrier's details go to: the gaps' nearest alternatives, no repeat."""
        seen, result = set(), []
        for gap in self.gaps:
            for fact in gap.alternatives:
                if fact.pk not in seen:
                    seen.add(fact.pk)
                    result.append(fact)
        return result[:ALTERNATIVES_LIMIT]

    def as_dict(self) -> dict:
        return {
            "place": self.context.place.as_dict(),
            "results": [m.as_dict() for m in self.results],
            "parcours": {stage: [m.fact.slug for m in matches] for stage, matches in self.parcours.items()},
            "gaps": [g.as_dict() for g in self.gaps],
            "nearby": [m.as_dict() for m in self.nearby],
        }


def later_stages(stage: str | None) -> list[str]:
    if stage is None:
        return list(STAGES)
    return STAGES[STAGES.index(stage) + 1 :]


def _matches(
    index: OrientationIndex,
    context: PlaceContext,
    stage: str | None,
    need_mask: int,
    preferences: Preferences,
    limit: int,
) -> list[Match]:
    """Programmes covering the place, most local first, then by needs met, then by name."""
    seen: set[int] = set()
    matches: list[Match] = []
    for level, code, name in context.keys:
        bucket = index.bucket((level, code), stage)
        if bucket is None:
            continue
        level_matches = []
        for fact in ranked(bucket, need_mask):
            if fact.pk in seen or not preferences.accepts(fact):
                continue
            seen.add(fact.pk)
            level_matches.append(_match(fact, level, code, name, stage, need_mask, preferences))
            if len(matches) + len(level_matches) >= limit:
                break
        matches += level_matches
        if len(matches) >= limit:
            break
    return matches


def _match(fact, level, code, name, stage, need_mask, preferences) -> Match:
    needs_met = fact.need_list(need_mask) if need_mask else []
    score = (5 - LEVEL_RANK[level]) * 100 + len(needs_met) * 5
    return Match(fact, score, {"level": level, "code": code, "name": name}, needs_met, stage, preferences)


def _alternatives(
    index: OrientationIndex, context: PlaceContext, stage: str, preferences: Preferences
) -> Gap:
    """The nearest programmes for a stage nobody serves here, in widening circles."""
    bit = STAGE_BITS[stage]
    dep, region = context.departement_code, context.region_code

    def pick(pks) -> list[Fact]:
        facts = (index.facts[pk] for pk in pks)
        chosen = [f for f in facts if f.stages & bit and preferences.accepts(f)]
        return sorted(chosen, key=lambda f: f.order)[:ALTERNATIVES_LIMIT]

    # The first two circles depend on the département only: memoised (≈ 100 × 4 × preferences).
    memo_key = ("gap", dep, stage, preferences)
    memo = index.memo.get(memo_key)
    if memo is None:
        memo = index.memo[memo_key] = _circles(index, dep, region, pick)
    if memo[0]:
        return Gap(stage, memo[0], memo[1])
    relaxed = _matches(index, context, stage, 0, Preferences(), ALTERNATIVES_LIMIT)
    if relaxed:
        return Gap(stage, [m.fact for m in relaxed], "preferences")
    anywhere = [f for f in index.facts.values() if f.stages & bit and preferences.accepts(f)]
    if anywhere:
        return Gap(stage, _nearest_first(index, context, anywhere)[:ALTERNATIVES_LIMIT], "national")
    return Gap(stage, [], "")


def _circles(index: OrientationIndex, dep: str, region: str, pick) -> tuple[list[Fact], str]:
    here = pick(index.inside.get((Level.DEPARTEMENT.value, dep), set()))
    if here:
        return here, "departement"
    neighbours: set[int] = set()
    for other in index.region_departements.get(region, []):
        if other == dep:
            continue
        neighbours |= {f.pk for f in index.covering((Level.DEPARTEMENT.value, other))}
        neighbours |= index.inside.get((Level.DEPARTEMENT.value, other), set())
    near = pick(neighbours)
    return (near, "neighbours") if near else ([], "")


def _position(index: OrientationIndex, commune_code: str | None):
    return index.offer.positions.get(commune_code) if index.offer and commune_code else None


def _nearest_first(index: OrientationIndex, context: PlaceContext, facts: list[Fact]) -> list[Fact]:
    here = _position(index, context.commune.code)

    def key(fact):
        there = _position(index, index.fact_communes.get(fact.pk))
        km = distance_km(here, there) if here and there else math.inf
        return (km, fact.order)

    return sorted(facts, key=key)


def _zone_words(index: OrientationIndex, fact: Fact, region: str, language: str) -> str:
    """Where a programme acts, in words, the parts in the carrier's région first."""

    def key(item):
        level, code = item
        mine = (level == Level.REGION and code == region) or (
            level == Level.DEPARTEMENT and index.departements.get(code, ("", ""))[1] == region
        )
        return (not mine, -LEVEL_RANK[level], code)

    keys = sorted(index.zones.get(fact.pk, []), key=key)
    words = [
        wording.in_place_cached(level, code, index.zone_names.get((level, code), code), language)
        for level, code in keys[:2]
    ]
    if len(keys) > 2:
        words.append(_("etc."))
    return ", ".join(words)


def _describe(index: OrientationIndex, context: PlaceContext, gap: Gap) -> Gap:
    """Each alternative's place in words and distance, and the actors near the carrier for the stage."""
    language = get_language()
    here = _position(index, context.commune.code)
    for fact in gap.alternatives:
        memo_key = ("place", fact.pk, context.region_code, language)
        place = index.memo.get(memo_key)
        if place is None:
            place = index.memo[memo_key] = _zone_words(index, fact, context.region_code, language)
        gap.places[fact.pk] = place
        there = _position(index, index.fact_communes.get(fact.pk))
        if here and there:
            gap.distances[fact.pk] = round(distance_km(here, there))
    return gap


def orient(
    context: PlaceContext,
    *,
    stage: str | None = None,
    needs: list[str] | tuple[str, ...] = (),
    preferences: Preferences | None = None,
    limit: int = RESULTS_LIMIT,
    parcours_limit: int = PARCOURS_LIMIT,
) -> Orientation:
    """Programmes for a carrier at `context`, the parcours after `stage`, and the gaps.

    Gaps are looked for at the carrier's stage and the later ones (or every stage when
    the stage is unknown).
    """
    preferences = preferences or Preferences()
    index = get_index()
    need_mask = 0
    for need in needs:
        need_mask |= NEED_BITS[need]
    result = Orientation(context, stage, list(needs), preferences)
    result.results = _matches(index, context, stage, need_mask, preferences, limit)
    for later in later_stages(stage):
        result.parcours[later] = _matches(index, context, later, need_mask, preferences, parcours_limit)
    for gap_stage in ([stage] if stage else []) + later_stages(stage):
        served = result.parcours.get(gap_stage) if gap_stage != stage else result.results
        if served:
            continue
        gap = _describe(index, context, _alternatives(index, context, gap_stage, preferences))
        result.gaps.append(gap)
    if index.offer is not None:
        commune = context.commune
        result.nearby = [
            NearbyMatch(found, stage, commune)
            for found in nearby(index.offer, commune, stage=stage, public=preferences.public)
        ]
        for gap in result.gaps:
            gap.doors = [
                NearbyMatch(m.found, gap.stage, commune) for m in result.nearby if m.door.serves(gap.stage)
            ][:GAP_DOORS_LIMIT]
    return result
