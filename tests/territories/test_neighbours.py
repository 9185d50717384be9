"""The département adjacency file: checked for symmetry and completeness, derived régions."""

import json

from essaim.territories.neighbours import (
    DATA_FILE,
    basin_of,
    departement_neighbours,
    neighbourhood,
    region_neighbours,
)
from essaim.territories.services import read_data_file

DOCUMENT = read_data_file()
REGION_OF = {code: region for code, _name, region, _chef in DOCUMENT["departements"]}
METROPOLITAN = {code for code in REGION_OF if len(code) == 2}


def test_every_metropolitan_departement_is_listed_with_at_least_one_neighbour():
    data = neighbourhood().departements
    assert set(data) == METROPOLITAN
    assert len(METROPOLITAN) == 96
    assert all(data[code] for code in METROPOLITAN)


def test_adjacency_is_symmetric_and_never_reflexive():
    data = neighbourhood().departements
    for code, others in data.items():
        assert code not in others
        for other in others:
            assert code in data[other], (code, other)


def test_neighbours_are_known_departements():
    for others in neighbourhood().departements.values():
        assert set(others) <= METROPOLITAN


def test_some_borders_checked_by_hand():
    assert departement_neighbours("34") == ["11", "12", "30", "81"]
    assert departement_neighbours("75") == ["92", "93", "94"]
    assert departement_neighbours("23") == ["03", "18", "19", "36", "63", "87"]
    assert departement_neighbours("2A") == ["2B"]  # Corsica borders only itself
    assert departement_neighbours("29") == ["22", "56"]
    assert "76" not in departement_neighbours("14")  # across the Seine estuary


def test_overseas_get_their_basin_or_nothing():
    assert departement_neighbours("971") == ["972", "977", "978"]
    assert departement_neighbours("973") == []
    assert departement_neighbours("974") == ["976", "984"]
    assert basin_of("971") == "Antilles"
    assert basin_of("34") is None
    every_overseas = {code for code in REGION_OF if len(code) == 3}
    assert every_overseas <= set(neighbourhood().basins)


def test_regions_sharing_a_border():
    assert region_neighbours("76", REGION_OF) == ["75", "84", "93"]
    assert region_neighbours("11", REGION_OF) == ["24", "27", "28", "32", "44"]
    assert region_neighbours("94", REGION_OF) == []  # Corse
    assert region_neighbours("01", REGION_OF) == ["02", "977", "978"]
    assert region_neighbours("987", REGION_OF) == ["986", "988", "989"]
    assert region_neighbours("03", REGION_OF) == []
    for region in set(REGION_OF.values()):
        assert len(region_neighbours(region, REGION_OF)) < 8  # never every région


def test_the_shipped_file_is_what_the_script_builds():
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "scripts" / "build_neighbours.py"
    spec = importlib.util.spec_from_file_location("build_neighbours", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render(module.build()) == DATA_FILE.read_text(encoding="utf-8")
    assert json.loads(DATA_FILE.read_text(encoding="utf-8"))["source"].startswith("Outlines of")
