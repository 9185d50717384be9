"""The schedule of a trade fair's meetings: a pure function over plain data (docs/fairs.md).

Input: the meeting requests, each already oriented from a buyer to a supplier with its priority,
and the number of tables of each slot. Output: for each (buyer, supplier) pair chosen, the slot
of its meeting, so that nobody is in two meetings in one slot and no slot holds more meetings
than it has tables.

Two steps:

1. **Which pairs meet** — a maximum-weight subgraph where each participant has at most one meeting
   per slot (degree ≤ number of slots) and there are no more meetings than tables in all
   (min-cost flow, successive shortest paths with Dijkstra and potentials, each phase pushing a
   blocking flow along the zero-reduced-cost arcs). The weight of a pair is the sum of the
   weights of its requests (a request both ways counts twice). This is the optimum of the
   relaxation that forgets the slots: an upper bound of every schedule.
2. **When** — a bipartite edge colouring with as many colours as slots (König: always possible),
   then colour classes balanced by swapping alternating paths (de Werra) until each slot holds
   no more meetings than its tables. With the same number of tables in every slot this always
   succeeds, so the schedule reaches the upper bound: it is optimal. With unequal tables a class
   may not fit; its lightest meetings are set aside, then a repair pass places any pair left
   out in a slot where both are free and a table remains. The result says how far it is from
   the bound.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Priority 1 (essential) … 3 (if possible); a request's weight in the objective.
WEIGHTS = {1: 3, 2: 2, 3: 1}
INFINITY = float("inf")


@dataclass(frozen=True)
class Request:
    buyer: int
    supplier: int
    priority: int = 2


@dataclass(frozen=True)
class Pair:
    buyer: int
    supplier: int
    weight: int
    requests: int


@dataclass
class Schedule:
    # (buyer, supplier) -> slot index
    placed: dict[tuple[int, int], int] = field(default_factory=dict)
    unplaced: list[Pair] = field(default_factory=list)
    requests: int = 0
    requests_honoured: int = 0
    weight: int = 0
    weight_bound: int = 0

    @property
    def is_optimal(self) -> bool:
        return self.weight == self.weight_bound


def pairs_of(requests: Iterable[Request]) -> list[Pair]:
    """The requests grouped by (buyer, supplier), in a stable order (first request first)."""
    weights: dict[tuple[int, int], list[int]] = {}
    for r in requests:
        if r.priority not in WEIGHTS:
            raise ValueError(f"unknown priority {r.priority!r}")
        weights.setdefault((r.buyer, r.supplier), []).append(WEIGHTS[r.priority])
    return [Pair(b, s, sum(w), len(w)) for (b, s), w in weights.items()]


class _Flow:
    """Min-cost flow on s → buyers → suppliers → t, arcs in flat lists (fast in CPython)."""

    def __init__(self, n: int):
        self.n = n
        self.head: list[list[int]] = [[] for _ in range(n)]
        self.to: list[int] = []
        self.cap: list[int] = []
        self.cost: list[int] = []

    def add(self, u: int, v: int, cap: int, cost: int) -> int:
        arc = len(self.to)
        self.to += [v, u]
        self.cap += [cap, 0]
        self.cost += [cost, -cost]
        self.head[u].append(arc)
        self.head[v].append(arc + 1)
        return arc

    def run(self, s: int, t: int, limit: int, potential: list[float]) -> int:
        """Push up to `limit` units while the cheapest path has a negative cost; the flow pushed."""
        pushed = 0
        while pushed < limit:
            dist = self._dijkstra(s, potential)
            if dist[t] == INFINITY:
                break
            for v in range(self.n):
                if dist[v] < INFINITY:
                    potential[v] += dist[v]
            if potential[t] - potential[s] >= 0:  # no cheaper schedule left
                break
            pushed += self._blocking_flow(s, t, limit - pushed, potential)
        return pushed

    def _dijkstra(self, s: int, pi: list[float]) -> list[float]:
        dist = [INFINITY] * self.n
        dist[s] = 0
        heap = [(0, s)]
        to, cap, cost, head = self.to, self.cap, self.cost, self.head
        while heap:
            d, u = heapq.heappop(heap)
            if d > dist[u]:
                continue
            pu = pi[u]
            for arc in head[u]:
                if cap[arc] > 0:
                    v = to[arc]
                    nd = d + cost[arc] + pu - pi[v]
                    if nd < dist[v]:
                        dist[v] = nd
                        heapq.heappush(heap, (nd, v))
        return dist

    def _blocking_flow(self, s: int, t: int, limit: int, pi: list[float]) -> int:
        """Dinic on the arcs of zero reduced cost: every unit pushed has the phase's cost."""
        to, cap, cost, head = self.to, self.cap, self.cost, self.head
        total = 0
        while total < limit:
            level = [-1] * self.n
            level[s] = 0
            queue = [s]
            for u in queue:
                for arc in head[u]:
                    v = to[arc]
                    if cap[arc] > 0 and level[v] < 0 and cost[arc] + pi[u] - pi[v] == 0:
                        level[v] = level[u] + 1
                        queue.append(v)
            if level[t] < 0:
                break
            cursor = [0] * self.n
            while total < limit:
                got = self._push(s, t, limit - total, level, cursor, pi)
                if not got:
                    break
                total += got
        return total

    def _push(self, s, t, amount, level, cursor, pi) -> int:
        # Iterative DFS along the level graph (recursion would hit Python's limit on long paths).
        to, cap, cost, head = self.to, self.cap, self.cost, self.head
        path: list[int] = []
        u = s
        while True:
            if u == t:
                flow = min([amount] + [cap[a] for a in path])
                for a in path:
                    cap[a] -= flow
                    cap[a ^ 1] += flow
                return flow
            arcs = head[u]
            advanced = False
            while cursor[u] < len(arcs):
                arc = arcs[cursor[u]]
                v = to[arc]
                if cap[arc] > 0 and level[v] == level[u] + 1 and cost[arc] + pi[u] - pi[v] == 0:
                    path.append(arc)
                    u = v
                    advanced = True
                    break
                cursor[u] += 1
            if advanced:
                continue
            if not path:
                return 0
            level[u] = -1  # dead end: never come back this phase
            arc = path.pop()
            u = to[arc ^ 1]
            cursor[u] += 1


