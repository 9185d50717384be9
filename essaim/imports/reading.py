"""A spreadsheet file as people really have it → a table of cells, or one clear French message.

CSV: UTF-8 with or without BOM, UTF-16 (Excel's "texte Unicode"), else Windows-1252 (Excel FR);
the separator is the one the header line uses most (`;` as Excel FR writes it, `,`, tab, `|`).
XLSX: the first sheet, cells as typed (real dates stay dates, numbers stay numbers); formulas
give the value Excel last computed. Every limit is checked before the work it bounds: file
size, uncompressed size of a workbook, rows, columns, cell length. Nothing here raises anything
but `FileProblem`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from essaim.core.french import format_number

MAX_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED = 60 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 60
MAX_CELL = 10_000
SEPARATORS = (";", ",", "\t", "|")
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"
_ZIP_MAGIC = b"PK\x03\x04"


class FileProblem(Exception):
    """A file that cannot be read as a table; `str()` is the message shown."""


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list]]  # (line number in the file, cells)
    notes: list[str] = field(default_factory=list)  # what the person should know about the reading


def read(name: str, data: bytes) -> Table:
    """The table in `data` (the bytes of a file called `name`)."""
    if len(data) > MAX_BYTES:
        raise FileProblem(
            _("Le fichier pèse %(size)s Mo : 5 Mo au plus. Découpez-le en plusieurs fichiers.")
            % {"size": format_number(Decimal(len(data)) / (1024 * 1024), 1)}
        )
    if not data.strip():
        raise FileProblem(_("Le fichier est vide."))
    if data.startswith(_XLS_MAGIC):
        raise FileProblem(
            _(
                "Ce classeur est au format .xls (Excel 97-2003) : enregistrez-le au format .xlsx "
                "ou CSV, puis déposez-le à nouveau."
            )
        )
    notes: list[str] = []
    if data.startswith(_ZIP_MAGIC) or name.lower().endswith((".xlsx", ".xlsm")):
        return _tabulate(_xlsx_rows(data, notes), notes=notes)
    return _tabulate(_csv_rows(_decode(data)), notes=notes)


# --- CSV -----------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16")
    if b"\x00" in data[:4096]:
        raise FileProblem(_("Ce fichier n'est pas un tableau : déposez un fichier CSV ou XLSX."))
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem(
        _(
            "Le texte du fichier n'est ni en UTF-8 ni en Windows-1252 : enregistrez-le en « CSV UTF-8 » "
            "depuis votre tableur, puis déposez-le à nouveau."
        )
    )


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FileProblem(
            _("Le fichier annonce l'encodage %(encoding)s mais ne le respecte pas (octet %(at)s).")
            % {"encoding": encoding.upper(), "at": exc.start + 1}
        ) from exc


def separator_of(text: str) -> str:
    """The separator the first non-empty line uses most (`;` wins a tie: Excel FR)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: _outside_quotes(first).count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: (counts[sep], sep == ";"))
    return best if counts[best] else ";"


def _outside_quotes(line: str) -> str:
    return "".join(part for i, part in enumerate(line.split('"')) if i % 2 == 0)


def _csv_rows(text: str):
    """(row number as a spreadsheet shows it, cells): a quoted line break stays in its row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator_of(text), strict=True)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):  # noqa: B007 — read in the except
            yield number, cells
    except csv.Error as exc:
        raise FileProblem(
            _("Ligne %(line)s : le fichier est mal formé (guillemet non fermé ou cellule trop longue).")
            % {"line": number + 1}
        ) from exc


# --- XLSX ----------------------------------------------------------------------------------------


def _xlsx_rows(data: bytes, notes: list[str]):
    from openpyxl import load_workbook  # heavy: loaded for workbooks only

    unreadable = _("Ce classeur n'est pas lisible (fichier incomplet ou abîmé) : enregistrez-le à nouveau.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileProblem(unreadable) from exc
    if expanded > MAX_UNCOMPRESSED:
        raise FileProblem(_("Ce classeur est trop volumineux une fois ouvert : découpez-le."))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        if len(book.worksheets) > 1:
            notes.append(
                _("Seule la première feuille du classeur est lue : « %(name)s ».") % {"name": sheet.title}
            )
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_xlsx_cell(v) for v in values]
    except FileProblem:
        raise
    except Exception as exc:  # noqa: BLE001 — a damaged zip or XML fails in many ways: one message
        raise FileProblem(unreadable) from exc


def _xlsx_cell(value):
    if value is None or isinstance(value, str | dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, int | float):
        try:
            return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:
            return None
    if isinstance(value, dt.time):
        return value
    return str(value)


# --- both ----------------------------------------------------------------------------------------


def _is_blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _tabulate(lines, *, notes: list[str]) -> Table:
    headers = None
    rows = []
    for number, cells in lines:
        while cells and _is_blank(cells[-1]):
            cells = cells[:-1]
        if not cells:
            continue
        if len(cells) > MAX_COLUMNS:
            raise FileProblem(
                _("Ligne %(line)s : %(count)s colonnes, %(max)s au plus.")
                % {"line": number, "count": len(cells), "max": MAX_COLUMNS}
            )
        for cell in cells:
            if isinstance(cell, str) and len(cell) > MAX_CELL:
                raise FileProblem(
                    _("Ligne %(line)s : une cellule dépasse %(max)s caractères.")
                    % {"line": number, "max": format_number(MAX_CELL)}
                )
        if headers is None:
            headers = [_header(cell, i) for i, cell in enumerate(cells)]
            continue
        if len(rows) >= MAX_ROWS:
            raise FileProblem(
                _("Le fichier compte plus de %(max)s lignes : découpez-le en plusieurs fichiers.")
                % {"max": format_number(MAX_ROWS)}
            )
        rows.append((number, list(cells)))
    if headers is None:
        raise FileProblem(_("Le fichier est vide."))
    width = max([len(headers)] + [len(cells) for _n, cells in rows])
    headers += [_header(None, i) for i in range(len(headers), width)]
    rows = [(n, cells + [None] * (width - len(cells))) for n, cells in rows]
    if not rows:
        raise FileProblem(_("Le fichier n'a que sa ligne d'en-têtes : aucune ligne à importer."))
    return Table(headers=headers, rows=rows, notes=notes)


def _header(cell, index: int) -> str:
    text = " ".join(str(cell).split()) if not _is_blank(cell) else ""
    return text[:120] or _("Colonne %(n)s") % {"n": index + 1}
