"""Every commune of France through orientation, with the real national offer: no dead end.

The test database holds part of France (docs/decisions/0004-test-territories.md); this test loads
the whole territory file and the shipped national offer inside its own transaction (rolled back
at the end), so that it walks all 34,969 communes (the 94 of the overseas collectivities at every
stage). About two minutes on SQLite.
"""

from collections import defaultdict

import pytest

from essaim.directory.national_offer import national_offer_load
from essaim.orientation import index, places
from essaim.orientation.selectors import orient
from essaim.territories.services import load_territories

pytestmark = pytest.mark.django_db

STAGES = ["emergence", "creation", "consolidation", "developpement"]
# The overseas collectivities (94 communes), which the national open data barely describe.
COLLECTIVITIES = {"975", "977", "978", "984", "986", "987", "988", "989"}
# Where fewer than three actors can be contacted, by stage: Saint-Barthélemy (the remote service
# only), the TAAF and Clipperton (no permanent population), Wallis-et-Futuna, French Polynesia and
# New Caledonia (the State's associations desk and the remote service: the collectivities' own
# services are not in the national data); after creation, Saint-Pierre-et-Miquelon and Saint-Martin
# too (the remote service and the associations desk serve the first stages only).
EARLY = {"977": 1, "984": 5, "986": 3, "987": 48, "988": 33, "989": 1}
LATE = {**EARLY, "975": 2, "978": 1}
SHORT_BY_STAGE = {"emergence": EARLY, "creation": EARLY, "consolidation": LATE, "developpement": LATE}


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
        # Every stage for the collectivities, one stage in turn elsewhere.
        overseas = commune.departement.code in COLLECTIVITIES
        for stage in STAGES if overseas else [STAGES[i % 4]]:
            result = orient(places.context_for(commune), stage=stage)
            reachable = [m for m in result.nearby if m.door.has_contact and m.why and m.where]
            if len(reachable) < 3:
                short[(stage, commune.departement.code)].append(commune.code)
                # Never an empty list without a word: who to contact instead.
                assert result.few_doors_note.startswith(
                    "Les données ouvertes chargées dans Essaim ne recensent"
                )
                assert (
                    "la mairie de votre commune ou les services de la collectivité" in result.few_doors_note
                )
            else:
                assert result.few_doors_note == ""
            if not result.results and not any(g.alternatives for g in result.gaps if g.stage == stage):
                dead_ends.append(commune.code)
    assert len(communes) == 34969
    assert dead_ends == []
    for stage in STAGES:
        assert {dep: len(c) for (s, dep), c in short.items() if s == stage} == SHORT_BY_STAGE[stage]
    assert [sum(len(c) for (s, _d), c in short.items() if s == stage) for stage in STAGES] == [91, 91, 94, 94]

    # Saint-Pierre-et-Miquelon and Saint-Martin: the doors the open data give them.
    spm = orient(places.context_for_code("97502"), stage="emergence")
    assert [(m.door.kind, m.where) for m in spm.nearby] == [
        ("france_travail", "dans votre commune"),
        ("associations_help", "dans votre commune"),
        ("inclusion_service", "à distance, partout en France"),
    ]
    assert spm.nearby[1].door.phone == "+508 41 19 73"
    saint_martin = orient(places.context_for_code("97801"), stage="creation")
    assert [(m.door.kind, m.where) for m in saint_martin.nearby] == [
        ("france_services", "dans votre commune"),
        ("france_travail", "dans votre commune"),
        ("inclusion_service", "à distance, partout en France"),
    ]
    papeete = orient(places.context_for_code("98735"), stage="emergence")
    assert [m.door.kind for m in papeete.nearby] == ["associations_help", "inclusion_service"]
    assert papeete.few_doors_note.startswith(
        "Les données ouvertes chargées dans Essaim ne recensent que 2 acteurs à contacter en Polynésie française."
    )

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
