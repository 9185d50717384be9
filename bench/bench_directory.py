"""Directory search and name autocomplete latency, in-process, SQLite, 5,000 synthetic programmes.

Inputs vary: 2,000 random territories (communes of every département, départements, régions)
combined with random stages/needs, and 2,000 name prefixes of real communes.
"""

import random

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


if __name__ == "__main__":
    main()
