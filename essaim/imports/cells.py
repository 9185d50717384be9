"""One cell as people type it → a value, or `CellError` with a French message.

A cell is what `reading` gives: text, a `Decimal` or a `date` (or a `time`) from a workbook, or
None. Numbers are written the French way ("12 500,50", non-breaking or thin spaces, "€") or the
English way ("12,500.50"); dates as 31/12/2024, 31/12/24, 2024-12-31, "1er mars 2024", or a real
date cell; durations as 90, "1h30", "1,5 h", "1:30". Every parser bounds what it returns.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.core.dates import EARLIEST
from essaim.core.dates import latest as plausible_until
from essaim.core.french import format_number
from essaim.core.text import normalise

Cell = str | Decimal | dt.date | dt.time | None

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})")
_WORDS = re.compile(r"(\d{1,2})(?:er)? ([a-zéû]+)\.? (\d{4})")
_HOURS = re.compile(r"(\d+(?:[.,]\d+)?) ?h(?:eures?|rs?)?(?: ?(\d{1,2}) ?(?:min|mn|m)?)?")
_MINUTES = re.compile(r"(\d+) ?(?:min|mn|minutes?|m)")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2})?")
_LIST = re.compile(r"[;,\n]+")
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("janvier", "january", "jan", "janv"),
            ("fevrier", "february", "feb", "fev", "fevr"),
            ("mars", "march", "mar"),
            ("avril", "april", "apr", "avr"),
            ("mai", "may"),
            ("juin", "june", "jun"),
            ("juillet", "july", "jul", "juil"),
            ("aout", "august", "aug"),
            ("septembre", "september", "sep", "sept"),
            ("octobre", "october", "oct"),
            ("novembre", "november", "nov"),
            ("decembre", "december", "dec"),
        ],
        start=1,
    )
    for name in names
}
TRUE = {"oui", "o", "yes", "y", "vrai", "true", "1", "x"}
FALSE = {"non", "n", "no", "faux", "false", "0"}


class CellError(ValueError):
    """A cell that does not read as the column expects; `str()` is the message."""


# --- staging: cells as JSON ------------------------------------------------------------------------


def to_json(cell: Cell):
    if isinstance(cell, Decimal):
        return {"n": str(cell)}
    if isinstance(cell, dt.date):
        return {"d": cell.isoformat()}
    if isinstance(cell, dt.time):
        return {"t": cell.strftime("%H:%M:%S")}
    return cell


def from_json(value) -> Cell:
    if isinstance(value, dict):
        if "n" in value:
            return Decimal(value["n"])
        if "d" in value:
            return dt.date.fromisoformat(value["d"])
        return dt.time.fromisoformat(value["t"])
    return value


# --- text ----------------------------------------------------------------------------------------


def as_text(cell: Cell) -> str:
    """What a person reads in the cell."""
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return format(cell.normalize(), "f") if cell == cell.to_integral_value() else str(cell)
    if isinstance(cell, dt.date):
        return cell.strftime("%d/%m/%Y")
    if isinstance(cell, dt.time):
        return cell.strftime("%H:%M")
    return _CONTROL.sub("", str(cell).replace("\r\n", "\n").replace("\r", "\n")).strip()


def text(cell: Cell, *, max_length: int, multiline: bool = False) -> str:
    value = as_text(cell)
    if not multiline:
        value = " ".join(value.split())
    if len(value) > max_length:
        raise CellError(
            _("%(max)s caractères au plus (ici %(count)s).")
            % {"max": format_number(max_length), "count": format_number(len(value))}
        )
    return value


def items(cell: Cell) -> list[str]:
    """A list written in one cell: separated by ";", "," or line breaks."""
    return [part.strip() for part in _LIST.split(as_text(cell)) if part.strip()]


def emails(cell: Cell, *, maximum: int = 10) -> list[str]:
    found = [part.lower() for part in items(cell)]
    invalid = [email for email in found if not _is_email(email)]
    if invalid:
        raise CellError(
            _("Adresse électronique invalide : %(emails)s.")
            % {"emails": ", ".join(f"« {e} »" for e in invalid)}
        )
    if len(found) > maximum:
        raise CellError(_("%(max)s adresses au plus dans une cellule.") % {"max": maximum})
    return list(dict.fromkeys(found))


def _is_email(value: str) -> bool:
    if len(value) > 254:
        return False
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def choice(cell: Cell, options: dict[str, tuple[str, ...]]) -> str | None:
    """One of `options` (value → accepted spellings, compared without case or accents)."""
    typed = normalise(as_text(cell))
    if not typed:
        return None
    for value, spellings in options.items():
        if typed in {normalise(s) for s in (value, *spellings)}:
            return value
    accepted = ", ".join(f"« {spellings[0]} »" for spellings in options.values())
    raise CellError(
        _("« %(text)s » n'est pas une valeur attendue. Valeurs possibles : %(accepted)s.")
        % {"text": as_text(cell)[:60], "accepted": accepted}
    )


def choices(cell: Cell, options: dict[str, tuple[str, ...]]) -> list[str]:
    return list(dict.fromkeys(value for part in items(cell) if (value := choice(part, options))))


def boolean(cell: Cell, *, default: bool) -> bool:
    typed = normalise(as_text(cell))
    if not typed:
        return default
    if typed in TRUE:
        return True
    if typed in FALSE:
        return False
    raise CellError(_("Répondez par « oui » ou « non » (ici « %(text)s »).") % {"text": as_text(cell)[:40]})


# --- numbers -------------------------------------------------------------------------------------


def number(cell: Cell) -> Decimal | None:
    """A number written the French or the English way; None when the cell is empty."""
    if isinstance(cell, Decimal):
        return cell
    raw = _SPACES.sub("", as_text(cell)).removesuffix("€").removesuffix("EUR").removesuffix("eur")
    if not raw:
        return None
    if "," in raw and "." in raw:  # the last one separates the decimals
        thousands = "," if raw.rfind(".") > raw.rfind(",") else "."
        raw = raw.replace(thousands, "")
    elif raw.count(",") > 1 or raw.count(".") > 1:
        raw = raw.replace(",", "").replace(".", "")
    raw = raw.replace(",", ".")
    if not _NUMBER.fullmatch(raw):
        raise CellError(_("Nombre attendu (ici « %(text)s »).") % {"text": as_text(cell)[:40]})
    try:
        return Decimal(raw)
    except InvalidOperation as exc:  # pragma: no cover — the pattern admits only numbers
        raise CellError(_("Nombre attendu.")) from exc


def _between(minimum, maximum) -> str:
    return _("Le nombre doit être compris entre %(min)s et %(max)s.") % {
        "min": format_number(minimum),
        "max": format_number(maximum),
    }


def integer(cell: Cell, *, minimum: int, maximum: int) -> int | None:
    value = number(cell)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise CellError(_("Nombre entier attendu (ici « %(text)s »).") % {"text": as_text(cell)[:40]})
    if not minimum <= value <= maximum:
        raise CellError(_between(minimum, maximum))
    return int(value)


def decimal(cell: Cell, *, above: Decimal, below: Decimal, places: int) -> Decimal | None:
    """A number strictly between `above` and `below`, with at most `places` decimals."""
    value = number(cell)
    if value is None:
        return None
    if not above < value < below:
        raise CellError(
            _("Le nombre doit être supérieur à %(min)s et inférieur à %(max)s.")
            % {"min": format_number(above), "max": format_number(below)}
        )
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise CellError(
            _("%(places)s décimales au plus (ici « %(text)s »).")
            % {"places": places, "text": as_text(cell)[:40]}
        )
    return value


AMOUNT_BELOW = Decimal(10) ** 12


def amount(cell: Cell) -> Decimal | None:
    """An amount in euros: more than 0, less than 10¹², cents at most."""
    return decimal(cell, above=Decimal(0), below=AMOUNT_BELOW, places=2)


def duration(cell: Cell, *, unit: str = "minutes") -> int | None:
    """Minutes (1 to 24 hours). A bare number is in `unit` ("minutes" or "hours")."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    minutes = cell.hour * 60 + cell.minute if isinstance(cell, dt.time) else _minutes(cell, unit)
    if not 1 <= minutes <= 24 * 60:
        raise CellError(_("La durée doit être comprise entre 1 minute et 24 heures."))
    return minutes