def select_pairs(pairs: Sequence[Pair], slots: int, total_tables: int, weigh=None) -> tuple[list[Pair], int]:
    """The pairs of a maximum-weight subgraph with degree ≤ `slots` and at most `total_tables`
    edges, and its weight (the relaxation's optimum). `weigh(pair)` replaces the pair's weight
    (the bound on the number of requests uses `lambda p: p.requests`)."""
    weigh = weigh or (lambda p: p.weight)
    buyers = {b: i for i, b in enumerate(dict.fromkeys(p.buyer for p in pairs))}
    suppliers = {x: i for i, x in enumerate(dict.fromkeys(p.supplier for p in pairs))}
    nb, ns = len(buyers), len(suppliers)
    s, t = nb + ns, nb + ns + 1
    flow = _Flow(nb + ns + 2)
    for i in range(nb):
        flow.add(s, i, slots, 0)
    for j in range(ns):
        flow.add(nb + j, t, slots, 0)
    arcs = [flow.add(buyers[p.buyer], nb + suppliers[p.supplier], 1, -weigh(p)) for p in pairs]
    # Potentials making every reduced cost ≥ 0 on this acyclic network (shortest distances from s).
    potential = [0.0] * flow.n
    for p in pairs:
        j = nb + suppliers[p.supplier]
        potential[j] = min(potential[j], -weigh(p))
    potential[t] = min([0.0] + potential[nb : nb + ns])
    flow.run(s, t, min(total_tables, slots * min(nb, ns) if pairs else 0), potential)
    chosen = [p for p, arc in zip(pairs, arcs, strict=True) if flow.cap[arc] == 0]
    return chosen, sum(weigh(p) for p in chosen)


def colour(pairs: Sequence[Pair], slots: int) -> list[int]:
    """A slot for each pair, nobody twice in one slot (each participant has ≤ `slots` pairs):
    alternating-path edge colouring of a bipartite graph."""
    at: dict[tuple[str, int], dict[int, int]] = defaultdict(dict)  # node -> {slot: pair index}
    result = [-1] * len(pairs)
    sizes = [0] * slots  # the least used free slot first: classes come out nearly balanced
    for index, p in enumerate(pairs):
        u, v = ("b", p.buyer), ("s", p.supplier)
        a = min((c for c in range(slots) if c not in at[u]), key=sizes.__getitem__)
        b = min((c for c in range(slots) if c not in at[v]), key=sizes.__getitem__)
        if a not in at[v]:
            b = a
        elif b not in at[u]:
            a = b
        else:
            _flip(at, result, pairs, v, a, b, sizes)  # a is now free at v
        result[index] = a
        sizes[a] += 1
        at[u][a] = index
        at[v][a] = index
    return result


def _flip(at, result, pairs, start, a, b, sizes) -> None:
    """Swap colours a and b along the a/b alternating path starting at `start` with an a-edge."""
    path, node, c = [], start, a
    while c in at[node]:
        index = at[node][c]
        path.append(index)
        p = pairs[index]
        node = ("s", p.supplier) if node == ("b", p.buyer) else ("b", p.buyer)
        c = b if c == a else a
    for index in path:
        p = pairs[index]
        for n in (("b", p.buyer), ("s", p.supplier)):
            if at[n].get(result[index]) == index:
                del at[n][result[index]]
    for index in path:
        sizes[result[index]] -= 1
        result[index] = b if result[index] == a else a
        sizes[result[index]] += 1
        p = pairs[index]
        at[("b", p.buyer)][result[index]] = index
        at[("s", p.supplier)][result[index]] = index


