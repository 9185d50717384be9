"""Backups of the database that are safe while the site runs, and restores that check themselves.

- SQLite: SQLite's online backup API (`sqlite3.Connection.backup`, one step): the copy is the
  database as of one read transaction, while writers go on writing (WAL). The copy is turned into
  a single self-contained file (journal mode DELETE) and checked (`PRAGMA integrity_check`,
  `foreign_key_check`) before it takes its final name.
- PostgreSQL: `pg_dump --format=custom` inside an exported snapshot: the dump and the row counts
  of the manifest are read from the same snapshot, so they agree even under concurrent writes.

Every backup `<name>` has a manifest `<name>.json`: vendor, date, size, SHA-256, the number of
rows of every table and the migrations applied. A restore checks the file against its manifest
first (checksum, integrity), restores, then counts the rows again and compares.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_FORMAT = 1


class BackupError(Exception):
    """A backup or a restore that cannot be made or trusted; the message is for the operator."""


@dataclass
class Manifest:
    vendor: str
    created_at: str
    file: str
    size: int
    sha256: str
    tables: dict[str, int]
    migrations: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    format: int = MANIFEST_FORMAT

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.__dict__, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Manifest:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**data)
        except (OSError, ValueError, TypeError) as exc:
            raise BackupError(f"Manifeste illisible : {path} ({exc}).") from exc


def vendor_of(db: dict) -> str:
    engine = db.get("ENGINE", "")
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Moteur de base non pris en charge : {engine}.")


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def default_name(vendor: str, now: dt.datetime | None = None) -> str:
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"essaim-{stamp}." + ("sqlite3" if vendor == "sqlite" else "pgdump")


# --- row counts and migrations, through a DB-API cursor ----------------------------------------


def _count_rows(cursor, tables: list[str], quote) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # names come from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


def _migrations(cursor, tables: dict[str, int]) -> dict[str, str]:
    """The last migration applied per app (by name order, which is the numbering)."""
    if "django_migrations" not in tables:
        return {}
    cursor.execute("SELECT app, MAX(name) FROM django_migrations GROUP BY app ORDER BY app")
    return dict(cursor.fetchall())


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_tables(conn: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return _count_rows(conn.cursor(), names, _sqlite_quote)


def sqlite_check(path: Path) -> None:
    """`PRAGMA integrity_check` and `foreign_key_check` on a SQLite file; BackupError if either fails."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise BackupError(f"Contrôle d'intégrité échoué pour {path} : {'; '.join(result[:5])}")
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise BackupError(f"{len(broken)} référence(s) cassée(s) dans {path} (foreign_key_check).")
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} n'est pas une base SQLite lisible ({exc}).") from exc
    finally:
        conn.close()


# --- SQLite ---------------------------------------------------------------------------------------


def _sqlite_copy(source: str | Path, target: Path, *, timeout: float) -> None:
    src = sqlite3.connect(str(source), timeout=timeout)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)  # pages=-1: one step, one read transaction, a consistent snapshot
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal/-shm beside it
    finally:
        dst.close()
        src.close()


def backup_sqlite(db: dict, target: Path) -> Manifest:
    source = Path(db["NAME"])
    if not source.exists():
        raise BackupError(f"Base SQLite introuvable : {source}.")
    started = time.monotonic()
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    timeout = float((db.get("OPTIONS") or {}).get("timeout", 5))
    _sqlite_copy(source, partial, timeout=timeout)
    sqlite_check(partial)
    conn = sqlite3.connect(f"file:{partial}?mode=ro", uri=True)
    try:
        tables = sqlite_tables(conn)
        migrations = _migrations(conn.cursor(), tables)
    finally:
        conn.close()
    os.replace(partial, target)
    return _manifest("sqlite", target, tables, migrations, started)


def restore_sqlite(db: dict, path: Path) -> dict[str, int]:
    target = Path(db["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    timeout = float((db.get("OPTIONS") or {}).get("timeout", 5))
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    dst = sqlite3.connect(str(target), timeout=timeout)
    try:
        src.backup(dst)  # replaces every page of the target in one step
    finally:
        dst.close()
        src.close()
    sqlite_check(target)
    conn = sqlite3.connect(str(target))
    try:
        return sqlite_tables(conn)
    finally:
        conn.close()


# --- PostgreSQL -----------------------------------------------------------------------------------


def _pg_env(db: dict) -> dict[str, str]:
    env = {**os.environ}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    env["PGDATABASE"] = str(db["NAME"])
    return env


def _pg_connect(db: dict):
    import psycopg  # the PostgreSQL driver, only needed for PostgreSQL

    params = {"dbname": db["NAME"], "autocommit": False}
    for key, name in (("HOST", "host"), ("PORT", "port"), ("USER", "user"), ("PASSWORD", "password")):
        if db.get(key):
            params[name] = db[key]
    return psycopg.connect(**params)


def _pg_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def postgres_tables(cursor) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    return _count_rows(cursor, [row[0] for row in cursor.fetchall()], _pg_quote)


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} est introuvable : installez le client PostgreSQL.")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} a échoué ({result.returncode}) : {result.stderr.strip()[-2000:]}")


