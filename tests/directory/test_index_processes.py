"""An edit made in one process reaches the indexes of another within the documented delay:
`ORIENTATION_INDEX_VERSION_SECONDS` (1 s) plus a rebuild, through the shared cache (decision 0022).

Two real processes on one SQLite file with the database cache, as in production on one
machine: the reader serves the directory API, the directory page and the results page from
its indexes; the writer renames a programme. The reader's stamp check is off (an hour), so only
the version can bring the edit.
"""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

pytestmark = (
    pytest.mark.django_db
)  # the test database exists; the copy is taken before the test's transaction

ROOT = Path(__file__).resolve().parents[2]
DELAY = 1 + 3  # ORIENTATION_INDEX_VERSION_SECONDS, and a rebuild on a machine busy with other tests

SETTINGS = """
from essaim.settings_test import *  # noqa: F403

DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {db!r}, "OPTIONS": {{"timeout": 30}}}}}}
CACHES = {{"default": {{"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "essaim_cache"}}}}
ORIENTATION_INDEX_VERSION_SECONDS = 1
ORIENTATION_INDEX_CHECK_SECONDS = 3600
"""

WRITER = """
import sys, time, django
django.setup()
from django.core.management import call_command
from essaim.directory.models import Organisation, Programme, ZoneItem
if sys.argv[1] == "create":
    call_command("createcachetable")
    organisation = Organisation.objects.create(name="Coopérative", slug="cooperative")
    programme = Programme.objects.create(
        organisation=organisation, slug="incubateur", name="Ancien nom", kind="incubator",
        stages=["emergence"],
    )
    ZoneItem.objects.create(programme=programme, level="departement", code="34")
else:
    programme = Programme.objects.get(slug="incubateur")
    programme.name = "Nouveau nom"
    programme.save()  # autocommit: the signal bumps the version in the database cache
    print(time.time(), flush=True)
"""

READER = """
import json, sys, time, django
django.setup()
from django.test import Client
client = Client()
pages = {
    "api": "/api/v1/programmes?territory=commune:34172&stage=emergence",
    "directory": "/annuaire/?territory=commune:34172&stage=emergence",
    "results": "/orientation/resultats/?place=commune:34172&stage=emergence",
}
seen, deadline = {}, time.time() + float(sys.argv[1])
while time.time() < deadline:
    now = {name: client.get(url).content.decode() for name, url in pages.items()}
    state = {name: ("Nouveau nom" in html, "Ancien nom" in html) for name, html in now.items()}
    for name, (new, old) in state.items():
        if old and not new and name not in seen:
            seen[name] = None  # the old name served from this process's index
        if new and not old and seen.get(name, 0) is None:
            seen[name] = time.time()
    print(json.dumps({"ready": all(name in seen for name in pages)}), flush=True)
    if all(seen.get(name) for name in pages):
        break
    time.sleep(0.05)
print(json.dumps(seen), flush=True)
"""


def _run(script: str, *args, env, **kwargs):
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        **kwargs,
    )


@pytest.fixture(scope="module")
def shared_database(django_db_setup, django_db_blocker, tmp_path_factory):
    """A file copy of the test database (schema and referential), taken outside any transaction."""
    if connection.vendor != "sqlite":
        pytest.skip("two processes on one SQLite file")
    db = tmp_path_factory.mktemp("two-processes") / "shared.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(db)
        connection.connection.backup(target)
        target.close()
    return db


def test_an_edit_in_one_process_is_seen_by_another_within_the_delay(shared_database, tmp_path):
    db = shared_database
    (tmp_path / "two_processes.py").write_text(SETTINGS.format(db=str(db)))
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "two_processes",
        "PYTHONPATH": f"{tmp_path}:{ROOT}",
    }
    writer = _run(WRITER, "create", env=env)
    assert writer.wait(timeout=120) == 0

    reader = _run(READER, "120", env=env)
    for line in reader.stdout:  # the reader has built its indexes and serves the old name
        if json.loads(line).get("ready"):
            break
    rename = _run(WRITER, "rename", env=env)
    assert rename.wait(timeout=120) == 0
    committed = float(rename.stdout.read())
    *_progress, last = reader.stdout.read().splitlines()
    assert reader.wait(timeout=30) == 0
    seen = json.loads(last)
    assert sorted(seen) == ["api", "directory", "results"]
    for name, at in sorted(seen.items()):
        assert at is not None, name
        assert 0 < at - committed < DELAY, (name, at - committed)
