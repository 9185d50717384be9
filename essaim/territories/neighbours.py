"""Which territories share a border: départements from a data file, régions derived from it.

`data/departement_neighbours.json` is built by `scripts/build_neighbours.py` from the outlines
of the vendored map of départements and checked by hand (docs/data-sources.md). Overseas
départements and collectivities have no land neighbour: they get the other territories of
their sea basin (Guadeloupe: Martinique, Saint-Martin, Saint-Barthélemy), or none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "departement_neighbours.json"


@dataclass(frozen=True)
class Neighbourhood:
    departements: dict[str, tuple[str, ...]]  # metropolitan département → those sharing a border
    basins: dict[str, str]  # overseas département or collectivity code → its sea basin


@lru_cache(maxsize=1)
def neighbourhood() -> Neighbourhood:
    document = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return Neighbourhood(
        departements={code: tuple(found) for code, found in document["departements"].items()},
        basins=dict(document["overseas_basins"]),
    )


def basin_of(code: str) -> str | None:
    """The sea basin of an overseas département or collectivity ("Antilles"); None in mainland."""
    return neighbourhood().basins.get(code)


def departement_neighbours(code: str) -> list[str]:
    """Départements sharing a border with this one; overseas, those of the same basin."""
    data = neighbourhood()
    if code in data.departements:
        return list(data.departements[code])
    basin = data.basins.get(code)
    if basin is None:
        return []
    return sorted(other for other, b in data.basins.items() if b == basin and other != code)


def region_neighbours(code: str, region_of: dict[str, str]) -> list[str]:
    """Régions sharing a border with this one, from their départements' borders.

    `region_of` maps département codes to région codes (the referential's). An overseas région
    or collectivity gets the others of its sea basin, never the list of every région.
    """
    data = neighbourhood()
    mine = {dep for dep, region in region_of.items() if region == code}
    if not mine and code in data.basins:
        mine = {code}  # a collectivity that is a région without départements (Polynésie)
    found: set[str] = set()
    for departement in mine:
        for other in departement_neighbours(departement):
            found.add(region_of.get(other, other))
    found.discard(code)
    return sorted(found)
