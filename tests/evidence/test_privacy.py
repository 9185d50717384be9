"""Small-cell protection outside a programme (essaim/evidence/privacy.py): the primary rule, and
the three differencing attacks of issue 16 tried on random data — a total minus its visible
breakdown, a survival curve's tail minus the others, one period minus another."""

import itertools
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from essaim.evidence import privacy
from essaim.evidence.privacy import (
    MASKED,
    MIN_PROJECTS,
    SMALL,
    Suppressed,
    block_horizon,
    cohort_blocks,
    is_suppressed,
    protect,
    protect_tails,
    shown,
    snap,
    suppress,
    table_is_recomputable,
)


def test_suppress_hides_small_groups_outside_only():
    assert suppress(12, 4, inside=False) == SMALL
    assert suppress(12, 5, inside=False) == 12
    assert suppress(12, 1, inside=True) == 12
    assert str(suppress(0.5, 0, inside=False)) == "< 5"
    assert is_suppressed(SMALL)
    assert not is_suppressed(4)


def test_a_hidden_figure_is_typed_and_reads_as_text():
    assert Suppressed() == SMALL and Suppressed(complementary=True) == MASKED
    assert (str(SMALL), str(MASKED)) == ("< 5", "masqué")
    assert SMALL != "< 5"
    assert not is_suppressed("< 5")
    assert (shown(SMALL), shown(MASKED), shown(3), shown(None)) == ("< 5", "masqué", 3, None)


# --- 1. A total minus its visible breakdown ---------------------------------------------------


def feasible_values(published: list, total: int, index: int, *, limit: int) -> set[int]:
    """The attacker: every value hidden row `index` can take, given the total, the visible rows
    and what each hidden row says ("< 5": 1 to 4; "masqué": at least 1). A value is possible
    when the other hidden rows can make up the rest (each moves freely within its range)."""
    hidden = [i for i, value in enumerate(published) if is_suppressed(value)]
    rest = total - sum(v for v in published if not is_suppressed(v))

    def span(i):
        return (1, MIN_PROJECTS - 1) if published[i] == SMALL else (1, limit)

    others = [span(i) for i in hidden if i != index]
    low, high = sum(lo for lo, _hi in others), sum(hi for _lo, hi in others)
    first, last = span(index)
    return {v for v in range(first, last + 1) if low <= rest - v <= high}


def publish(counts: list[int]) -> list:
    hidden, masked = protect(counts)
    return [(MASKED if masked else SMALL) if i in hidden else n for i, n in enumerate(counts)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=5))
def test_no_hidden_row_can_be_recomputed_from_the_total_and_the_visible_rows(counts):
    total = sum(counts)
    published = publish(counts)
    if total < MIN_PROJECTS or table_is_recomputable(counts):
        return  # the total is itself hidden, or the caller drops the breakdown
    for i, value in enumerate(published):
        if is_suppressed(value):
            candidates = feasible_values(published, total, i, limit=total)
            assert counts[i] in candidates
            assert len(candidates) > 1, (counts, published, i)


def test_the_attack_succeeds_without_complements():
    """What issue 16 found: hiding the small row alone gives it back by subtraction."""
    counts = [6, 3]
    naive = [n if n >= MIN_PROJECTS else SMALL for n in counts]
    assert feasible_values(naive, sum(counts), 1, limit=9) == {3}
    assert publish(counts) == [MASKED, MASKED]
    assert feasible_values(publish(counts), 9, 1, limit=9) == set(range(1, 9))


def test_protect_hides_the_smallest_visible_row_and_keeps_the_others():
    assert protect([40, 7, 2, 12]) == ({1, 2}, True)
    assert protect([40, 7, 12]) == (set(), False)
    assert protect([3, 2, 12]) == ({0, 1}, False)  # 1 to 4 each, adding up to 5: not unique
    assert protect([4, 4, 12]) == ({0, 1, 2}, True)  # 8 = 4 + 4 would give both back
    assert protect([2, 1]) == ({0, 1}, False)  # total under 5: hidden as well


def test_rows_of_one_project_each_are_recomputable_whatever_is_hidden():
    assert table_is_recomputable([1, 1, 1, 1, 1]) is True
    assert table_is_recomputable([1, 1, 1, 1, 2]) is False
    assert table_is_recomputable([3]) is False  # the total (3) is hidden too


# --- 2. A survival curve's tail minus the overall curve and the other curves ------------------


@dataclass(frozen=True)
class Point:
    t: float
    at_risk: int


def curve(exits: list[int]) -> list[Point]:
    """Points of a curve whose subjects leave at times 1, 2, … in the numbers given."""
    remaining = sum(exits)
    points = [Point(0.0, remaining)]
    for t, n in enumerate(exits, start=1):
        if n:
            points.append(Point(float(t), remaining))
            remaining -= n
    return points


def at_risk(points, t):
    return next((p.at_risk for p in points if p.t >= t), 0)


