"""Accessible SVG charts, rendered on the server (no JavaScript, no inline style).

Every chart is an `<svg role="img">` with a `<title>` and a `<desc>` that says in words what
it shows; the page prints the same figures in a data table beside it. Colours and strokes
come from CSS classes (`chart__*`), which the strict CSP allows and the PDF reuses.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from essaim.evidence.privacy import is_suppressed

WIDTH, HEIGHT = 640, 320

# For the PDF only: WeasyPrint applies to an SVG the styles found inside it. Same colours
# as essaim/web/static/essaim/reports.css (web pages, where the CSP forbids inline styles).
CHART_CSS = (
    ".chart__axis{stroke:#1b1b1f;stroke-width:1}.chart__grid{stroke:#c4c4cc;stroke-width:.5}"
    ".chart__tick,.chart__label,.chart__reference-label{fill:#1b1b1f;font-size:11px;font-family:'DejaVu Sans'}"
    ".chart__line{fill:none;stroke-width:2.5}.chart__series-1{stroke:#0b5394}"
    ".chart__series-2{stroke:#b0151f;stroke-dasharray:6 3}.chart__series-3{stroke:#1d6b33;stroke-dasharray:2 3}"
    ".chart__series-4{stroke:#8a4b00;stroke-dasharray:10 4 2 4}.chart__series-5{stroke:#5b2a86}"
    ".chart__series-6{stroke:#4a4a55;stroke-dasharray:1 2}.chart__band{fill:#0b5394;fill-opacity:.15;stroke:none}"
    ".chart__reference{fill:#fff;stroke:#1b1b1f;stroke-width:2}.chart__bar,.chart__bar--passed{fill:#0b5394}"
    ".chart__bar--ongoing{fill:#8fb3d9}.chart__bar--dropped{fill:#b0151f}"
)
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 44


def _frame(
    chart_id: str, title: str, desc: str, body: str, *, for_pdf: bool = False, height: int = HEIGHT
) -> SafeString:
    if for_pdf:
        body = f"<style>{CHART_CSS}</style>{body}"
    return format_html(
        '<svg class="chart" id="{id}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc" '
        'xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        id=chart_id,
        w=WIDTH,
        h=height,
        title=title,
        desc=desc,
        body=mark_safe(body),  # built below from numbers and escaped labels only
    )


def _x(value: float, maximum: float) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * (value / maximum if maximum else 0)


def _y(value: float, maximum: float = 1.0) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (value / maximum if maximum else 0))


def _axes(x_ticks: list[tuple[float, str]], y_ticks: list[tuple[float, str]], x_label: str) -> str:
    parts = [
        f'<line class="chart__axis" x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}"/>',
        f'<line class="chart__axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}"/>',
    ]
    for x, label in x_ticks:
        parts.append(
            f'<text class="chart__tick" x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{escape(label)}</text>'
        )
    for y, label in y_ticks:
        parts.append(
            f'<line class="chart__grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text class="chart__tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(label)}</text>'
        )
    parts.append(
        f'<text class="chart__label" x="{(LEFT + WIDTH - RIGHT) / 2:.0f}" y="{HEIGHT - 6}" text-anchor="middle">'
        f"{escape(x_label)}</text>"
    )
    return "".join(parts)


def survival_chart(
    curves, *, references=(), reference_months: int = 60, chart_id: str = "survie", for_pdf: bool = False
) -> SafeString:
    """Step curves of survival by months since creation (at most six, the largest groups, with a
    legend), a single curve with its 95 % band; the study's reference points at five years.

    `references` are (share, short label) pairs."""
    drawn = [c for c in curves if c.points]
    shown = sorted(drawn, key=lambda c: -c.n)[:6] if len(drawn) > 6 else drawn
    horizon = max([reference_months + 30] + [c.points[-1].t for c in shown])
    horizon = min(horizon, 180)
    x_ticks = [(_x(m, horizon), str(m // 12)) for m in range(0, int(horizon) + 1, 12)]
    y_ticks = [(_y(v / 100), f"{v} %") for v in range(0, 101, 25)]
    parts = [_axes(x_ticks, y_ticks, _("Années depuis la création"))]
    for index, curve in enumerate(shown):
        pts = [p for p in curve.points if p.t <= horizon]
        if index == 0 and len(shown) == 1:
            upper = " ".join(
                f"{_x(p.t, horizon):.1f},{_y(p.upper):.1f} {_x(n.t, horizon):.1f},{_y(p.upper):.1f}"
                for p, n in zip(pts, [*pts[1:], pts[-1]], strict=True)
            )
            lower = " ".join(
                f"{_x(n.t, horizon):.1f},{_y(p.lower):.1f} {_x(p.t, horizon):.1f},{_y(p.lower):.1f}"
                for p, n in reversed(list(zip(pts, [*pts[1:], pts[-1]], strict=True)))
            )
            parts.append(f'<polygon class="chart__band" points="{upper} {lower}"/>')
        d = [f"M{_x(pts[0].t, horizon):.1f},{_y(pts[0].estimate):.1f}"]
        for point in pts[1:]:
            d.append(f"H{_x(point.t, horizon):.1f}V{_y(point.estimate):.1f}")
        parts.append(f'<path class="chart__line chart__series-{index + 1}" d="{"".join(d)}"/>')
    for share, label in references:
        x, y = _x(reference_months, horizon), _y(float(share))
        parts.append(f'<circle class="chart__reference" cx="{x:.1f}" cy="{y:.1f}" r="5"/>')
        parts.append(
            f'<text class="chart__reference-label" x="{x + 8:.1f}" y="{y + 4:.1f}">'
            f"{escape(label)} : {round(float(share) * 100)} %</text>"
        )
    height = HEIGHT
    if len(shown) > 1:
        for index, curve in enumerate(shown):
            lx = LEFT + (index % 3) * 190
            ly = HEIGHT + 4 + (index // 3) * 18
            parts.append(
                f'<line class="chart__line chart__series-{index + 1}" x1="{lx}" y1="{ly}" x2="{lx + 28}" y2="{ly}"/>'
            )
            parts.append(f'<text class="chart__tick" x="{lx + 34}" y="{ly + 4}">{escape(curve.label)}</text>')
        height = HEIGHT + 10 + 18 * ((len(shown) + 2) // 3)
    if shown:
        first = shown[0]
        five = first.five_year
        if five is not None:
            desc = _(
                "Part des entreprises créées encore en activité selon le temps écoulé depuis leur création "
                "(estimation de Kaplan–Meier). À 5 ans : %(value)s %% (intervalle de confiance à 95 %% : "
                "%(low)s – %(high)s %%), contre %(refs)s selon l'étude."
            ) % {
                "value": round(five.estimate * 100),
                "low": round(five.lower * 100),
                "high": round(five.upper * 100),
                "refs": ", ".join(f"{round(float(s) * 100)} %" for s, _l in references),
            }
        else:
            desc = _(
                "Part des entreprises créées encore en activité selon le temps écoulé depuis leur création "
                "(estimation de Kaplan–Meier) ; le recul est inférieur à 5 ans."
            )
    else:
        desc = _("Pas assez d'entreprises créées pour tracer une courbe (moins de 5).")
    return _frame(
        chart_id, _("Survie des entreprises créées"), desc, "".join(parts), for_pdf=for_pdf, height=height
    )


def bar_chart(
    rows: Sequence[tuple[str, object]],
    *,
    title: str,
    desc: str,
    x_label: str,
    chart_id: str,
    for_pdf: bool = False,
) -> SafeString:
    """Vertical bars (e.g. jobs per year). Hidden values ("< 5", "masqué") are left out and said so."""
    values = [(label, float(v)) for label, v in rows if not is_suppressed(v) and v is not None]
    maximum = max([v for _l, v in values] + [1.0])
    step = (WIDTH - LEFT - RIGHT) / max(len(values), 1)
    y_ticks = [(_y(maximum * f, maximum), f"{maximum * f:.0f}") for f in (0, 0.5, 1)]
    parts = [_axes([], y_ticks, x_label)]
    for i, (label, value) in enumerate(values):
        x = LEFT + i * step + step * 0.15
        y = _y(value, maximum)
        parts.append(
            f'<rect class="chart__bar" x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" '
            f'height="{HEIGHT - BOTTOM - y:.1f}"/>'
        )
        if len(values) <= 16 or i % 2 == 0:
            parts.append(
                f'<text class="chart__tick" x="{x + step * 0.35:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    return _frame(chart_id, title, desc, "".join(parts), for_pdf=for_pdf)


def funnel_chart(
    rows: Sequence[dict], *, stage_names: dict[str, str], chart_id: str = "entonnoir", for_pdf: bool = False
) -> SafeString:
    """Horizontal bars per stage: passed, ongoing and dropped side by side, scaled on the entries."""
    usable = [r for r in rows if not is_suppressed(r["entered"]) and r["entered"]]
    maximum = max([r["entered"] for r in usable] + [1])
    row_h = (HEIGHT - TOP - BOTTOM) / max(len(usable), 1)
    left = 170
    span = WIDTH - left - RIGHT
    parts = []
    for i, r in enumerate(usable):
        y = TOP + i * row_h + row_h * 0.15
        x = left
        for key in ("passed", "ongoing", "dropped"):
            width = span * r[key] / maximum
            parts.append(
                f'<rect class="chart__bar chart__bar--{key}" x="{x:.1f}" y="{y:.1f}" '
                f'width="{width:.1f}" height="{row_h * 0.7:.1f}"/>'
            )
            x += width
        parts.append(
            f'<text class="chart__tick" x="{left - 6}" y="{y + row_h * 0.45:.1f}" text-anchor="end">'
            f"{escape(stage_names.get(r['stage'], r['stage']))[:28]}</text>"
        )
    legend_y = HEIGHT - 14
    for j, (key, label) in enumerate(
        (("passed", _("passés")), ("ongoing", _("en cours")), ("dropped", _("abandons")))
    ):
        lx = left + j * 140
        parts.append(
            f'<rect class="chart__bar chart__bar--{key}" x="{lx}" y="{legend_y - 10}" width="12" height="12"/>'
        )
        parts.append(f'<text class="chart__tick" x="{lx + 16}" y="{legend_y}">{escape(label)}</text>')
    desc = _("Pour chaque étape du parcours : projets passés à l'étape suivante, en cours et abandons.")
    return _frame(chart_id, _("Parcours des projets par étape"), desc, "".join(parts), for_pdf=for_pdf)
