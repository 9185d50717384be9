"""The skills balance as CSV and XLSX (openpyxl), text cells through the spreadsheet guard."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from essaim.core.spreadsheet import csv_cell, xlsx_append
from essaim.skills.balance import Line

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def rows(lines: list[Line]) -> list[list]:
    header = [_("Famille de compétences"), _("Demande"), _("Offre"), _("Écart"), _("Évolution de l'écart")]
    body = []
    for line in lines:
        d = line.as_dict()
        body.append(
            [d["label"], d["demand"], d["supply"], d["gap"], "" if d["trend"] is None else d["trend"]]
        )
    return [header, *body]


def csv_response(lines: list[Line], filename: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for row in rows(lines):
        writer.writerow([csv_cell(v) for v in row])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(lines: list[Line], filename: str) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Compétences")[:31]
    for row in rows(lines):
        xlsx_append(sheet, row)
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
