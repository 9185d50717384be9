"""Small-cell protection of the figures shown outside a programme.

See docs/decisions/0018-small-cell-protection.md.

Outside a programme (territory and funder reports), a figure that rests on fewer than
`MIN_PROJECTS` projects is hidden. Hiding it is not enough when it can be recomputed by
subtraction, so three rules complete the primary one:

- **complementary suppression** in a breakdown (`protect`): when the total and the visible
  rows would give a hidden row back, more rows are hidden (the smallest visible ones) and
  every hidden row of that table reads "masqué" rather than "< 5", so that nobody can tell
  which one was small;
- **tails of survival curves** in a breakdown (`protect_tails`): a curve stops where fewer than
  5 enterprises remain observed; where that would leave one curve's tail recomputable from
  the overall curve and the others, another curve stops there too;
- **periods in blocks** (`cohort_blocks`, `snap`): a period asked from outside is widened to
  whole blocks of cohorts in which every figure of the report counts 0 or at least 5
  projects, so that the difference of two periods never counts 1 to 4; survival curves of a
  period stop where a block's number still observed falls to 1–4 (`block_horizon`).

A hidden figure is a `Suppressed` value, never a string mixed into numbers; templates, files
and JSON show `str(value)`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

MIN_PROJECTS = 5


@dataclass(frozen=True)
class Suppressed:
    """A figure hidden from readers outside the programme.

    `complementary` marks the figures of a breakdown hidden so that a small one cannot be
    recomputed from the others: they read "masqué", the small one too."""

    complementary: bool = False

    def __str__(self) -> str:
        return str(_("masqué")) if self.complementary else "< 5"


SMALL = Suppressed()
MASKED = Suppressed(complementary=True)


def suppress(value, n_projects: int, *, inside: bool):
    """The value, or SMALL when shown outside the programme and based on fewer than 5 projects.

    The single primary rule used by every report, export and API answer.
    """
    if inside or n_projects >= MIN_PROJECTS:
        return value
    return SMALL


def is_suppressed(value) -> bool:
    return isinstance(value, Suppressed)


def shown(value):
    """What a file or a JSON answer carries: the text of a hidden figure, else the value."""
    return str(value) if isinstance(value, Suppressed) else value


# --- Complementary suppression in a table (a total and its rows) ------------------------------


def _intervals(hidden: Sequence[tuple[int, int]], total: int) -> list[tuple[int, int]]:
    """For hidden cells known to lie in [lo, hi] and to add up to `total`, the values each one can
    still take (an interval: the constraints are a box cut by one hyperplane)."""
    lows = sum(lo for lo, _hi in hidden)
    highs = sum(hi for _lo, hi in hidden)
    return [(max(lo, total - (highs - hi)), min(hi, total - (lows - lo))) for lo, hi in hidden]


def _recomputable(values: Sequence[int], *, uniform: bool) -> bool:
    """Whether a reader who knows the total and the visible rows finds one hidden row exactly.

    Hidden rows are at least 1 (a row exists only with projects); shown as "< 5" they are also
    at most 4; shown uniformly as "masqué" (with complements) they have no upper bound."""
    if not values:
        return False
    total = sum(values)
    # Every hidden row has the same bounds, hence the same interval (`_intervals` of n equal
    # boxes): one computed is enough (a network's table of 6,000 links computed 6,000 alike).
    lo, hi, n = 1, total if uniform else MIN_PROJECTS - 1, len(values)
    return max(lo, total - (n - 1) * hi) == min(hi, total - (n - 1) * lo)


def protect(counts: Sequence[int]) -> tuple[set[int], bool]:
    """The rows of a breakdown to hide outside the programme, given each row's number of projects
    (rows with at least one), and whether they read "masqué" (complementary suppression).

    Primary: rows under 5. If the total (shown when it reaches 5) and the visible rows would
    give one back, the smallest visible row is hidden too: one is enough once all hidden rows
    read alike, since nobody can tell which is small and the complement counts at least 5.
    Should every row be hidden and each still be deducible (five rows of one project each),
    `table_is_recomputable` says so and the caller drops them.
    """
    hidden = {i for i, n in enumerate(counts) if 0 < n < MIN_PROJECTS}
    if not hidden or sum(counts) < MIN_PROJECTS:
        return hidden, False
    if not _recomputable([counts[i] for i in hidden], uniform=False):
        return hidden, False
    visible = sorted((n, i) for i, n in enumerate(counts) if i not in hidden and n > 0)
    if visible:
        hidden.add(visible[0][1])
    return hidden, True


def table_is_recomputable(counts: Sequence[int]) -> bool:
    """After `protect`: every row hidden and yet each one deducible (all rows of one project)."""
    if sum(counts) < MIN_PROJECTS:
        return False
    hidden, uniform = protect(counts)
    rows = [n for n in counts if n > 0]
    return len(hidden) == len(rows) and _recomputable(rows, uniform=uniform)


# --- Tails of survival curves in a breakdown ----------------------------------------------------


def protect_tails(
    curves: Sequence[Sequence], hidden: set[int], *, horizons: Mapping[int, float] | None = None
) -> dict[int, float]:
    """Where each visible curve of a breakdown stops (the time of its first point not shown).

    `curves` are lists of points (`t`, `at_risk`) in time order; a point is shown while at
    least 5 enterprises are observed. At a time where the overall curve is shown (≥ 5
    observed), a curve whose number observed is not shown there hides it; if one such number
    could be recomputed (the overall minus the curves shown, each hidden one known to lie
    between 0 and its last shown number), the shown curve with the fewest observed stops
    there too. Curves hidden entirely (`hidden`) are unknowns without bound: with two of them
    nothing is recomputable. `horizons` (a period's, from `block_horizon`) stop curves earlier.
    """
    horizons = horizons or {}
    stop = {}
    for g, points in enumerate(curves):
        if g not in hidden:
            horizon = horizons.get(g, float("inf"))
            stop[g] = next((p.t for p in points if p.at_risk < MIN_PROJECTS or p.t > horizon), float("inf"))
    if len(hidden) >= 2:
        return stop
    for t in sorted({p.t for points in curves for p in points}):
        at_risk = [_at_risk(points, t) for points in curves]
        if sum(at_risk) < MIN_PROJECTS:
            break  # the overall curve stops here: nothing to subtract from
        while _tail_recomputable(curves, stop, hidden, at_risk, t):
            shown_now = [g for g in stop if _known(curves[g], stop[g], t) and at_risk[g] > 0]
            if not shown_now:
                break
            smallest = min(shown_now, key=lambda g: (at_risk[g], g))
            stop[smallest] = _following(curves[smallest], t).t
    return stop


def _following(points: Sequence, t: float):
    """The curve's first point at or after t (None after its last), by bisection on time."""
    i = bisect_left(points, t, key=lambda p: p.t)
    return points[i] if i < len(points) else None


def _at_risk(points: Sequence, t: float) -> int:
    """Enterprises of a curve still observed just before t (its next point's number at risk)."""
    following = _following(points, t)
    return following.at_risk if following is not None else 0


def _known(points: Sequence, stop: float, t: float) -> bool:
    """Whether a reader knows the curve's number observed at t: its next point is shown, or it
    has ended with every point shown."""
    following = _following(points, t)
    return following.t < stop if following is not None else stop == float("inf")


def _tail_recomputable(curves, stop: dict, hidden: set[int], at_risk: list[int], t: float) -> bool:
    members = [g for g in stop if not _known(curves[g], stop[g], t)] + sorted(hidden)
    if not members:
        return False
    total = sum(at_risk[g] for g in members)
    bounds = []
    for g in members:
        if g in hidden:
            bounds.append((0, total))
        else:
            shown = bisect_left(curves[g], stop[g], key=lambda p: p.t)  # points before the stop
            bounds.append((0, min(curves[g][shown - 1].at_risk if shown else total, total)))
    return any(lo == hi and 0 < lo < MIN_PROJECTS for lo, hi in _intervals(bounds, total))


# --- Periods in blocks of cohorts ------------------------------------------------------------------


def cohort_blocks(
    cells: Mapping[object, Mapping[int, int]], units: Iterable[int | tuple[int, int]]
) -> list[tuple[int, int]]:
    """Consecutive cohorts grouped so that, in every block, every cell counts 0 or at least 5.

    `cells` maps each figure of a report (projects, created, a stage, a year of jobs, a group
    of a breakdown…) to its number of projects per cohort. `units` are the cohorts, or blocks
    already made for fewer cells (a breakdown's blocks are unions of the report's blocks, so
    that the overall figures of both agree). A cell that counts fewer than 5 in all cohorts
    together is hidden whatever the period and is left out. Blocks are built from the first
    cohort on; a last block that cannot be completed joins the ones before until it can.
    """
    ranges = sorted((u, u) if isinstance(u, int) else tuple(u) for u in set(units))
    wanted = [c for c in cells.values() if sum(c.values()) >= MIN_PROJECTS]
    blocks: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for first, last in ranges:
        current = (current[0] if current else first, last)
        if _block_is_safe(wanted, current):
            blocks.append(current)
            current = None
    if current is not None:
        blocks.append(current)
        while len(blocks) > 1 and not _block_is_safe(wanted, blocks[-1]):
            last = blocks.pop()
            blocks[-1] = (blocks[-1][0], last[1])
    return blocks


def _block_is_safe(cells, block: tuple[int, int]) -> bool:
    first, last = block
    for cell in cells:
        n = sum(count for year, count in cell.items() if first <= year <= last)
        if 0 < n < MIN_PROJECTS:
            return False
    return True


def snap(
    start: int | None, end: int | None, blocks: Sequence[tuple[int, int]]
) -> tuple[int | None, int | None]:
    """The period widened to whole blocks; open ends stay open. Without blocks, unchanged."""
    if not blocks:
        return start, end
    if start is not None:
        start = next((b for b, e in blocks if e >= start), blocks[-1][0])
        if start == blocks[0][0]:
            start = None
    if end is not None:
        end = next((e for b, e in reversed(blocks) if b <= end), blocks[0][1])
        if end == blocks[-1][1]:
            end = None
    return start, end


def block_horizon(blocks_at_risk: Iterable[Sequence[tuple[float, int]]]) -> float:
    """The last time up to which every block of cohorts has 0 or at least 5 enterprises observed.

    Each item lists a block's (time, number at risk) points in time order; the number at risk
    holds from just after the previous time up to that one. A curve of a period shows its
    points up to the horizon only, so that two periods' curves never differ by 1 to 4."""
    horizon = float("inf")
    for points in blocks_at_risk:
        previous = float("-inf")
        for t, at_risk in points:
            if 0 < at_risk < MIN_PROJECTS:
                horizon = min(horizon, previous)
                break
            previous = t
    return horizon
