"""Where the model and its copies lie, for the map of a lineage (docs/replication.md).

The territory referential has no coordinates: positions come from
`data/positions.json` (built by `scripts/build_positions.py` from the national offer's located
actors: a commune's is the mean of its actors', a département's the mean of its own). A commune
without actors takes its département's; an EPCI or a région the mean of its départements'; France
has no point. Projection: equirectangular (x = longitude × cos of the mean latitude, y = −
latitude) of metropolitan France onto a viewBox `WIDTH` wide; overseas départements each get a
small box of their own in a row under it. The map is drawn server-side as inline SVG
(`web/replication/_map.html`): no script, no tiles.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from essaim.territories.models import Commune, Departement, Level

DATA = Path(__file__).resolve().parent / "data" / "positions.json"

# Metropolitan France (Corsica included), in degrees.
SOUTH, NORTH, WEST, EAST = 41.2, 51.2, -5.3, 9.7
WIDTH, MARGIN = 360, 12
SCALE_X = math.cos(math.radians((SOUTH + NORTH) / 2))
MAP_HEIGHT = round(MARGIN * 2 + (WIDTH - MARGIN * 2) * (NORTH - SOUTH) / ((EAST - WEST) * SCALE_X))
BOX, BOX_GAP = 64, 8  # an overseas département's box, under the map


@cache
def positions() -> dict:
    return json.loads(DATA.read_text())


def is_overseas(departement: str) -> bool:
    return departement.startswith("97")


def project(lat: float, lon: float) -> tuple[float, float]:
    """Metropolitan (lat, lon) → (x, y) in the map's viewBox (north up)."""
    span = WIDTH - MARGIN * 2
    x = MARGIN + (lon - WEST) / (EAST - WEST) * span
    y = MARGIN + (NORTH - lat) / ((EAST - WEST) * SCALE_X) * span
    return round(x, 1), round(y, 1)


def overseas_slot(index: int) -> tuple[float, float]:
    """Centre of the `index`-th overseas box (left to right, under the map)."""
    return MARGIN + index * (BOX + BOX_GAP) + BOX / 2, MAP_HEIGHT + BOX_GAP + BOX / 2


@dataclass
class Point:
    key: str
    departement: str
    x: float = 0
    y: float = 0


def _departements_of(keys: set[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
    """The départements each territory lies in: one query per level present (none for a
    département)."""
    out: dict[tuple[str, str], list[str]] = {}
    by_level: dict[str, set[str]] = {}
    for level, code in keys:
        by_level.setdefault(level, set()).add(code)
    for code in by_level.get(Level.DEPARTEMENT, ()):
        out[(Level.DEPARTEMENT.value, code)] = [code]
    if by_level.get(Level.COMMUNE):
        for code, dep in Commune.objects.filter(code__in=by_level[Level.COMMUNE]).values_list(
            "code", "departement_id"
        ):
            out[(Level.COMMUNE.value, code)] = [dep]
    if by_level.get(Level.EPCI):
        pairs = (
            Commune.objects.filter(epci_id__in=by_level[Level.EPCI])
            .values_list("epci_id", "departement_id")
            .distinct()
        )
        for epci, dep in pairs:
            out.setdefault((Level.EPCI.value, epci), []).append(dep)
    if by_level.get(Level.REGION):
        for region, dep in Departement.objects.filter(region_id__in=by_level[Level.REGION]).values_list(
            "region_id", "code"
        ):
            out.setdefault((Level.REGION.value, region), []).append(dep)
    return out


def _where(level: str, code: str, deps: list[str]) -> tuple[float, float, str] | None:
    """(lat, lon, département) of a territory, or None (France, or nothing known)."""
    data = positions()
    if not deps:
        return None
    if level == Level.COMMUNE and code in data["communes"]:
        lat, lon = data["communes"][code]
        return lat, lon, deps[0]
    known = [data["departements"][d] for d in sorted(deps) if d in data["departements"]]
    metro = [p for d, p in zip(sorted(deps), known, strict=False) if not is_overseas(d)] or known
    if not metro:
        return None
    lat, lon = sum(p[0] for p in metro) / len(metro), sum(p[1] for p in metro) / len(metro)
    return lat, lon, sorted(deps)[0]


def place(nodes) -> tuple[list[Point], list[str], int]:
    """Points of the nodes that have a position (in the nodes' order), the overseas départements
    drawn under the map (in order), and the full height of the drawing."""
    keys = {(n.level, n.code) for n in nodes if n.level and n.level != Level.NATIONAL}
    deps = _departements_of(keys)
    located = []
    for node in nodes:
        where = _where(node.level, node.code, deps.get((node.level, node.code), [])) if node.level else None
        if where:
            located.append((node.key, *where))
    overseas = sorted({dep for *_rest, dep in located if is_overseas(dep)})
    points = []
    for key, lat, lon, dep in located:
        x, y = overseas_slot(overseas.index(dep)) if is_overseas(dep) else project(lat, lon)
        points.append(Point(key, dep, x, y))
    height = MAP_HEIGHT + (BOX + BOX_GAP * 2 if overseas else 0)
    return points, overseas, height


def background() -> list[tuple[float, float]]:
    """One faint dot per metropolitan département: together they draw the outline of France."""
    return [project(lat, lon) for d, (lat, lon) in positions()["departements"].items() if not is_overseas(d)]


@dataclass
class Mark:
    """One node drawn on the map: its point, where its label goes, the edge to its parent."""

    node: object
    number: int  # its row in the lineage table (1: the model), shown beside the point
    point: Point
    anchor: str  # "start" (label on the right) or "end" (on the left, past the middle)
    label_x: float
    parent: Point | None = None


def lineage_map(nodes) -> dict:
    """What `_map.html` draws: the marks (model and copies with a position), the nodes without
    one, the overseas boxes, the outline dots and the size of the viewBox."""
    points, overseas, height = place(nodes)
    by_key = {p.key: p for p in points}
    marks = []
    for number, node in enumerate(nodes, start=1):
        point = by_key.get(node.key)
        if point is None:
            continue
        right = point.x <= WIDTH / 2
        marks.append(
            Mark(
                node,
                number,
                point,
                "start" if right else "end",
                point.x + 8 if right else point.x - 8,
                by_key.get(node.parent_key) if node.parent_key else None,
            )
        )
    return {
        "width": WIDTH,
        "height": height,
        "map_height": MAP_HEIGHT,
        "marks": marks,
        "unplaced": [n for n in nodes if n.key not in by_key],
        "boxes": [(*overseas_slot(i), d, BOX) for i, d in enumerate(overseas)],
        "dots": background(),
    }
