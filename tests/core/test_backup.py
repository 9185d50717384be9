"""Backup and restore drills: write, back up while a thread keeps writing, restore, compare.

Run on SQLite (a file database built from the test database's schema) and, when the suite runs
on PostgreSQL (DATABASE_URL), on the test database itself with pg_dump / pg_restore.
"""

import io
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from essaim.core import backup

pytestmark = pytest.mark.django_db(transaction=True)


class Writer(threading.Thread):
    """Inserts one row per transaction into drill_rows until stopped; counts its errors."""

    def __init__(self, connect, placeholder: str):
        super().__init__(daemon=True)
        self.connect, self.placeholder = connect, placeholder
        self.stop, self.errors, self.written = threading.Event(), [], 0

    def run(self):
        conn = self.connect()
        try:
            while not self.stop.is_set():
                try:
                    conn.execute(
                        f"INSERT INTO drill_rows (payload) VALUES ({self.placeholder})", ("x" * 200,)
                    )
                    conn.commit()
                    self.written += 1
                except Exception as exc:  # noqa: BLE001 — the drill counts every failure
                    self.errors.append(repr(exc))
        finally:
            conn.close()


def _drill(run_backup, rows, *, writer: Writer):
    """Back up while `writer` writes; returns the manifest and the rows counted around the backup."""
    writer.start()
    while writer.written < 50:  # the writer is really writing before the backup starts
        time.sleep(0.01)
    before = rows()
    manifest = run_backup()
    after = rows()
    writer.stop.set()
    writer.join(10)
    assert writer.errors == []
    return manifest, before, after


def _ids(conn) -> list[int]:
    return [row[0] for row in conn.execute("SELECT id FROM drill_rows ORDER BY id").fetchall()]


# --- SQLite -----------------------------------------------------------------------------------------


@pytest.fixture
def sqlite_live(tmp_path, settings, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("drill SQLite")
    live = tmp_path / "live.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(live)
    connection.connection.backup(target)  # the test database's schema and migrations
    target.execute("PRAGMA journal_mode=WAL")
    target.execute("CREATE TABLE drill_rows (id INTEGER PRIMARY KEY AUTOINCREMENT, payload TEXT NOT NULL)")
    target.executemany("INSERT INTO drill_rows (payload) VALUES (?)", [("y" * 1000,)] * 20000)
    target.commit()
    target.close()
    drill = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(live), "OPTIONS": {"timeout": 5}}
    monkeypatch.setitem(settings.DATABASES, "drill", drill)
    restored = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "restored.sqlite3")}
    monkeypatch.setitem(settings.DATABASES, "restored", restored)
    return live


def test_sqlite_backup_under_writes_restores_identically(sqlite_live, tmp_path):
    out_file = tmp_path / "backups" / "drill.sqlite3"

    def run_backup():
        call_command("backup", "--database", "drill", "--output", str(out_file), stdout=io.StringIO())
        return backup.Manifest.read(backup.manifest_path(out_file))

    def rows():
        with sqlite3.connect(sqlite_live) as conn:
            return conn.execute("SELECT COUNT(*) FROM drill_rows").fetchone()[0]

    writer = Writer(lambda: sqlite3.connect(sqlite_live, timeout=5), "?")
    manifest, before, after = _drill(run_backup, rows, writer=writer)
    print(f"SQLite drill: {before} rows before, {manifest.tables['drill_rows']} in the backup, {after} after")
    with sqlite3.connect(out_file) as copy:
        ids = _ids(copy)
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    # A consistent snapshot: every row committed before the backup, none half-written.
    assert before <= len(ids) <= after
    assert ids == list(range(1, len(ids) + 1))
    assert manifest.tables["drill_rows"] == len(ids)
    assert manifest.sha256 == backup.sha256_of(out_file)
    assert manifest.migrations["accounts"].startswith("00")

    out = io.StringIO()
    call_command("restore", str(out_file), "--database", "restored", stdout=out)
    assert "Essai à blanc" in out.getvalue()
    assert not Path(tmp_path / "restored.sqlite3").exists()
    call_command("restore", str(out_file), "--database", "restored", "--apply", stdout=out)
    with sqlite3.connect(tmp_path / "restored.sqlite3") as restored, sqlite3.connect(out_file) as copy:
        assert _ids(restored) == ids
        assert backup.sqlite_tables(restored) == backup.sqlite_tables(copy) == manifest.tables
    assert "Restauration terminée et contrôlée" in out.getvalue()


