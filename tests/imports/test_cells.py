"""Cell parsers (essaim/imports/cells.py): examples as people type them, and properties."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from essaim.core.dates import EARLIEST
from essaim.core.french import format_number
from essaim.imports import cells


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12 500,50", Decimal("12500.50")),
        ("12\u202f500,50\u00a0€", Decimal("12500.50")),
        ("12,500.50", Decimal("12500.50")),
        ("1.234.567", Decimal("1234567")),
        ("-3", Decimal("-3")),
        ("", None),
        (Decimal("7.5"), Decimal("7.5")),
    ],
)
def test_numbers_written_the_french_or_the_english_way(typed, value):
    assert cells.number(typed) == value


@pytest.mark.parametrize("typed", ["abc", "1e5", "12-3", "12 €50"])
def test_what_is_not_a_number_says_so(typed):
    with pytest.raises(cells.CellError, match="Nombre attendu"):
        cells.number(typed)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("31/12/2024", dt.date(2024, 12, 31)),
        ("2024-12-31", dt.date(2024, 12, 31)),
        ("31.12.2024", dt.date(2024, 12, 31)),
        ("31/12/24", dt.date(2024, 12, 31)),
        ("1er mars 2024", dt.date(2024, 3, 1)),
        ("31 décembre 2024", dt.date(2024, 12, 31)),
        ("31/12/2024 14:30", dt.date(2024, 12, 31)),
        ("2024-12-31T10:00:00", dt.date(2024, 12, 31)),
        (dt.date(2024, 12, 31), dt.date(2024, 12, 31)),
        (Decimal(45657), dt.date(2024, 12, 31)),  # a workbook's serial number
        ("", None),
    ],
)
def test_dates_as_people_write_them(typed, value):
    assert cells.date(typed) == value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2024", "Cette date n'existe pas"),
        ("demain", "Date illisible"),
        ("01/01/1899", "Date hors des limites"),
        ("01/01/2200", "Date hors des limites"),
    ],
)
def test_impossible_dates_are_refused(typed, message):
    with pytest.raises(cells.CellError, match=message):
        cells.date(typed)


@pytest.mark.parametrize(
    ("typed", "unit", "minutes"),
    [
        ("90", "minutes", 90),
        ("1h30", "minutes", 90),
        ("1 h 30", "minutes", 90),
        ("1,5 h", "minutes", 90),
        ("2 heures", "minutes", 120),
        ("1:30", "minutes", 90),
        ("45 min", "minutes", 45),
        ("1,5", "hours", 90),
        (dt.time(1, 30), "minutes", 90),
    ],
)
def test_durations(typed, unit, minutes):
    assert cells.duration(typed, unit=unit) == minutes


@pytest.mark.parametrize("typed", ["0", "25 h", "abc"])
def test_durations_are_bounded(typed):
    with pytest.raises(cells.CellError):
        cells.duration(typed)


def test_amounts_are_bounded_with_cents_at_most():
    assert cells.amount("12 500,50 €") == Decimal("12500.50")
    for typed in ("0", "-5", "1 000 000 000 000", "12,345"):
        with pytest.raises(cells.CellError):
            cells.amount(typed)


def test_integers_are_bounded():
    assert cells.integer("10 000", minimum=0, maximum=10_000) == 10_000
    for typed in ("-1", "10 001", "2,5", "-5 000 000 000"):
        with pytest.raises(cells.CellError):
            cells.integer(typed, minimum=0, maximum=10_000)


def test_lists_choices_and_answers():
    assert cells.emails("A@example.org; b@example.org,\nA@example.org") == ["a@example.org", "b@example.org"]
    with pytest.raises(cells.CellError, match="« pas-une-adresse »"):
        cells.emails("a@example.org, pas-une-adresse")
    options = {"legal": ("Juridique", "droit"), "financial": ("Financier",)}
    assert cells.choices("juridique, FINANCIER; Droit", options) == ["legal", "financial"]
    with pytest.raises(cells.CellError, match="Valeurs possibles : « Juridique », « Financier »"):
        cells.choice("cuisine", options)
    assert cells.boolean("Oui", default=False) is True
    assert cells.boolean("", default=True) is True
    with pytest.raises(cells.CellError):
        cells.boolean("peut-être", default=True)


def test_texts_are_bounded_and_cleaned():
    assert cells.text("  Épicerie \n du  Faubourg ", max_length=50) == "Épicerie du Faubourg"
    assert cells.text("a\r\nb\x00", max_length=50, multiline=True) == "a\nb"
    assert cells.text(Decimal("34000"), max_length=10) == "34000"
    with pytest.raises(cells.CellError, match="5 caractères au plus"):
        cells.text("abcdef", max_length=5)


# --- properties ----------------------------------------------------------------------------------


@given(st.one_of(st.text(max_size=80), st.none()))
def test_any_text_either_reads_or_gets_a_message(typed):
    for parse in (
        cells.number,
        cells.date,
        cells.duration,
        cells.amount,
        cells.emails,
        lambda v: cells.integer(v, minimum=0, maximum=10_000),
        lambda v: cells.boolean(v, default=False),
    ):
        try:
            parse(typed)
        except cells.CellError as exc:
            assert str(exc)


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999999.99"), places=2))
def test_an_amount_written_the_french_way_reads_back(value):
    assert cells.amount(format_number(value, 2) + "\u00a0€") == value


@given(st.integers(min_value=0, max_value=10_000))
def test_jobs_written_with_spaces_read_back(value):
    assert cells.integer(format_number(value), minimum=0, maximum=10_000) == value


@given(st.dates(min_value=EARLIEST, max_value=dt.date(2030, 12, 31)))
def test_a_date_written_either_way_reads_back(value):
    assert cells.date(value.strftime("%d/%m/%Y")) == value
    assert cells.date(value.isoformat()) == value
    assert cells.from_json(cells.to_json(value)) == value


@given(st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59))
def test_hours_and_minutes_read_back(hours, minutes):
    total = hours * 60 + minutes
    if total:
        assert cells.duration(f"{hours}h{minutes:02d}") == total
