"""Sample files (essaim/imports/samples.py): what the import page offers to download."""

import io

import pytest
from openpyxl import load_workbook

from essaim.imports import reading, samples
from essaim.imports.columns import guess


@pytest.mark.parametrize("kind", sorted(samples.SAMPLES))
def test_the_csv_is_what_excel_fr_opens_and_its_columns_are_recognised(kind):
    data = samples.to_csv(kind)
    assert data.startswith("\ufeff".encode())
    header = data.decode("utf-8-sig").split("\r\n")[0]
    assert ";" in header and "," not in header
    table = reading.read("modele.csv", data)
    assert len(table.rows) == 2
    assert "" not in guess(table.headers, kind)  # every column of the sample is recognised


@pytest.mark.parametrize("kind", sorted(samples.SAMPLES))
def test_the_workbook_holds_the_same_table_with_date_cells(kind):
    book = load_workbook(io.BytesIO(samples.to_xlsx(kind)))
    sheet = book.active
    header, rows = samples.table(kind)
    assert [c.value for c in sheet[1]] == header
    assert sheet.max_row == 3
    table = reading.read("modele.xlsx", samples.to_xlsx(kind))
    assert table.headers == header


def test_the_projects_sample():
    header, rows = samples.table("projects")
    assert header[:2] == ["Référence du projet", "Nom du projet"]
    assert rows[1][header.index("Noms des porteurs")] == "Louis Martin, Inès Benali"
    assert samples.filename("projects", "xlsx") == "modele-projets.xlsx"
    assert samples.render("projects", "csv")[1] == "text/csv; charset=utf-8"