def test_restore_refuses_an_altered_backup(sqlite_live, tmp_path):
    out_file = tmp_path / "drill.sqlite3"
    call_command("backup", "--database", "drill", "--output", str(out_file), stdout=io.StringIO())
    data = bytearray(out_file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    out_file.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="ne correspond pas à son manifeste"):
        call_command("restore", str(out_file), "--database", "restored", "--apply", stdout=io.StringIO())
    assert not Path(tmp_path / "restored.sqlite3").exists()


def test_restore_keeps_a_safety_copy_of_the_current_database(sqlite_live, tmp_path, settings):
    settings.BACKUP_DIR = str(tmp_path / "safety")
    out_file = tmp_path / "drill.sqlite3"
    call_command("backup", "--database", "drill", "--output", str(out_file), stdout=io.StringIO())
    out = io.StringIO()
    call_command("restore", str(out_file), "--database", "drill", "--apply", stdout=out)
    [safety] = sorted(Path(settings.BACKUP_DIR).glob("avant-restauration-essaim-*.sqlite3"))
    assert f"Base actuelle sauvegardée d'abord : {safety}" in out.getvalue()


# --- PostgreSQL -------------------------------------------------------------------------------------


def _pg(db: dict, **extra):
    import psycopg

    return psycopg.connect(
        dbname=extra.get("dbname", db["NAME"]),
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        autocommit=extra.get("autocommit", False),
    )


def test_postgres_backup_under_writes_restores_identically(settings, tmp_path, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("drill PostgreSQL")
    db = settings.DATABASES["default"]
    scratch = db["NAME"] + "_drill"
    with _pg(db, autocommit=True) as conn:
        conn.execute("CREATE TABLE drill_rows (id SERIAL PRIMARY KEY, payload TEXT NOT NULL)")
        conn.execute(
            "INSERT INTO drill_rows (payload) SELECT repeat('y', 1000) FROM generate_series(1, 20000)"
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        conn.execute(f'CREATE DATABASE "{scratch}"')
    monkeypatch.setitem(settings.DATABASES, "restored", {**db, "NAME": scratch})
    out_file = tmp_path / "drill.pgdump"
    try:

        def run_backup():
            call_command("backup", "--output", str(out_file), stdout=io.StringIO())
            return backup.Manifest.read(backup.manifest_path(out_file))

        def rows():
            with _pg(db) as conn:
                return conn.execute("SELECT COUNT(*) FROM drill_rows").fetchone()[0]

        manifest, before, after = _drill(run_backup, rows, writer=Writer(lambda: _pg(db), "%s"))
        print(
            f"PostgreSQL drill: {before} rows before, {manifest.tables['drill_rows']} in the backup, {after} after"
        )
        assert before <= manifest.tables["drill_rows"] <= after
        out = io.StringIO()
        call_command("restore", str(out_file), "--database", "restored", "--apply", stdout=out)
        assert "Restauration terminée et contrôlée" in out.getvalue()
        with _pg(db, dbname=scratch) as restored:
            ids = _ids(restored)
            assert ids == list(range(1, manifest.tables["drill_rows"] + 1))
            assert backup.postgres_tables(restored.cursor()) == manifest.tables
    finally:
        with _pg(db, autocommit=True) as conn:
            conn.execute("DROP TABLE IF EXISTS drill_rows")
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')


def test_keep_prunes_old_backups_but_not_safety_copies(sqlite_live, tmp_path, settings):
    settings.BACKUP_DIR = str(tmp_path / "all")
    directory = Path(settings.BACKUP_DIR)
    directory.mkdir()
    for stamp in ("20250101T000000Z", "20250102T000000Z", "20250103T000000Z"):
        (directory / f"essaim-{stamp}.sqlite3").write_bytes(b"old")
        (directory / f"essaim-{stamp}.sqlite3.json").write_text("{}")
    (directory / "avant-restauration-essaim-20240101T000000Z.sqlite3").write_bytes(b"kept")
    out = io.StringIO()
    call_command("backup", "--database", "drill", "--keep", "2", stdout=out)
    names = sorted(p.name for p in directory.iterdir())
    assert names[:2] == [
        "avant-restauration-essaim-20240101T000000Z.sqlite3",
        "essaim-20250103T000000Z.sqlite3",
    ]
    assert len([n for n in names if n.startswith("essaim-") and n.endswith(".sqlite3")]) == 2
    assert (
        "essaim-20250101T000000Z.sqlite3" not in names and "essaim-20250102T000000Z.sqlite3.json" not in names
    )
    assert out.getvalue().count("Ancienne sauvegarde supprimée") == 2
