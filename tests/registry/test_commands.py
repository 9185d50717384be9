"""`manage.py import_sirene`: imports a stock file, prints its progress and counts; a dry run
writes nothing; bad options are refused."""

import io

import pytest
from django.core.management import CommandError, call_command

from essaim.registry.models import Establishment, ImportRun
from tests.registry.helpers import ESTABLISHMENTS

pytestmark = pytest.mark.django_db


def _call(*args):
    out = io.StringIO()
    call_command("import_sirene", str(ESTABLISHMENTS), "--kind", "etablissement", *args, stdout=out)
    return out.getvalue()


def test_the_command_imports_and_reports():
    out = _call("--as-of", "2026-11-05", "--territory", "commune:69384", "--batch", "2000")
    assert "100.0%  4551 lignes, 4551 retenues" in out
    assert out.strip().endswith("rows=4551 kept=4551 refused=0 conflicts=0")
    assert Establishment.objects.count() == 4551


def test_a_dry_run_writes_nothing():
    out = _call("--as-of", "2026-11-05", "--territory", "commune:69384", "--dry-run")
    assert "Essai : rien n'a été écrit." in out
    assert (Establishment.objects.count(), ImportRun.objects.count()) == (0, 0)


def test_bad_options_are_refused():
    with pytest.raises(CommandError, match="as-of"):
        _call("--as-of", "05/11/2026")
    with pytest.raises(CommandError, match="territory"):
        _call("--as-of", "2026-11-05", "--territory", "region:84")
