"""The place resolver on the whole of France: index build, memory, latency, exhaustive checks.

Figures printed (CPU time of this thread, so that other processes on the machine do not inflate
them; the load average is printed too):
- building the index from the database (34,969 communes, their postal codes and former
  communes), and the trigram index built on the first typo; resident memory they add;
- p50 / p95 of `resolve` for names, postal codes, homonyms, typos, zones;
- every commune resolved from "Name (Département)" and from each of its postal codes, and the
  typos of the issue ("montpelier", "st etienne", "marseile") in the first three.

Usage: python bench/bench_resolver.py [--quick]   (--quick: 2,000 communes instead of all)
"""

import gc
import os
import random
import resource
import sys
import time
import tracemalloc

from _common import setup, summary


def cpu_ms(fn) -> float:
    start = time.thread_time()
    fn()
    return (time.thread_time() - start) * 1000


def rss_mb() -> float:
    gc.collect()
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(quick: bool) -> None:
    setup("resolver")
    from essaim.territories.models import Commune, Departement, PostalCode
    from essaim.territories.placeindex import forget_index, place_index
    from essaim.territories.resolver import COMMUNE_ONLY, ZONES, resolve

    print(f"charge de la machine : {os.getloadavg()[0]:.1f}")
    before = rss_mb()
    forget_index()
    build = cpu_ms(place_index)
    index = place_index()
    after_build = rss_mb()
    grams = cpu_ms(index.trigram_index)
    after_grams = rss_mb()
    forget_index()
    tracemalloc.start()
    place_index().trigram_index()
    retained = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    print(
        f"index des lieux : {len(index.entries)} noms, construit en {build:.0f} ms CPU "
        f"(RSS +{after_build - before:.0f} Mo) ; trigrammes au premier nom mal orthographié : "
        f"{grams:.0f} ms CPU (RSS +{after_grams - after_build:.0f} Mo) ; mémoire retenue par l'index "
        f"complet : {retained:.0f} Mo"
    )

    rng = random.Random(9)
    names = dict(Departement.objects.values_list("code", "name"))
    communes = list(Commune.objects.values_list("code", "name", "departement_id"))
    postal = list(PostalCode.objects.values_list("code", "commune_id"))
    samples = {
        "nom exact (« Nom (Département) »)": [f"{n} ({names[d]})" for _c, n, d in rng.sample(communes, 2000)],
        "code postal": [cp for cp, _c in rng.sample(postal, 2000)],
        "homonymes (« Saint-Martin », « Sainte-Colombe »)": ["Saint-Martin", "Sainte-Colombe", "romans"]
        * 100,
        "faute de frappe": ["montpelier", "marseile", "st etiene", "aubuson", "tulouse"] * 60,
        "zone (« Lozère », « Occitanie »)": ["Lozère", "Occitanie", "34", "Haute-Garonne"] * 100,
    }
    for label, texts in samples.items():
        levels = ZONES if label.startswith("zone") else COMMUNE_ONLY
        timings = [cpu_ms(lambda t=t, lv=levels: resolve(t, levels=lv)) for t in texts]
        summary(f"resolve, {label}", timings)

    chosen = communes if not quick else rng.sample(communes, 2000)
    postal_of: dict[str, list[str]] = {}
    for cp, code in postal:
        postal_of.setdefault(code, []).append(cp)
    start = time.thread_time()
    failures = []
    checks = 0
    for code, name, dep in chosen:
        result = resolve(f"{name} ({names[dep]})")
        checks += 1
        if result.place is None or result.place.code != code:
            failures.append(f"{name} ({names[dep]})")
        for cp in postal_of.get(code, ()):
            checks += 1
            found = resolve(cp)
            if not (found.place and found.place.code == code) and code not in {c.code for c in found.choices}:
                failures.append(cp)
    seconds = time.thread_time() - start
    print(
        f"chaque commune par « Nom (Département) » et par chacun de ses codes postaux : "
        f"{len(chosen)} communes, {checks} résolutions en {seconds:.1f} s CPU, {len(failures)} échec(s)"
        + (f" : {failures[:5]}" if failures else "")
    )
    for text, expected in (("montpelier", "34172"), ("st etienne", "42218"), ("marseile", "13055")):
        top = [c.code for c in resolve(text).ranked[:3]]
        print(f"« {text} » → {top} : {'OK' if expected in top else 'NON'}")


if __name__ == "__main__":
    main("--quick" in sys.argv)
