"""The scheduler: no conflicts ever, optimal against brute force on tiny fairs with equal tables,
never above its bound; figures of the large instance live in bench/bench_fairs.py."""

import itertools
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essaim.fairs.scheduler import WEIGHTS, Request, pairs_of, requests_bound, schedule


def assert_no_conflict(out, tables):
    per_slot = Counter(out.placed.values())
    assert all(per_slot[c] <= tables[c] for c in per_slot)
    buyers = Counter((b, c) for (b, _s), c in out.placed.items())
    suppliers = Counter((s, c) for (_b, s), c in out.placed.items())
    assert max(buyers.values(), default=0) <= 1
    assert max(suppliers.values(), default=0) <= 1
    assert all(0 <= c < len(tables) for c in out.placed.values())


def brute_force(requests, tables) -> int:
    """The best weight over every assignment of each pair to a slot or to nothing."""
    pairs = pairs_of(requests)
    best = 0
    for choice in itertools.product(range(-1, len(tables)), repeat=len(pairs)):
        used = Counter(c for c in choice if c >= 0)
        if any(used[c] > tables[c] for c in used):
            continue
        seen = set()
        ok = True
        for p, c in zip(pairs, choice, strict=True):
            if c < 0:
                continue
            keys = (("b", p.buyer, c), ("s", p.supplier, c))
            if seen.intersection(keys):
                ok = False
                break
            seen.update(keys)
        if ok:
            best = max(best, sum(p.weight for p, c in zip(pairs, choice, strict=True) if c >= 0))
    return best


requests_st = st.lists(
    st.builds(Request, st.integers(0, 4), st.integers(10, 14), st.sampled_from(sorted(WEIGHTS))),
    max_size=40,
)


def test_a_star_buyer_meets_each_supplier_in_its_own_slot():
    requests = [Request(1, 10, 1), Request(1, 11, 2), Request(1, 12, 3)]
    out = schedule(requests, [5, 5])
    assert out.placed == {(1, 10): out.placed[(1, 10)], (1, 11): out.placed[(1, 11)]}
    assert sorted(out.placed.values()) == [0, 1]
    assert [(p.buyer, p.supplier) for p in out.unplaced] == [(1, 12)]
    assert (out.weight, out.weight_bound, out.requests_honoured) == (5, 5, 2)


def test_a_request_both_ways_is_one_meeting_counting_twice():
    out = schedule([Request(1, 10, 1), Request(1, 10, 3)], [1])
    assert out.placed == {(1, 10): 0}
    assert (out.requests, out.requests_honoured, out.weight) == (2, 2, 4)


def test_tables_limit_each_slot():
    requests = [Request(b, 10 + b, 2) for b in range(5)]
    out = schedule(requests, [2, 1])
    assert len(out.placed) == 3
    assert Counter(out.placed.values()) == {0: 2, 1: 1}


def test_no_slot_or_no_request_places_nothing():
    assert schedule([Request(1, 10)], []).placed == {}
    assert schedule([], [3]).placed == {}
    with pytest.raises(ValueError):
        schedule([Request(1, 10, 7)], [1])


def test_a_four_cycle_with_unequal_tables_is_repaired_below_the_bound():
    # Two buyers, two suppliers, all four pairs: the two perfect matchings hold 2 each, so the
    # tables (1, 3) can take 3 meetings though the relaxation counts 4.
    requests = [Request(b, s, 2) for b in (1, 2) for s in (10, 11)]
    out = schedule(requests, [1, 3])
    assert_no_conflict(out, [1, 3])
    assert out.weight_bound == 8
    assert out.weight == brute_force(requests, [1, 3]) == 6
    assert not out.is_optimal


@pytest.mark.parametrize("seed", range(25))
def test_optimal_against_brute_force_with_equal_tables(seed):

    rng = random.Random(seed)
    requests = [Request(rng.randrange(3), 10 + rng.randrange(3), rng.choice([1, 2, 3])) for _ in range(7)]
    tables = [rng.randint(1, 2)] * rng.randint(1, 3)
    out = schedule(requests, tables)
    assert_no_conflict(out, tables)
    assert out.weight == out.weight_bound == brute_force(requests, tables)


@pytest.mark.parametrize("seed", range(15))
def test_unequal_tables_never_beat_the_brute_force(seed):

    rng = random.Random(100 + seed)
    requests = [Request(rng.randrange(3), 10 + rng.randrange(3), rng.choice([1, 2, 3])) for _ in range(6)]
    tables = [rng.randint(0, 3) for _ in range(rng.randint(1, 3))]
    out = schedule(requests, tables)
    assert_no_conflict(out, tables)
    best = brute_force(requests, tables)
    assert out.weight <= best <= out.weight_bound


@settings(max_examples=150, deadline=None)
@given(requests_st, st.lists(st.integers(0, 4), min_size=0, max_size=6))
def test_never_a_conflict_and_never_above_the_bound(requests, tables):
    out = schedule(requests, tables)
    assert_no_conflict(out, tables)
    assert out.weight <= out.weight_bound
    assert out.requests_honoured <= requests_bound(requests, tables)
    placed = set(out.placed)
    assert placed | {(p.buyer, p.supplier) for p in out.unplaced} == {(r.buyer, r.supplier) for r in requests}
    assert not placed & {(p.buyer, p.supplier) for p in out.unplaced}


@settings(max_examples=150, deadline=None)
@given(requests_st, st.integers(1, 5), st.integers(1, 6))
def test_equal_tables_reach_the_bound(requests, tables, slots):
    out = schedule(requests, [tables] * slots)
    assert_no_conflict(out, [tables] * slots)
    assert out.is_optimal


@settings(max_examples=60, deadline=None)
@given(requests_st, st.integers(1, 4))
def test_the_order_of_requests_does_not_change_the_weight(requests, slots):
    forward = schedule(requests, [3] * slots)
    backward = schedule(list(reversed(requests)), [3] * slots)
    assert forward.weight == backward.weight