def backup_postgres(db: dict, target: Path) -> Manifest:
    started = time.monotonic()
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    conn = _pg_connect(db)
    try:
        with conn.cursor() as cursor:
            # Dump and counts share one snapshot: they describe the same instant.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            dump = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
            _run([*dump, f"--snapshot={snapshot}", f"--file={partial}"], _pg_env(db))
            tables = postgres_tables(cursor)
            migrations = _migrations(cursor, tables)
    finally:
        conn.rollback()
        conn.close()
    _run(["pg_restore", "--list", str(partial)], _pg_env(db))  # the archive is readable
    os.replace(partial, target)
    return _manifest("postgresql", target, tables, migrations, started)


def restore_postgres(db: dict, path: Path) -> dict[str, int]:
    command = [
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",  # all or nothing
        "--exit-on-error",
        f"--dbname={db['NAME']}",
        str(path),
    ]
    _run(command, _pg_env(db))
    conn = _pg_connect(db)
    try:
        with conn.cursor() as cursor:
            return postgres_tables(cursor)
    finally:
        conn.rollback()
        conn.close()


# --- both -----------------------------------------------------------------------------------------


def _manifest(vendor: str, target: Path, tables, migrations, started: float) -> Manifest:
    manifest = Manifest(
        vendor=vendor,
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        file=target.name,
        size=target.stat().st_size,
        sha256=sha256_of(target),
        tables=tables,
        migrations=migrations,
        seconds=round(time.monotonic() - started, 3),
    )
    manifest.write(manifest_path(target))
    return manifest


def backup(db: dict, target: Path) -> Manifest:
    """Write a backup of `db` (a DATABASES entry) to `target` and its manifest beside it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if vendor_of(db) == "sqlite":
        return backup_sqlite(db, target)
    return backup_postgres(db, target)


def verify(db: dict, path: Path) -> Manifest:
    """Check a backup before restoring it: manifest, vendor, size, checksum, integrity."""
    if not path.exists():
        raise BackupError(f"Sauvegarde introuvable : {path}.")
    manifest = Manifest.read(manifest_path(path))
    if manifest.vendor != vendor_of(db):
        raise BackupError(
            f"Sauvegarde {manifest.vendor}, base {vendor_of(db)} : on ne restaure pas l'une dans l'autre."
        )
    if path.stat().st_size != manifest.size or sha256_of(path) != manifest.sha256:
        raise BackupError(f"{path} ne correspond pas à son manifeste (taille ou SHA-256) : fichier altéré.")
    if manifest.vendor == "sqlite":
        sqlite_check(path)
    else:
        _run(["pg_restore", "--list", str(path)], _pg_env(db))
    return manifest


def prune(directory: Path, *, keep: int) -> list[Path]:
    """Delete all but the `keep` most recent backups of `directory` (named by default_name), with
    their manifests; returns the files deleted. Safety copies made before a restore are kept."""
    backups = sorted(
        (p for p in directory.glob("essaim-*") if p.suffix in (".sqlite3", ".pgdump")),
        key=lambda p: p.name,
        reverse=True,
    )
    removed = []
    for old in backups[keep:]:
        old.unlink()
        manifest_path(old).unlink(missing_ok=True)
        removed.append(old)
    return removed


def current_tables(db: dict) -> dict[str, int]:
    """Row counts of the live database (empty when a SQLite file does not exist yet)."""
    if vendor_of(db) == "sqlite":
        if not Path(db["NAME"]).exists():
            return {}
        conn = sqlite3.connect(f"file:{db['NAME']}?mode=ro", uri=True)
        try:
            return sqlite_tables(conn)
        finally:
            conn.close()
    conn = _pg_connect(db)
    try:
        with conn.cursor() as cursor:
            return postgres_tables(cursor)
    finally:
        conn.rollback()
        conn.close()


def restore(db: dict, path: Path) -> dict[str, int]:
    """Restore a verified backup into `db`; returns the row counts read back afterwards."""
    manifest = verify(db, path)
    counts = restore_sqlite(db, path) if manifest.vendor == "sqlite" else restore_postgres(db, path)
    differences = {
        table: (rows, counts.get(table))
        for table, rows in manifest.tables.items()
        if counts.get(table) != rows
    }
    if differences:
        listed = ", ".join(f"{t} : {a} attendues, {b} lues" for t, (a, b) in sorted(differences.items())[:10])
        raise BackupError(f"Restauration incomplète : {listed}.")
    return counts
