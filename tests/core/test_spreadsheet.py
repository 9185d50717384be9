import io

import pytest
from openpyxl import Workbook, load_workbook

from essaim.core.spreadsheet import csv_cell, formula_like, xlsx_append


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "\n=1"],
)
def test_formula_starts_are_neutralised(text):
    assert formula_like(text) is True
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Appel 2025", "-12,5", "+33 1 23 45 67 89", "-", "< 5", "", "a=b"])
def test_plain_text_and_numbers_are_kept(text):
    assert formula_like(text) is False
    assert csv_cell(text) == text


def test_non_text_values_are_kept():
    assert csv_cell(-3) == -3
    assert csv_cell(None) is None


def test_xlsx_cells_keep_the_text_and_are_not_formulas():
    book = Workbook()
    sheet = book.active
    xlsx_append(sheet, ["=1+1", 4, "ok", "@A1"])
    out = io.BytesIO()
    book.save(out)
    cells = load_workbook(io.BytesIO(out.getvalue())).active[1]
    assert [(c.value, c.data_type, bool(c.quotePrefix)) for c in cells] == [
        ("=1+1", "s", True),
        (4, "n", False),
        ("ok", "s", False),
        ("@A1", "s", True),
    ]
