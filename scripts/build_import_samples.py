"""Build docs/imports/projets-exemple.xlsx from docs/imports/projets-exemple.csv.

The workbook holds the same projects with what a workbook has that a CSV has not: real date
cells (the "Date d'entrée" column) and number cells (a postal code typed as a number). Text
goes through the export guard (essaim/core/spreadsheet.py), as every workbook we write. Run it
after changing the CSV sample:

    uv run --frozen python scripts/build_import_samples.py
"""

import csv
import datetime as dt
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from essaim.core.spreadsheet import xlsx_append  # noqa: E402 — after the path is set

SOURCE = ROOT / "docs" / "imports" / "projets-exemple.csv"
TARGET = ROOT / "docs" / "imports" / "projets-exemple.xlsx"
DATE_COLUMN = "Date d'entrée"


def _cell(header: str, value: str):
    if header == DATE_COLUMN and value:
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
    if header == "Commune" and value.isdigit():
        return int(value)
    return value or None


def build() -> Path:
    with SOURCE.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    book = Workbook()
    sheet = book.active
    sheet.title = "Projets"
    header, *lines = rows
    xlsx_append(sheet, header)
    for line in lines:
        xlsx_append(sheet, [_cell(h, v) for h, v in zip(header, line, strict=True)])
    for cell in sheet[get_column_letter(header.index(DATE_COLUMN) + 1)][1:]:
        cell.number_format = "DD/MM/YYYY"
    # A fixed timestamp: the file changes only when its content does.
    book.properties.created = book.properties.modified = dt.datetime(2024, 1, 1)
    book.save(TARGET)
    return TARGET


if __name__ == "__main__":
    print(build().relative_to(ROOT))
