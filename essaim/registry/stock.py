"""Import of INSEE's SIRENE stock files (StockUniteLegale, StockEtablissement,
StockEtablissementHistorique) in their published format: CSV with INSEE's column names, zipped or
not, read as a stream (constant memory whatever the file's size: the national files are several
GB), keeping only what Essaim needs.

- StockUniteLegale: the legal units of the enterprises Essaim follows (their SIREN);
- StockEtablissement: the establishments of the followed enterprises and of the territories asked
  (`commune:69384`, `departement:69`), with their creation date and commune;
- StockEtablissementHistorique: the periods of the establishments already kept; an
  establishment's closure is the start of its first closed period (état F).

Rows are written in batches, each in its own transaction together with the run's position, so an
interrupted import resumes after its last committed batch (same file, same options: the run's
fingerprint). Writes are upserts and "earliest closure" updates: importing a file twice changes
nothing. The run keeps a report (rows read, kept, refused with the first reasons).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import operator
import os
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from essaim.evidence.models import Enterprise
from essaim.registry.enums import RegistryState, RunStatus, Source, StockKind
from essaim.registry.models import Establishment, ImportRun, LegalUnit

BATCH = 20_000
UNKNOWN_DATE = "1900-01-01"  # INSEE's placeholder for a date it does not know
MAX_REFUSALS_REPORTED = 20

# The columns each file needs, by INSEE's names (the files carry many more, in any order).
COLUMNS = {
    StockKind.UNITE_LEGALE: (
        "siren",
        "dateCreationUniteLegale",
        "dateDebut",
        "etatAdministratifUniteLegale",
        "denominationUniteLegale",
        "categorieJuridiqueUniteLegale",
        "economieSocialeSolidaireUniteLegale",
    ),
    StockKind.ETABLISSEMENT: (
        "siret",
        "dateCreationEtablissement",
        "codeCommuneEtablissement",
        "dateDebut",
        "etatAdministratifEtablissement",
    ),
    StockKind.HISTORIQUE: ("siret", "dateFin", "dateDebut", "etatAdministratifEtablissement"),
}

Progress = Callable[[ImportRun, float], None]


class StockFormatError(ValueError):
    pass


def departement_of(commune: str) -> str:
    """The département of an INSEE commune code (overseas ones have three digits)."""
    return commune[:3] if commune.startswith("97") else commune[:2]


def _date(value: str) -> dt.date | None:
    if not value or value == UNKNOWN_DATE:
        return None
    return dt.date.fromisoformat(value)


def fingerprint(path: Path, kind: str, territories: list[str], as_of: dt.date) -> str:
    """Same file (size, head and tail), same options: the run to resume."""
    size = path.stat().st_size
    digest = hashlib.sha256(f"{kind}|{size}|{','.join(territories)}|{as_of}".encode())
    with path.open("rb") as f:
        digest.update(f.read(65536))
        f.seek(max(size - 65536, 0))
        digest.update(f.read(65536))
    return digest.hexdigest()


class _Rows:
    """The rows of a stock file, CSV or a zip holding one CSV, and how far the stream has gone."""

    def __init__(self, path: Path, kind: str):
        self.raw = path.open("rb")
        self.size = os.fstat(self.raw.fileno()).st_size or 1
        if zipfile.is_zipfile(self.raw):
            self.raw.seek(0)
            archive = zipfile.ZipFile(self.raw)
            members = [n for n in archive.namelist() if n.lower().endswith(".csv")]
            if len(members) != 1:
                raise StockFormatError(f"the archive should hold one CSV file, it holds {len(members)}")
            stream = archive.open(members[0])
        else:
            self.raw.seek(0)
            stream = self.raw
        self.text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        self.reader = csv.reader(self.text)
        header = next(self.reader, None) or []
        missing = [c for c in COLUMNS[kind] if c not in header]
        if missing:
            raise StockFormatError(f"columns missing for {kind}: {', '.join(missing)}")
        self.indexes = [header.index(c) for c in COLUMNS[kind]]

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return map(operator.itemgetter(*self.indexes), self.reader)

    def fraction(self) -> float:
        return min(self.raw.tell() / self.size, 1.0)

    def close(self) -> None:
        self.text.close()
        self.raw.close()


def followed_sirets() -> set[str]:
    return set(Enterprise.objects.exclude(siret=None).exclude(siret="").values_list("siret", flat=True))


class _Writer:
    """What one kind of file keeps and writes; `keep(row)` returns the reason of a refusal or ''."""

    def __init__(self, kind: str, *, territories: list[str], as_of: dt.date):
        self.kind = kind
        self.as_of = as_of
        sirets = followed_sirets()
        self.sirens = {s[:9] for s in sirets}
        self.sirets = sirets
        self.communes = {t.split(":", 1)[1] for t in territories if t.startswith("commune:")}
        self.departements = {t.split(":", 1)[1] for t in territories if t.startswith("departement:")}
        if kind == StockKind.HISTORIQUE:
            self._known = set(Establishment.objects.values_list("siret", flat=True))
            self.sirets = self.sirets | self._known
        # The keys a row must carry to be kept at all (a set look-up per row, no call).
        self.keys = self.sirens if kind == StockKind.UNITE_LEGALE else self.sirets

    def wanted(self, row: tuple[str, ...]) -> bool:
        key = row[0]
        if self.kind == StockKind.UNITE_LEGALE:
            return key in self.sirens
        if key in self.sirets:
            return True
        if self.kind == StockKind.ETABLISSEMENT:
            commune = row[2]
            return commune in self.communes or departement_of(commune) in self.departements
        return False

    def write(self, rows: list[tuple[str, ...]]) -> None:
        {
            StockKind.UNITE_LEGALE: self._legal_units,
            StockKind.ETABLISSEMENT: self._establishments,
            StockKind.HISTORIQUE: self._periods,
        }[self.kind](rows)

    def _legal_units(self, rows) -> None:
        units = []
        for siren, created, since, state, name, category, ess in rows:
            closed = state != RegistryState.ACTIVE
            units.append(
                LegalUnit(
                    siren=siren,
                    name=name[:200],
                    created_on=_date(created),
                    closed_on=_date(since) if closed else None,
                    state=RegistryState.CLOSED if closed else RegistryState.ACTIVE,
                    legal_category=category[:4],
                    is_ess={"O": True, "N": False}.get(ess),
                    source=Source.STOCK,
                    as_of=self.as_of,
                )
            )
        fields = ["name", "created_on", "closed_on", "state", "legal_category", "is_ess", "source", "as_of"]
        LegalUnit.objects.bulk_create(
            units, update_conflicts=True, unique_fields=["siren"], update_fields=fields
        )

    def _establishments(self, rows) -> None:
        # The closures already known (from the history) are kept: the earliest one wins.
        known = dict(
            Establishment.objects.filter(siret__in=[r[0] for r in rows], closed_on__isnull=False).values_list(
                "siret", "closed_on"
            )
        )
        items = []
        for siret, created, commune, since, state in rows:
            closed = known.get(siret)
            if state == "F" and (start := _date(since)) and (closed is None or start < closed):
                closed = start  # at the latest: the history may know an earlier closure
            items.append(
                Establishment(
                    siret=siret,
                    siren=siret[:9],
                    commune=commune,
                    departement=departement_of(commune) if commune else "",
                    created_on=_date(created),
                    closed_on=closed,
                    state=RegistryState.CLOSED if state == "F" else RegistryState.ACTIVE,
                    source=Source.STOCK,
                    as_of=self.as_of,
                ).observe()
            )
        fields = ["siren", "commune", "departement", "created_on", "closed_on", "state", "source", "as_of"]
        fields += ["created_key", "created_day", "months", "ceased"]
        Establishment.objects.bulk_create(
            items, update_conflicts=True, unique_fields=["siret"], update_fields=fields
        )

    def _periods(self, rows) -> None:
        closures: dict[str, dt.date] = {}
        current: dict[str, str] = {}
        for siret, end, start, state in rows:
            begin = _date(start) if state == "F" else None
            if begin and (siret not in closures or begin < closures[siret]):
                closures[siret] = begin
            if not end:
                current[siret] = RegistryState.CLOSED if state == "F" else RegistryState.ACTIVE
        missing = [s for s in {*closures, *current} if s not in self.known]
        if missing:  # a followed establishment the establishment file did not bring
            Establishment.objects.bulk_create(
                [
                    Establishment(
                        siret=s, siren=s[:9], state=current.get(s, "A"), source=Source.STOCK, as_of=self.as_of
                    ).observe()
                    for s in missing
                ],
                ignore_conflicts=True,
            )
            self.known.update(missing)
        lower_closures(closures.items())
        table = Establishment._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET state = %s WHERE siret = %s",
                [(state, siret) for siret, state in current.items()],
            )

    @property
    def known(self) -> set[str]:
        if not hasattr(self, "_known"):
            self._known = set(Establishment.objects.values_list("siret", flat=True))
        return self._known


# The earliest closure wins; the months lived follow it (in SQL: the creation's month and day are
# stored as integers, see `Establishment.observe`, so this is plain arithmetic on any database).
LOWER_CLOSURE = """
UPDATE {table} SET
  months = CASE
    WHEN created_key IS NULL THEN NULL
    WHEN %s > as_of THEN months
    WHEN %s - created_key - (CASE WHEN %s < created_day THEN 1 ELSE 0 END) < 0 THEN 0
    ELSE %s - created_key - (CASE WHEN %s < created_day THEN 1 ELSE 0 END)
  END,
  ceased = CASE WHEN %s > as_of THEN ceased ELSE %s END,
  closed_on = %s
