"""essaim.registry.formats: files written in the layout of INSEE's SIRENE stock files."""

import csv
import io
import zipfile

import pytest

from essaim.registry.enums import StockKind
from essaim.registry.formats import (
    ETABLISSEMENT,
    FILE_NAMES,
    HEADERS,
    HISTORIQUE,
    UNITE_LEGALE,
    write_stock,
)


def test_the_published_layouts():
    assert set(HEADERS) == set(FILE_NAMES) == set(StockKind.values)
    assert (len(UNITE_LEGALE), len(ETABLISSEMENT), len(HISTORIQUE)) == (34, 53, 16)
    assert UNITE_LEGALE[:2] == ["siren", "statutDiffusionUniteLegale"]
    assert ETABLISSEMENT[:3] == ["siren", "nic", "siret"]
    assert HISTORIQUE[:3] == ["siret", "dateFin", "dateDebut"]
    for header in HEADERS.values():
        assert len(set(header)) == len(header)
    assert FILE_NAMES[StockKind.ETABLISSEMENT] == "StockEtablissement_utf8.csv"


def test_a_zipped_file_holds_one_csv_named_as_insee_names_it(tmp_path):
    path = write_stock(
        tmp_path / "units.zip",
        StockKind.UNITE_LEGALE,
        [{"siren": "123456789", "denominationUniteLegale": "Coopérative « L'Essaim », Lyon"}],
    )
    assert path == tmp_path / "units.zip"
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["StockUniteLegale_utf8.csv"]
        assert archive.infolist()[0].compress_type == zipfile.ZIP_DEFLATED
        text = archive.read("StockUniteLegale_utf8.csv").decode("utf-8")
    lines = text.split("\n")
    assert lines[0] == ",".join(UNITE_LEGALE)
    assert lines[2] == ""  # one row, each line ends with \n
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1
    assert rows[0]["siren"] == "123456789"
    assert rows[0]["denominationUniteLegale"] == "Coopérative « L'Essaim », Lyon"
    assert {k for k, v in rows[0].items() if v} == {"siren", "denominationUniteLegale"}


def test_a_plain_file_missing_columns_empty_unknown_ones_dropped(tmp_path):
    path = write_stock(
        tmp_path / "history.csv",
        StockKind.HISTORIQUE,
        [{"siret": "12345678900011", "dateDebut": "2020-01-01", "nonInsee": "x"}, {}],
        zipped=False,
    )
    assert path.read_text(encoding="utf-8") == (
        ",".join(HISTORIQUE) + "\n" + "12345678900011,,2020-01-01" + "," * 13 + "\n" + "," * 15 + "\n"
    )


def test_no_rows_is_the_header_alone(tmp_path):
    path = write_stock(tmp_path / "e.csv", StockKind.ETABLISSEMENT, [], zipped=False)
    assert path.read_text(encoding="utf-8") == ",".join(ETABLISSEMENT) + "\n"


def test_an_unknown_kind_is_refused(tmp_path):
    with pytest.raises(KeyError):
        write_stock(tmp_path / "x.zip", "stock_inconnu", [])
    assert not (tmp_path / "x.zip").exists()
