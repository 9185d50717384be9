"""Cells that spreadsheet software will not run (CSV/formula injection).

Excel, LibreOffice and Google Sheets treat a cell starting with `=`, `+`, `-` or `@` as a formula
(and tab or carriage return can hide such a start), so a call titled `=HYPERLINK(...)` exported as
is would become a live link or worse (OWASP "CSV Injection"). Every CSV and workbook we produce
passes its text cells through here.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# A sign followed only by digits, spaces and number punctuation ("-12,5", "+33 1 23 45 67 89")
# cannot call a function: keep numbers and telephone numbers as they are.
_PLAIN_NUMBER = re.compile(r"[+-][\d\s.,/()]*")


def formula_like(text: str) -> bool:
    """True when a spreadsheet would read `text` as a formula."""
    if not text.startswith(FORMULA_STARTS):
        return False
    return _PLAIN_NUMBER.fullmatch(text) is None


def csv_cell(value):
    """A CSV cell: text that looks like a formula gets a leading apostrophe; other values unchanged."""
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


def xlsx_append(sheet, row: list) -> None:
    """Append `row` to an openpyxl sheet, writing formula-like text as literal text.

    openpyxl stores any string starting with "=" as a formula: such cells are turned back into
    strings with the "quote prefix" style, which is how Excel itself keeps text typed as `'=...`.
    The cell shows exactly the original text.
    """
    sheet.append(row)
    number = sheet.max_row
    for column, value in enumerate(row, start=1):
        if isinstance(value, str) and formula_like(value):
            cell = sheet.cell(row=number, column=column)
            cell.data_type = "s"
            cell.quotePrefix = True
