import pytest
from django.db import connection


@pytest.mark.django_db
def test_sqlite_pragmas():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 1  # NORMAL
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_production_settings_need_a_secret(monkeypatch, tmp_path):
    import importlib

    import essaim.settings as settings_module

    monkeypatch.setenv("PRODUCTION", "true")
    monkeypatch.setenv("SECRET_KEY", "")
    monkeypatch.setenv("SECRET_KEY_FILE", str(tmp_path / "absent"))
    reloaded = importlib.reload(settings_module)
    try:
        assert reloaded.SECRET_KEY == ""
    finally:
        monkeypatch.delenv("PRODUCTION")
        importlib.reload(settings_module)


def _reload_settings(monkeypatch, **env):
    import importlib

    import essaim.settings as settings_module

    for name in ("PRODUCTION", "SECRET_KEY", "SECRET_KEY_FILE", "DEBUG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return importlib.reload(settings_module)


@pytest.fixture
def restore_settings(monkeypatch):
    yield
    import importlib

    import essaim.settings as settings_module

    monkeypatch.setenv("DEBUG", "false")
    importlib.reload(settings_module)


def test_no_public_key_without_debug_even_without_production(monkeypatch, tmp_path, restore_settings):
    reloaded = _reload_settings(monkeypatch, DEBUG="false", SECRET_KEY_FILE=str(tmp_path / "absent"))
    assert reloaded.SECRET_KEY == ""


def test_the_development_key_exists_only_under_debug_and_check_deploy_flags_it(
    monkeypatch, tmp_path, restore_settings
):
    from django.core.checks.security.base import check_secret_key
    from django.test import override_settings

    reloaded = _reload_settings(monkeypatch, DEBUG="true", SECRET_KEY_FILE=str(tmp_path / "absent"))
    assert reloaded.SECRET_KEY == reloaded.DEV_SECRET_KEY
    with override_settings(SECRET_KEY=reloaded.DEV_SECRET_KEY):
        assert [warning.id for warning in check_secret_key(None)] == ["security.W009"]


def test_the_key_is_read_from_the_key_file(monkeypatch, tmp_path, restore_settings):
    key_file = tmp_path / "secret_key"
    key_file.write_text("  a-random-key-written-by-make-serve-0123456789-abcdefghijklmnop\n")
    reloaded = _reload_settings(monkeypatch, DEBUG="false", SECRET_KEY_FILE=str(key_file))
    assert reloaded.SECRET_KEY == "a-random-key-written-by-make-serve-0123456789-abcdefghijklmnop"
    # SECRET_KEY in the environment wins over the file.
    reloaded = _reload_settings(monkeypatch, SECRET_KEY="from-the-environment", SECRET_KEY_FILE=str(key_file))
    assert reloaded.SECRET_KEY == "from-the-environment"


def test_the_app_server_refuses_to_start_without_a_key(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DEBUG="false", SECRET_KEY_FILE=str(tmp_path / "absent"), DJANGO_SETTINGS_MODULE="essaim.settings"
    )
    result = subprocess.run(
        [sys.executable, "-c", "import essaim.wsgi"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert "SECRET_KEY est vide : définissez SECRET_KEY ou SECRET_KEY_FILE" in result.stderr


@pytest.mark.django_db
def test_migrate_creates_the_cache_table():
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    cache = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t_cache"}}
    with override_settings(CACHES=cache):
        call_command("migrate", verbosity=0)
    try:
        assert "t_cache" in connection.introspection.table_names()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE t_cache")


@pytest.mark.parametrize(
    ("env", "pragma"),
    [({}, "PRAGMA mmap_size=0;"), ({"SQLITE_MMAP_SIZE": "1048576"}, "PRAGMA mmap_size=1048576;")],
)
def test_sqlite_reads_without_memory_mapping_unless_asked(monkeypatch, env, pragma):
    """Decision 0023: with the mapping, the load test got « disk I/O error » from SQLite."""
    import importlib

    import essaim.settings as settings_module

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SQLITE_MMAP_SIZE", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        init = importlib.reload(settings_module).DATABASES["default"]["OPTIONS"]["init_command"]
        assert pragma in init and "PRAGMA journal_mode=WAL;" in init
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)
