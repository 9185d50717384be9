"""Coverage of a territory: its ESS programmes as a matrix life stage × kind, its gaps, and the
mainstream actors and shared places present alongside (not counted); every département's summary.

Reads over the in-memory orientation index (`index.py`); nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from essaim.directory.enums import ESS_KINDS
from essaim.orientation.alongside import Group, alongside
from essaim.orientation.index import NATIONAL_KEY, STAGE_BITS, STAGES, Fact, get_index
from essaim.territories import selectors as territories
from essaim.territories.models import Level


@dataclass
class Coverage:
    place: territories.Place
    programmes: list[Fact]
    cells: dict[tuple[str, str], list[Fact]]
    kinds: list[str]
    # The mainstream actors and shared places acting there, by family and kind: shown, not counted.
    alongside: list[Group] = field(default_factory=list)

    @property
    def stages(self) -> list[str]:
        return list(STAGES)

    @property
    def gaps(self) -> list[str]:
        return [s for s in STAGES if not any(self.cells[(s, k)] for k in self.kinds)]

    @property
    def stages_covered(self) -> int:
        return len(STAGES) - len(self.gaps)

    def kind_rows(self) -> list[dict]:
        """For templates: one row per kind, one cell (list of programmes) per stage."""
        return [{"kind": k, "cells": [self.cells[(s, k)] for s in STAGES]} for k in self.kinds]

    def as_dict(self) -> dict:
        return {
            "territory": self.place.as_dict(),
            "stages": self.stages,
            "kinds": self.kinds,
            "cells": [
                {"stage": s, "kind": k, "programmes": [f.slug for f in self.cells[(s, k)]]}
                for s in STAGES
                for k in self.kinds
            ],
            "gaps": self.gaps,
            "alongside": [group.as_dict() for group in self.alongside],
        }


KINDS = [k.value for k in ESS_KINDS]


def coverage(level: str, code: str) -> Coverage:
    """The ESS programmes acting in a territory as a matrix life stage × kind, and the national
    offer alongside (`alongside.py`).

    "Acting in" = a zone containing the territory or lying inside it. Raises
    territories.TerritoryNotFound.
    """
    place = territories.get_place(level, code)
    index = get_index()
    memo_key = ("coverage", place.level, place.code)
    cached = index.memo.get(memo_key)
    if cached is not None:
        return cached
    containing = territories.containing_keys(place.level, place.code)
    programmes = index.acting_in(place.level, place.code, containing)
    result = _matrix(place, programmes)
    result.alongside = alongside(index.offer, place.level, place.code, containing)
    # Bounded memo: the ~130 départements, régions and France; communes and EPCI are cheap.
    if place.level in (Level.DEPARTEMENT, Level.REGION, Level.NATIONAL):
        index.memo[memo_key] = result
    return result


def _matrix(place, programmes: list[Fact]) -> Coverage:
    cells: dict[tuple[str, str], list[Fact]] = {(s, k): [] for s in STAGES for k in KINDS}
    for fact in programmes:
        for stage in fact.stage_list():
            cells[(stage, fact.kind)].append(fact)
    return Coverage(place, programmes, cells, KINDS)


@dataclass(frozen=True)
class DepartementSummary:
    code: str
    name: str
    region_code: str
    region_name: str
    programmes: int
    stages: tuple[str, ...]

    @property
    def stages_covered(self) -> int:
        return len(self.stages)

    @property
    def gaps(self) -> tuple[str, ...]:
        return tuple(s for s in STAGES if s not in self.stages)


def departement_summaries(region: str | None = None) -> list[DepartementSummary]:
    """Every département (or those of one région): programmes acting there, stages covered.

    Computed from the index alone (no query once it is built), memoised per index version.
    """
    index = get_index()
    summaries = index.memo.get("departements")
    if summaries is None:
        summaries = []
        national = {f.pk for f in index.covering(NATIONAL_KEY)}
        for code, (name, region_code) in sorted(index.departements.items()):
            pks = set(national)
            pks |= {f.pk for f in index.covering((Level.DEPARTEMENT.value, code))}
            pks |= {f.pk for f in index.covering((Level.REGION.value, region_code))}
            pks |= index.inside.get((Level.DEPARTEMENT.value, code), set())
            mask = 0
            for pk in pks:
                mask |= index.facts[pk].stages
            summaries.append(
                DepartementSummary(
                    code,
                    name,
                    region_code,
                    index.regions.get(region_code, ""),
                    len(pks),
                    tuple(s for s in STAGES if mask & STAGE_BITS[s]),
                )
            )
        index.memo["departements"] = summaries
    if region:
        return [s for s in summaries if s.region_code == region]
    return summaries