def _minutes(cell: Cell, unit: str) -> int:
    typed = as_text(cell).lower().replace("\u00a0", " ")
    if match := _HOURS.fullmatch(typed):
        return round(Decimal(match[1].replace(",", ".")) * 60) + int(match[2] or 0)
    if match := _MINUTES.fullmatch(typed):
        return int(match[1])
    if match := _CLOCK.fullmatch(typed):
        return int(match[1]) * 60 + int(match[2])
    try:
        value = number(cell)
    except CellError:
        value = None
    if value is None:
        raise CellError(
            _("Durée illisible « %(text)s » : écrivez par exemple 90, 1h30 ou 1,5 h.") % {"text": typed[:40]}
        )
    return round(value * 60) if unit == "hours" else round(value)


# --- dates ---------------------------------------------------------------------------------------


def date(cell: Cell, *, latest: dt.date | None = None) -> dt.date | None:
    """A date from 1900 to `latest` (default: ten years from today)."""
    value = _date(cell)
    if value is None:
        return None
    latest = latest or plausible_until()
    if not EARLIEST <= value <= latest:
        raise CellError(
            _("Date hors des limites : entre le %(earliest)s et le %(latest)s.")
            % {"earliest": EARLIEST.strftime("%d/%m/%Y"), "latest": latest.strftime("%d/%m/%Y")}
        )
    return value


def _date(cell: Cell) -> dt.date | None:
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, Decimal):  # a date cell the workbook stored as its serial number
        if 1 <= cell < 2958466:
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(cell))
        raise CellError(_("Date attendue, pas un nombre (ici « %(text)s »).") % {"text": as_text(cell)})
    typed = as_text(cell).lower()
    if not typed:
        return None
    head = re.split(r"[ t]\d{1,2}:\d{2}", typed, maxsplit=1)[0].strip()
    try:
        if match := _ISO.fullmatch(head):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DMY.fullmatch(head):
            return dt.date(_year(match[3]), int(match[2]), int(match[1]))
        if (match := _WORDS.fullmatch(normalise(head).replace("1er", "1"))) and match[2] in MONTHS:
            return dt.date(int(match[3]), MONTHS[match[2]], int(match[1]))
    except ValueError as exc:
        raise CellError(_("Cette date n'existe pas : « %(text)s ».") % {"text": as_text(cell)[:40]}) from exc
    raise CellError(
        _("Date illisible « %(text)s » : écrivez-la 31/12/2024 ou 2024-12-31.") % {"text": as_text(cell)[:40]}
    )


def _year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    pivot = (timezone.localdate().year + 10) % 100
    return (2000 if int(text) <= pivot else 1900) + int(text)
