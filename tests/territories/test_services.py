import gzip
import json

import pytest

from essaim.territories.models import Commune, PostalCode, Region, SearchWord
from essaim.territories.services import DATA_FILE, TerritoryDataError, load_territories, read_data_file
from tests.conftest import TEST_TERRITORIES

pytestmark = pytest.mark.django_db


def test_second_load_changes_nothing():
    report = load_territories(**TEST_TERRITORIES)
    assert report.changed is False
    assert all(change.total == 0 for change in report.tables.values())


def test_load_reports_created_rows_after_a_commune_is_removed():
    Commune.objects.filter(pk="34172").delete()
    report = load_territories(**TEST_TERRITORIES)
    assert report.tables["communes"].created == 1
    assert Commune.objects.get(pk="34172").name == "Montpellier"
    assert set(PostalCode.objects.filter(commune_id="34172").values_list("code", flat=True)) == {
        "34000",
        "34070",
        "34080",
        "34090",
    }


def test_truncated_file_is_refused_and_database_unchanged(tmp_path):
    raw = DATA_FILE.read_bytes()
    broken = tmp_path / "truncated.json.gz"
    broken.write_bytes(raw[: len(raw) // 2])
    before = (Region.objects.count(), Commune.objects.count(), SearchWord.objects.count())
    with pytest.raises(TerritoryDataError, match="tronqué ou corrompu"):
        load_territories(path=broken)
    assert (Region.objects.count(), Commune.objects.count(), SearchWord.objects.count()) == before


def test_edited_file_is_refused(tmp_path):
    document = read_data_file()
    document["communes"][0][1] = "Ville inventée"
    edited = tmp_path / "edited.json.gz"
    edited.write_bytes(gzip.compress(json.dumps(document).encode()))
    with pytest.raises(TerritoryDataError, match="SHA-256"):
        load_territories(path=edited)
    assert not Commune.objects.filter(name="Ville inventée").exists()


def test_missing_rows_are_refused(tmp_path):
    document = read_data_file()
    document["communes"] = document["communes"][:-1]
    short = tmp_path / "short.json.gz"
    short.write_bytes(gzip.compress(json.dumps(document).encode()))
    with pytest.raises(TerritoryDataError, match="incomplète"):
        load_territories(path=short)


def test_data_file_covers_all_of_france():
    document = read_data_file()
    assert document["counts"]["regions"] == 26
    assert document["counts"]["departements"] == 109
    assert document["counts"]["communes"] > 34000
