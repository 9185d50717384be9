"""Every commune of France through orientation, with the real national offer: no dead end.

The test database holds part of France (docs/decisions/0004-test-territories.md); this test loads
the whole territory file and the shipped national offer inside its own transaction (rolled back
at the end), so that it walks all 34,969 communes. About a minute on SQLite.
"""

from collections import defaultdict

import pytest

from essaim.directory.national_offer import national_offer_load
from essaim.orientation import index, places
from essaim.orientation.selectors import orient
from essaim.territories.services import load_territories

pytestmark = pytest.mark.django_db

# Overseas collectivities where none of the open data files lists an actor (or only one): the
# Pacific, the TAAF, Clipperton, Saint-Barthélemy, Saint-Martin, Saint-Pierre-et-Miquelon.
UNCOVERED = {"975", "977", "978", "984", "986", "987", "988", "989"}
STAGES = ["emergence", "creation", "consolidation", "developpement"]


@pytest.fixture
def all_of_france(study):
    load_territories()
    national_offer_load()
    places.forget_territories()
    index.invalidate()
    yield places.territory_map()
    places.forget_territories()
    index.invalidate()


def test_every_commune_gets_three_real_doors_with_contacts(all_of_france):
    communes = sorted(all_of_france.communes.values(), key=lambda c: c.code)
    short = defaultdict(list)
    dead_ends = []
    for i, commune in enumerate(communes):
        stage = STAGES[i % 4]
        result = orient(places.context_for(commune), stage=stage)
        reachable = [m for m in result.nearby if m.door.has_contact and m.why and m.where]
        if len(reachable) < 3:
            short[commune.departement.code].append(commune.code)
        if not result.results and not any(g.alternatives for g in result.gaps if g.stage == stage):
            dead_ends.append(commune.code)
    assert len(communes) == 34969
    assert dead_ends == []
    assert set(short) == UNCOVERED
    assert sum(len(codes) for codes in short.values()) == 94

    # A Creuse village (one setup for both checks: loading all of France is the slow part).
    result = orient(places.context_for_code("23165"), stage="emergence")
    assert [(m.door.kind, m.where) for m in result.nearby[:4]] == [
        ("france_services", "dans votre commune"),
        ("cci", "à Guéret"),
        ("cma", "à Guéret"),
        ("france_travail", "à Aubusson, à 23 km"),
    ]
    assert result.nearby[0].door.phone == "05 55 54 04 70"
    assert result.nearby[1].data_date == "données de 2019"
    assert all(g.alternatives for g in result.gaps)
