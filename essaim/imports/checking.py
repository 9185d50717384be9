"""Row-by-row validation and the plan of an import, shared by its three kinds.

The rows an import service takes are dicts: `{"line": 4, "<field>": <cell>, ...}` (the fields of
`columns`, cells as `reading` gives them); `columns` names the file's header of each field, for
messages that say where to look ("Ligne 4, colonne « Date d'entrée » : …"). A plan lists, for
every row, what applying would do (create, update these fields, nothing, skip and why) and every
problem found; applying a plan with a problem is refused as a whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from essaim.imports import cells
from essaim.imports.columns import columns_for
from essaim.imports.models import ImportKey

CREATED, UPDATED, UNCHANGED, SKIPPED = "created", "updated", "unchanged", "skipped"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, SKIPPED)
MAX_PROBLEMS_SHOWN = 200


@dataclass
class Problem:
    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.line and self.column:
            return _("Ligne %(line)s, colonne « %(column)s » : %(message)s") % vars(self)
        if self.line:
            return _("Ligne %(line)s : %(message)s") % vars(self)
        return self.message


@dataclass
class Item:
    """One row of the file and what applying it does."""

    line: int
    key: str
    label: str
    values: dict
    digests: dict
    outcome: str = CREATED
    changed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    target: object = None
    import_key: ImportKey | None = None

    def as_report(self) -> dict:
        return {
            "line": self.line,
            "key": self.key,
            "label": self.label,
            "outcome": self.outcome,
            "notes": self.notes,
        }


@dataclass
class Plan:
    kind: str
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        found = dict.fromkeys(OUTCOMES, 0)
        for item in self.items:
            found[item.outcome] += 1
        return found

    @property
    def changes_nothing(self) -> bool:
        counts = self.counts()
        return counts[CREATED] == counts[UPDATED] == 0


class RowReader:
    """Reads the cells of one row, collecting a problem per cell that does not read."""

    def __init__(self, row: dict, columns: dict[str, str], kind: str, problems: list[Problem]):
        self.row, self.columns, self.problems = row, columns, problems
        self.line = row.get("line")
        self.labels = {c.name: str(c.label) for c in columns_for(kind)}
        self.failed = False

    def has(self, name: str) -> bool:
        return name in self.row

    def header(self, name: str) -> str:
        return self.columns.get(name) or self.labels.get(name, name)

    def problem(self, name: str, message: str) -> None:
        self.failed = True
        self.problems.append(Problem(self.line, self.header(name) if name else "", message))

    def read(self, name: str, parser: Callable, *, required: bool = False, **options):
        cell = self.row.get(name)
        try:
            value = parser(cell, **options)
        except cells.CellError as exc:
            self.problem(name, str(exc))
            return None
        if required and value in (None, "", []):
            self.problem(name, _("Cette cellule est obligatoire."))
        return value


def digest(value) -> str:
    """A short fingerprint of a cleaned value (no personal data kept in clear)."""
    if hasattr(value, "pk"):
        value = value.pk
    elif isinstance(value, dt.date):
        value = value.isoformat()
    elif isinstance(value, list | tuple):
        value = "\x1f".join(str(v) for v in value)
    return hashlib.sha256(repr(value).encode()).hexdigest()[:16]


def digests_of(values: dict, present: set[str]) -> dict[str, str]:
    return {name: digest(value) for name, value in values.items() if name in present}


def compare(item: Item, import_key: ImportKey | None, target) -> None:
    """Set the item's outcome against what the key's last import recorded."""
    if import_key is None or target is None:
        item.outcome = CREATED
        item.import_key = import_key
        return
    item.import_key, item.target = import_key, target
    item.changed = [name for name, value in item.digests.items() if import_key.digests.get(name) != value]
    item.outcome = UPDATED if item.changed else UNCHANGED


def duplicate(seen: dict[str, int], key: str, reader: RowReader, name: str) -> bool:
    """A key already used by an earlier row of the file: a problem on this row."""
    if not key:
        return False
    first = seen.setdefault(key.lower(), reader.line)
    if first != reader.line:
        reader.problem(name, _("même clé « %(key)s » que la ligne %(line)s.") % {"key": key, "line": first})
        return True
    return False


def rows_from(staged, mapping: list[str]) -> tuple[list[dict], dict[str, str]]:
    """The rows and column names an import service takes, from a staged file and a mapping."""
    fields = [(i, name) for i, name in enumerate(mapping) if name]
    columns = {name: staged.headers[i] for i, name in fields}
    rows = [
        {"line": row["line"], **{name: cells.from_json(row["cells"][i]) for i, name in fields}}
        for row in staged.rows
    ]
    return rows, columns
