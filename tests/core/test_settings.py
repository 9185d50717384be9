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


def test_production_settings_need_a_secret(monkeypatch):
    import importlib

    import essaim.settings as settings_module

    monkeypatch.setenv("PRODUCTION", "true")
    monkeypatch.setenv("SECRET_KEY", "")
    reloaded = importlib.reload(settings_module)
    try:
        assert reloaded.SECRET_KEY == ""
    finally:
        monkeypatch.delenv("PRODUCTION")
        importlib.reload(settings_module)
