"""Orientation with the national offer loaded: every commune of France, and the p95 of a request.

Figures printed:
- load of the national offer (load_national_offer) and build of the orientation index with it;
- the walk: every commune of the territory file (34,969) oriented in-process at one stage (each
  stage in turn), as the API answers (JSON-ready dict); wall time, and how many communes get
  fewer than three doors with a contact (the collectivities the open data does not cover);
- orientation p95 with the study's programmes and the national offer (goal ≤ 2 ms in-process),
  wall and CPU time, on 2,000 random communes, stages, needs and publics.

Usage: python bench/bench_national_offer.py
"""

import os
import random
import statistics
import sys
import time
from collections import Counter

from _common import measure, setup, summary


def measure_cpu(fn, inputs, *, warmup: int = 20) -> list[float]:
    for x in inputs[:warmup]:
        fn(x)
    timings = []
    for x in inputs:
        start = time.thread_time()
        fn(x)
        timings.append((time.thread_time() - start) * 1000)
    return timings


def main() -> None:
    setup("national_offer")
    from django.core.management import call_command

    from essaim.directory.enums import LifeStage, Need, Public
    from essaim.orientation import index
    from essaim.orientation.index import Preferences
    from essaim.orientation.places import context_for, territory_map
    from essaim.orientation.selectors import orient

    call_command("createcachetable", verbosity=0)
    call_command("load_study", verbosity=0)
    start = time.perf_counter()
    call_command("load_national_offer", verbosity=0)
    print(f"Offre nationale chargée en {time.perf_counter() - start:.1f} s", flush=True)
    index.invalidate()
    start = time.perf_counter()
    built = index.get_index()
    print(
        f"Index d'orientation construit en {(time.perf_counter() - start) * 1000:.0f} ms "
        f"({len(built.facts)} dispositifs ESS, {len(built.offer.doors)} acteurs de droit commun et lieux)",
        flush=True,
    )

    communes = sorted(territory_map().communes.values(), key=lambda c: c.code)
    stages = LifeStage.values
    short = Counter()
    start = time.perf_counter()
    cpu = time.thread_time()
    for i, commune in enumerate(communes):
        result = orient(context_for(commune), stage=stages[i % 4])
        result.as_dict()
        if sum(1 for m in result.nearby if m.door.has_contact) < 3:
            short[commune.departement.name] += 1
    wall = time.perf_counter() - start
    print(
        f"Parcours de toutes les communes : {len(communes)} communes en {wall:.1f} s "
        f"(CPU {time.thread_time() - cpu:.1f} s, {wall / len(communes) * 1000:.2f} ms par commune)"
    )
    print(
        f"  communes avec moins de trois acteurs joignables : {sum(short.values())}"
        + (f" ({', '.join(f'{name} {n}' for name, n in sorted(short.items()))})" if short else "")
    )

    rng = random.Random(11)
    queries = []
    for _i in range(2000):
        commune = rng.choice(communes)
        needs = rng.sample(Need.values, k=rng.choice([0, 0, 1, 2]))
        public = rng.choice([None, None, Public.YOUNG_PEOPLE, Public.JOB_SEEKERS])
        queries.append((commune, rng.choice(stages), needs, public))

    def orientation(query):
        commune, stage, needs, public = query
        return orient(
            context_for(commune), stage=stage, needs=needs, preferences=Preferences(public=public)
        ).as_dict()

    wall_ms = measure(orientation, queries)
    cpu_ms = measure_cpu(orientation, queries)
    summary("Orientation avec l'offre nationale (mur)", wall_ms, goal_ms=2.0)
    summary("Orientation avec l'offre nationale (CPU)", cpu_ms, goal_ms=2.0)
    print(
        f"  charge moyenne pendant la mesure : {os.getloadavg()[0]:.1f} ; médiane CPU {statistics.median(cpu_ms):.2f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())