WHERE siret = %s AND (closed_on IS NULL OR closed_on > %s)
"""


def lower_closures(closures) -> None:
    """Set each establishment's closure to the earliest date known (idempotent)."""
    params = []
    for siret, day in closures:
        key = day.year * 12 + day.month - 1
        params.append((day, key, day.day, key, day.day, day, True, day, siret, day))
    if not params:
        return
    with connection.cursor() as cursor:
        cursor.executemany(LOWER_CLOSURE.format(table=Establishment._meta.db_table), params)


DATE_COLUMNS = {
    kind: [i for i, c in enumerate(columns) if c.startswith("date")] for kind, columns in COLUMNS.items()
}


def _valid(kind: str, row: tuple[str, ...]) -> str:
    key = row[0]
    if len(key) != (9 if kind == StockKind.UNITE_LEGALE else 14) or not key.isdigit():
        return "identifiant"
    try:
        for i in DATE_COLUMNS[kind]:
            if row[i]:
                dt.date.fromisoformat(row[i])
    except ValueError:
        return "date"
    return ""


def import_stock(
    path: str | Path,
    *,
    kind: str,
    as_of: dt.date,
    territories: list[str] | tuple[str, ...] = (),
    batch: int = BATCH,
    progress: Progress | None = None,
) -> ImportRun:
    """Import one stock file (see the module docstring); returns its run, done.

    A run of the same file and options left unfinished is resumed after its last batch; one
    already done is returned as it is.
    """
    path = Path(path)
    territories = sorted(territories)
    if kind not in StockKind.values:
        raise StockFormatError(f"unknown stock file kind: {kind}")
    mark = fingerprint(path, kind, territories, as_of)
    run = ImportRun.objects.filter(fingerprint=mark).exclude(status=RunStatus.FAILED).first()
    if run is not None and run.status == RunStatus.DONE:
        return run
    if run is None:
        run = ImportRun.objects.create(
            kind=kind, file_name=path.name[:255], fingerprint=mark, territories=territories, as_of=as_of
        )
    rows = _Rows(path, kind)
    writer = _Writer(kind, territories=territories, as_of=as_of)
    report = run.report or {"refused": {}, "examples": []}
    try:
        skip = run.rows_done
        chunk: list[tuple[str, ...]] = []
        seen = 0
        for row in rows:
            seen += 1
            if seen <= skip:
                continue
            chunk.append(row)
            if len(chunk) >= batch:
                _commit(run, writer, chunk, report)
                chunk = []
                if progress:
                    progress(run, rows.fraction())
        _commit(run, writer, chunk, report)
    finally:
        rows.close()
    run.status = RunStatus.DONE
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "finished_at"])
    if progress:
        progress(run, 1.0)
    return run


def _commit(run: ImportRun, writer: _Writer, chunk: list[tuple[str, ...]], report: dict) -> None:
    kept = []
    refused = 0
    wanted = writer.wanted
    for row in chunk if writer.kind == StockKind.ETABLISSEMENT else [r for r in chunk if r[0] in writer.keys]:
        if not wanted(row):
            continue
        reason = _valid(writer.kind, row)
        if reason:
            refused += 1
            report["refused"][reason] = report["refused"].get(reason, 0) + 1
            if len(report["examples"]) < MAX_REFUSALS_REPORTED:
                report["examples"].append({"row": run.rows_done + len(kept) + refused, "reason": reason})
            continue
        kept.append(row)
    with transaction.atomic():
        writer.write(kept)
        run.rows_done += len(chunk)
        run.rows_kept += len(kept)
        run.rows_refused += refused
        run.report = report
        run.save(update_fields=["rows_done", "rows_kept", "rows_refused", "report"])