def tail_attack(curves, stops, hidden) -> list[tuple[int, float, int]]:
    """The attacker: at each time the overall curve is shown, the overall minus every curve
    shown there; when a single curve is unknown, that is its number observed."""
    found = []
    for t in sorted({p.t for c in curves for p in c}):
        total = sum(at_risk(c, t) for c in curves)
        if total < MIN_PROJECTS:
            break
        unknown = [g for g in range(len(curves)) if g in hidden or not _shown_at(curves[g], stops[g], t)]
        if len(unknown) == 1:
            g = unknown[0]
            value = total - sum(at_risk(curves[h], t) for h in range(len(curves)) if h != g)
            if 0 < value < MIN_PROJECTS:
                found.append((g, t, value))
    return found


def _shown_at(points, stop, t):
    following = next((p for p in points if p.t >= t), None)
    return following.t < stop if following is not None else stop == float("inf")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=6), min_size=2, max_size=4)
)
def test_no_tail_is_recomputable_from_the_overall_curve(exits):
    curves = [curve(e) for e in exits if sum(e)]
    if len(curves) < 2:
        return
    sizes = [c[0].at_risk for c in curves]
    hidden, _masked = protect(sizes)
    stops = protect_tails(curves, hidden)
    assert tail_attack(curves, stops, hidden) == []


def test_the_tail_attack_succeeds_without_protection():
    curves = [curve([0, 0, 3, 3]), curve([2, 0, 0, 0, 10])]  # 6 and 12 enterprises
    natural = {
        g: next((p.t for p in c if p.at_risk < MIN_PROJECTS), float("inf")) for g, c in enumerate(curves)
    }
    assert tail_attack(curves, natural, set()) == [(0, 4.0, 3)]
    stops = protect_tails(curves, set())
    assert stops == {0: 4.0, 1: 5.0}
    assert tail_attack(curves, stops, set()) == []


# --- 3. One period minus another ---------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["projects", "created", "stage-2", "year-2020", "group-a"]),
        st.dictionaries(st.integers(min_value=2010, max_value=2021), st.integers(min_value=0, max_value=7)),
        min_size=1,
    ),
    st.data(),
)
def test_two_periods_never_differ_by_one_to_four(cells, data):
    """Every period asked is widened to blocks; the attacker subtracts a period from one that
    contains it (2010–2021 minus 2010–2020), for every figure shown in both."""
    cohorts = range(2010, 2022)
    blocks = cohort_blocks(cells, cohorts)
    periods = [(None, None)]
    for _i in range(3):
        start = data.draw(st.one_of(st.none(), st.integers(min_value=2010, max_value=2021)))
        end = data.draw(st.one_of(st.none(), st.integers(min_value=start or 2010, max_value=2021)))
        periods.append(snap(start, end, blocks))
    years = [{y for y in cohorts if (a or 0) <= y <= (b or 9999)} for a, b in periods]
    for cell in cells.values():
        if sum(cell.values()) < MIN_PROJECTS:
            continue  # hidden in every period
        for wide, narrow in itertools.permutations(years, 2):
            shown_both = [sum(cell.get(y, 0) for y in p) >= MIN_PROJECTS for p in (wide, narrow)]
            if narrow <= wide and all(shown_both):
                difference = sum(cell.get(y, 0) for y in wide - narrow)
                assert not 0 < difference < MIN_PROJECTS, (cells, blocks, periods)
    for first, last in blocks:  # and every block holds 0 or at least 5 of every figure
        for cell in cells.values():
            if sum(cell.values()) >= MIN_PROJECTS:
                assert not 0 < sum(n for y, n in cell.items() if first <= y <= last) < MIN_PROJECTS


def test_the_period_attack_succeeds_without_blocks_and_fails_with_them():
    """2010–2021 minus 2010–2020: the projects of 2021 (three of them) without blocks."""
    cells = {"projects": {2019: 6, 2020: 5, 2021: 3}}
    assert 14 - 11 == 3
    blocks = cohort_blocks(cells, [2019, 2020, 2021])
    assert blocks == [(2019, 2019), (2020, 2021)]
    assert snap(None, 2020, blocks) == (None, None)  # widened to the whole block 2020–2021
    assert snap(2021, None, blocks) == (2020, None)


def test_blocks_can_be_merged_further_for_a_breakdown():
    base = cohort_blocks({"projects": {2019: 5, 2020: 5, 2021: 5}}, [2019, 2020, 2021])
    assert base == [(2019, 2019), (2020, 2020), (2021, 2021)]
    finer = {"projects": {2019: 5, 2020: 5, 2021: 5}, "group": {2019: 2, 2020: 3, 2021: 5}}
    assert cohort_blocks(finer, base) == [(2019, 2020), (2021, 2021)]


def test_block_horizon_stops_before_a_block_falls_to_one_to_four():
    assert block_horizon([[(0.0, 9), (12.0, 7), (24.0, 3)], [(0.0, 6), (30.0, 6)]]) == 12.0
    assert block_horizon([[(0.0, 9), (12.0, 5)]]) == float("inf")


@given(st.lists(st.integers(min_value=1, max_value=40), max_size=30), st.booleans())
def test_one_hidden_row_s_interval_says_what_every_row_s_would(values, uniform):
    """`_recomputable` computes one interval for the n equal boxes; `_intervals` computes n."""
    total = sum(values)
    bounds = [(1, total if uniform else privacy.MIN_PROJECTS - 1)] * len(values)
    expected = any(lo == hi for lo, hi in privacy._intervals(bounds, total))
    assert privacy._recomputable(values, uniform=uniform) is expected