def _move_one(pairs, result, big: int, small: int) -> bool:
    """Swap an a/b path holding one more `big` edge than `small` ones (a component whose two
    ends are `big` edges): `big` loses one meeting, `small` gains one. False if none exists."""
    adjacency: dict[tuple[str, int], list[int]] = defaultdict(list)
    for index, c in enumerate(result):
        if c in (big, small):
            p = pairs[index]
            adjacency[("b", p.buyer)].append(index)
            adjacency[("s", p.supplier)].append(index)
    seen: set[int] = set()
    for start, edges in adjacency.items():
        if len(edges) != 1 or edges[0] in seen or result[edges[0]] != big:
            continue
        path, node = [], start
        while True:
            nxt = [i for i in adjacency[node] if not path or i != path[-1]]
            if not nxt:
                break
            index = nxt[0]
            path.append(index)
            p = pairs[index]
            node = ("s", p.supplier) if node == ("b", p.buyer) else ("b", p.buyer)
        seen.update(path)
        if result[path[-1]] == big:
            for index in path:
                result[index] = small if result[index] == big else big
            return True
    return False


def fit_tables(pairs: Sequence[Pair], result: list[int], tables: Sequence[int]) -> list[int]:
    """Balance the slots so each holds at most its tables; the indices of pairs that could not
    be kept (their slot set to -1), lightest first."""
    slots = len(tables)
    sizes = [0] * slots
    for c in result:
        sizes[c] += 1
    # Largest classes to the slots with most tables (a relabelling keeps the colouring valid).
    order = sorted(range(slots), key=lambda c: -sizes[c])
    by_tables = sorted(range(slots), key=lambda c: -tables[c])
    relabel = dict(zip(order, by_tables, strict=True))
    for index, c in enumerate(result):
        result[index] = relabel[c]
    sizes = [0] * slots
    for c in result:
        sizes[c] += 1
    dropped: list[int] = []
    for big in range(slots):
        while sizes[big] > tables[big]:
            smalls = sorted(
                (c for c in range(slots) if sizes[c] < tables[c] and sizes[c] < sizes[big]),
                key=lambda c: sizes[c],
            )
            if smalls and _move_one(pairs, result, big, smalls[0]):
                sizes[big] -= 1
                sizes[smalls[0]] += 1
                continue
            # No room by swapping: set the lightest meeting of this slot aside.
            index = min((i for i, c in enumerate(result) if c == big), key=lambda i: (pairs[i].weight, i))
            result[index] = -1
            sizes[big] -= 1
            dropped.append(index)
    return dropped


def schedule(requests: Iterable[Request], tables: Sequence[int]) -> Schedule:
    """Place the requested meetings in the slots (`tables[i]`: the tables of slot i)."""
    requests = list(requests)
    if any(t < 0 for t in tables):
        raise ValueError("a slot cannot have fewer than 0 tables")
    pairs = pairs_of(requests)
    slots = len(tables)
    out = Schedule(requests=len(requests))
    if not slots or not pairs:
        out.unplaced = list(pairs)
        return out
    chosen, out.weight_bound = select_pairs(pairs, slots, sum(tables))
    slot_of = colour(chosen, slots)
    fit_tables(chosen, slot_of, tables)
    placed = {(p.buyer, p.supplier): c for p, c in zip(chosen, slot_of, strict=True) if c >= 0}
    _repair(pairs, placed, tables)
    out.placed = placed
    by_key = {(p.buyer, p.supplier): p for p in pairs}
    out.unplaced = [p for p in pairs if (p.buyer, p.supplier) not in placed]
    out.weight = sum(by_key[k].weight for k in placed)
    out.requests_honoured = sum(by_key[k].requests for k in placed)
    return out


def _repair(pairs: Sequence[Pair], placed: dict, tables: Sequence[int]) -> None:
    """Place each pair left out, heaviest first, in the first slot where both sides are free and
    a table remains (a no-op when the selection fitted: every pair left out then has a side full
    or no table left anywhere)."""
    busy: dict[tuple[str, int], set[int]] = defaultdict(set)
    used = [0] * len(tables)
    for (b, s), c in placed.items():
        busy[("b", b)].add(c)
        busy[("s", s)].add(c)
        used[c] += 1
    for p in sorted(pairs, key=lambda p: -p.weight):
        if (p.buyer, p.supplier) in placed:
            continue
        taken = busy[("b", p.buyer)] | busy[("s", p.supplier)]
        slot = next((c for c in range(len(tables)) if c not in taken and used[c] < tables[c]), None)
        if slot is not None:
            placed[(p.buyer, p.supplier)] = slot
            busy[("b", p.buyer)].add(slot)
            busy[("s", p.supplier)].add(slot)
            used[slot] += 1


def requests_bound(requests: Iterable[Request], tables: Sequence[int]) -> int:
    """The most requests any schedule could honour (the relaxation, counting requests)."""
    pairs = pairs_of(requests)
    if not pairs or not tables:
        return 0
    return select_pairs(pairs, len(tables), sum(tables), weigh=lambda p: p.requests)[1]
