"""Orientation and coverage latency, in-process, SQLite, synthetic programmes over every département.

Figures printed:
- orientation (commune code → place, ranking, parcours, gaps, reasons, JSON-ready dict) at 10,000
  programmes, p95 goal ≤ 5 ms;
- coverage matrix of a région (index memo emptied before each call, i.e. computed), goal ≤ 20 ms;
- the same orientation at 1,000 / 10,000 / 100,000 programmes: p95 must stay flat (≤ 1.5×).

Usage: python bench/bench_orientation.py [--max 100000]
"""

import os
import random
import sys
import time

from _common import measure, setup, summary


def measure_cpu(fn, inputs, *, warmup: int = 20) -> list[float]:
    """CPU milliseconds of this thread per call: unlike wall time, not inflated when other
    processes share the cores (the load average is printed with the figures)."""
    for x in inputs[:warmup]:
        fn(x)
    timings = []
    for x in inputs:
        start = time.thread_time()
        fn(x)
        timings.append((time.thread_time() - start) * 1000)
    return timings


SCALES = [1_000, 10_000, 100_000]


def main(max_scale: int) -> None:
    setup("orientation")
    from django.core.management import call_command

    from essaim.directory.enums import LifeStage, Need
    from essaim.orientation import index
    from essaim.orientation.places import PlaceError, resolve_place
    from essaim.orientation.selectors import coverage, departement_summaries, orient
    from essaim.territories.models import Commune, Region

    rng = random.Random(7)
    communes = list(Commune.objects.values_list("code", flat=True))
    queries = []
    while len(queries) < 2000:
        code = rng.choice(communes)
        try:  # some INSEE codes are also another commune's postal code: the API asks which one
            resolve_place(code)
        except PlaceError:
            continue
        needs = rng.sample(Need.values, k=rng.choice([0, 0, 1, 2]))
        queries.append((code, rng.choice(LifeStage.values), needs))
    regions = [r for r in Region.objects.values_list("code", flat=True) if len(r) == 2 and r >= "11"]

    def orientation(query):
        code, stage, needs = query
        return orient(resolve_place(code), stage=stage, needs=needs).as_dict()  # as the API answers

    def region_coverage(code):
        index.get_index().memo.clear()
        return coverage("region", code)

    p95s = {}
    for scale in [s for s in SCALES if s <= max_scale]:
        start = time.perf_counter()
        call_command("generate_synthetic", programmes=scale, seed=42, clear=True, verbosity=0)
        generated = time.perf_counter() - start
        index.invalidate()
        start = time.perf_counter()
        built = index.get_index()
        build_ms = (time.perf_counter() - start) * 1000
        print(
            f"\n{scale} dispositifs (génération {generated:.1f} s) — index construit en {build_ms:.0f} ms, "
            f"{len(built.buckets)} cases",
            flush=True,
        )
        goal = 5 if scale == 10_000 else None
        summary(f"orientation, {scale} dispositifs (temps réel)", measure(orientation, queries), goal_ms=goal)
        line = summary(
            f"orientation, {scale} dispositifs (temps CPU)", measure_cpu(orientation, queries), goal_ms=goal
        )
        p95s[scale] = float(line.split("p95=")[1].split(" ")[0])
        if scale == 10_000:
            summary(
                "couverture d'une région (calculée, temps réel)",
                measure(region_coverage, regions * 20, warmup=5),
                goal_ms=20,
            )
            summary(
                "couverture d'une région (calculée, temps CPU)",
                measure_cpu(region_coverage, regions * 20, warmup=5),
                goal_ms=20,
            )
            summary(
                "couverture d'une région (mémorisée)", measure(lambda c: coverage("region", c), regions * 20)
            )
            summary(
                "carte : résumé des départements (calculé)",
                measure(
                    lambda _x: (index.get_index().memo.clear(), departement_summaries()),
                    list(range(50)),
                    warmup=3,
                ),
            )
    print(
        f"\ncharge de la machine (load average 1 min) : {os.getloadavg()[0]:.1f} sur {os.cpu_count()} cœurs"
    )
    if len(p95s) > 1:
        low, high = min(p95s), max(p95s)
        ratio = p95s[high] / p95s[low]
        verdict = "OK" if ratio <= 1.5 else "NON ATTEINT"
        print(
            f"platitude (temps CPU) : p95 à {high} = {p95s[high]:.2f} ms, à {low} = {p95s[low]:.2f} ms, "
            f"rapport {ratio:.2f} (objectif ≤ 1,5 : {verdict})",
            flush=True,
        )


if __name__ == "__main__":
    maximum = int(sys.argv[sys.argv.index("--max") + 1]) if "--max" in sys.argv else SCALES[-1]
    main(maximum)
