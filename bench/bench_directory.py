"""Directory search and name autocomplete latency, in-process, SQLite, 5,000 synthetic programmes.

Inputs vary: 2,000 random territories (communes of every département, départements, régions)
combined with random stages/needs, and 2,000 name prefixes of real communes.

`--rebuild [N]` (default 100,000 programmes): the time to build the directory index and the
orientation index (wall and CPU), then the swap on complete: while one thread rebuilds after
another process's edit, how long the other threads' `get_index()` calls take (they answer from
the previous index) and how many searches they served meanwhile.
"""

import random
import sys
import threading
import time

from _common import measure, setup, summary


def main() -> None:
    setup("directory")
    from django.core.management import call_command

    from essaim.directory.enums import LifeStage, Need
    from essaim.directory.selectors import ProgrammeFilters, search_programmes, zone_places
    from essaim.territories.models import Commune, Departement, Region
    from essaim.territories.selectors import search

    call_command("generate_synthetic", programmes=5000, seed=42, verbosity=0)
    rng = random.Random(7)
    communes = list(Commune.objects.values_list("code", "name"))
    rng.shuffle(communes)
    departements = list(Departement.objects.values_list("code", flat=True))
    regions = list(Region.objects.values_list("code", flat=True))

    filters = []
    for i in range(2000):
        roll = rng.random()
        if roll < 0.7:
            territory = ("commune", communes[i][0])
        elif roll < 0.9:
            territory = ("departement", rng.choice(departements))
        else:
            territory = ("region", rng.choice(regions))
        filters.append(
            ProgrammeFilters(
                territory=territory,
                stage=rng.choice([None, *LifeStage.values]),
                need=rng.choice([None, None, *Need.values]),
            )
        )

    def directory_page(f):
        qs = search_programmes(f)
        total = qs.count()
        page = list(qs[:25])
        zone_places(page)
        return total

    summary("recherche annuaire (compte + page de 25 + zones)", measure(directory_page, filters), goal_ms=20)

    prefixes = []
    for _code, name in communes[:2000]:
        words = name.split("-")[0]
        prefixes.append(words[: rng.randint(3, max(3, min(8, len(words))))])
    summary("autocomplétion des noms", measure(lambda q: search(q, limit=10), prefixes), goal_ms=5)


def rebuild(count: int) -> None:
    setup("directory-rebuild")
    from django.core.cache import cache
    from django.core.management import call_command

    from essaim.directory import index as directory_index
    from essaim.directory.selectors import ProgrammeFilters
    from essaim.orientation import index as orientation_index
    from essaim.territories.models import Commune

    start = time.perf_counter()
    call_command("generate_synthetic", programmes=count, seed=42, verbosity=0)
    print(f"{count} dispositifs synthétiques générés en {time.perf_counter() - start:.0f} s", flush=True)
    communes = list(Commune.objects.values_list("code", flat=True)[:2000])
    directory_index.get_index(), orientation_index.get_index()  # the territory map, the place index
    for label, module in [("annuaire", directory_index), ("orientation", orientation_index)]:
        for _round in range(3):
            module.invalidate()
            wall, cpu = time.perf_counter(), time.process_time()
            module.get_index()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(f"index {label}, {count} dispositifs : {wall:.2f} s ({cpu:.2f} s CPU)", flush=True)

    # Another process's edit: the version moves; one thread rebuilds, the others keep answering.
    previous = directory_index.get_index()
    cache.set(directory_index.VERSION_KEY, "edit-elsewhere", None)
    from django.conf import settings

    settings.ORIENTATION_INDEX_VERSION_SECONDS = 0
    builder = threading.Thread(target=directory_index.get_index)
    builder.start()
    time.sleep(0.01)
    waits, served = [], 0
    while builder.is_alive():
        started = time.perf_counter()
        got = directory_index.get_index()
        waits.append(time.perf_counter() - started)
        if got is previous:
            directory_index.search(ProgrammeFilters(territory=("commune", communes[served % len(communes)])))
            served += 1
    builder.join()
    assert directory_index.get_index() is not previous
    waits.sort()
    slow = sum(1 for w in waits if w > 0.05)
    print(
        f"pendant la reconstruction : {served} recherches servies par l'index précédent ; get_index() "
        f"médiane {waits[len(waits) // 2] * 1000:.2f} ms, p99 {waits[int(len(waits) * 0.99)] * 1000:.1f} ms, "
        f"max {waits[-1] * 1000:.1f} ms, {slow} appel(s) au-delà de 50 ms",
        flush=True,
    )


if __name__ == "__main__":
    if "--rebuild" in sys.argv:
        rest = [a for a in sys.argv[sys.argv.index("--rebuild") + 1 :] if a.isdigit()]
        rebuild(int(rest[0]) if rest else 100_000)
    else:
        main()
