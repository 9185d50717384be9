"""Reading files as people have them (essaim/imports/reading.py): encodings, separators, workbooks,
limits, and bad files with a clear message."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from essaim.imports import reading
from tests.imports.conftest import sample

ROWS = [["Référence", "Nom", "Début"], ["P-1", "Épicerie « Chez Zoé »", "31/12/2024"]]


def csv_bytes(rows, *, sep=";", encoding="utf-8") -> bytes:
    return "\r\n".join(sep.join(row) for row in rows).encode(encoding)


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [("cp1252", ";"), ("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("utf-8", "|")],
)
def test_csv_in_every_encoding_and_separator_excel_writes(encoding, sep):
    table = reading.read("f.csv", csv_bytes(ROWS, sep=sep, encoding=encoding))
    assert table.headers == ROWS[0]
    assert table.rows == [(2, ROWS[1])]


def test_quoted_cells_keep_their_separators_and_line_breaks():
    data = 'Nom;Résumé\r\n"Café; bar";"Ligne 1\r\nLigne 2"\r\n;;\r\n'.encode()
    table = reading.read("f.csv", data)
    assert table.rows == [(2, ["Café; bar", "Ligne 1\r\nLigne 2"])]  # the empty line is dropped


def test_a_workbook_keeps_real_dates_and_numbers():
    table = reading.read("projets-exemple.xlsx", sample("projets-exemple.xlsx"))
    assert table.headers[:2] == ["Référence", "Nom du projet"]
    first = dict(zip(table.headers, table.rows[0][1], strict=True))
    assert first["Date d'entrée"] == dt.date(2024, 1, 15)
    second = dict(zip(table.headers, table.rows[1][1], strict=True))
    assert second["Commune"] == Decimal(34142)


def test_only_the_first_sheet_of_a_workbook_is_read_and_it_says_so():
    book = Workbook()
    book.active.title = "Projets"
    book.active.append(["Référence", "Nom"])
    book.active.append(["P-1", "Épicerie"])
    book.create_sheet("Brouillon").append(["autre"])
    buffer = io.BytesIO()
    book.save(buffer)
    table = reading.read("f.xlsx", buffer.getvalue())
    assert table.rows == [(2, ["P-1", "Épicerie"])]
    assert table.notes == ["Seule la première feuille du classeur est lue : « Projets »."]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("f.csv", b"", "Le fichier est vide."),
        ("f.csv", b"Nom;Commune\r\n", "aucune ligne à importer"),
        ("f.pdf", b"%PDF-1.4\x00\x00binary", "Ce fichier n'est pas un tableau"),
        ("f.csv", b"Nom\r\n\x81\x8d\x8f\x90\x9d\r\n", "ni en UTF-8 ni en Windows-1252"),
        ("f.csv", b"\xef\xbb\xbfNom\r\n\xff\xfe\r\n", "annonce l'encodage UTF-8"),
        ("f.xlsx", sample("projets-exemple.xlsx")[:3000], "Ce classeur n'est pas lisible"),
        ("f.xlsx", b"PK\x03\x04 pas vraiment un zip", "Ce classeur n'est pas lisible"),
        ("f.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "format .xls"),
        ("f.csv", b'Nom;Commune\r\n"guillemet ouvert;x\r\n' + b"y" * 200_000, "Ligne 2"),
    ],
)
def test_bad_files_get_a_clear_message(name, data, message):
    with pytest.raises(reading.FileProblem, match=message):
        reading.read(name, data)


def test_limits_are_checked():
    with pytest.raises(reading.FileProblem, match="5 Mo au plus"):
        reading.read("f.csv", b"a\n" + b"x\n" * (reading.MAX_BYTES // 2))
    with pytest.raises(reading.FileProblem, match="plus de 5.000 lignes"):
        reading.read("f.csv", b"a\n" + b"x\n" * (reading.MAX_ROWS + 1))
    with pytest.raises(reading.FileProblem, match="61 colonnes, 60 au plus"):
        reading.read("f.csv", ";".join(["x"] * 61).encode())
    with pytest.raises(reading.FileProblem, match="dépasse 10.000 caractères"):
        reading.read("f.csv", b"a\n" + b"x" * (reading.MAX_CELL + 1))
    assert len(reading.read("f.csv", b"a\n" + b"x\n" * reading.MAX_ROWS).rows) == reading.MAX_ROWS


def test_columns_without_a_header_are_named_and_short_rows_padded():
    table = reading.read("f.csv", b"Nom;;Commune\r\nA;x;Sete;extra\r\nB\r\n")
    assert table.headers == ["Nom", "Colonne 2", "Commune", "Colonne 4"]
    assert table.rows == [(2, ["A", "x", "Sete", "extra"]), (3, ["B", None, None, None])]
