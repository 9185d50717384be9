"""Personal data of imports (essaim/imports/privacy.py): a person's staged files are exported and
erased with their account, and purged a day after the upload."""

import datetime as dt

import pytest
from django.utils import timezone

from essaim.accounts.privacy import PERSONAL_DATA, account_erase, personal_data_export
from essaim.core import retention
from essaim.imports.models import ImportRun, StagedImport
from essaim.imports.services import import_stage

pytestmark = pytest.mark.django_db
DATA = "Référence;Nom\nP-1;Épicerie\n".encode()


def stage(world):
    return import_stage(
        by=world.member_a, programme=world.programme_a, kind="projects", filename="p.csv", data=DATA
    )


def test_the_models_are_covered():
    assert PERSONAL_DATA["imports.stagedimport"] == "holder 'imports'"
    assert "imports.importrun" in PERSONAL_DATA


def test_a_person_s_staged_files_are_exported_and_erased(world):
    stage(world)
    exported = personal_data_export(user=world.member_a)
    assert [(s["filename"], s["rows"]) for s in exported["imports"]["staged_imports"]] == [("p.csv", 1)]
    account_erase(user=world.member_a)
    assert not StagedImport.objects.exists()


def test_staged_files_are_purged_after_a_day(world):
    staged = stage(world)
    ImportRun.objects.create(programme=world.programme_a, kind="projects", by=world.member_a)
    assert retention.purge(now=timezone.now(), kinds=["staged_imports"]) == {"staged_imports": 0}
    later = staged.created_at + dt.timedelta(days=1, minutes=1)
    assert retention.purge(now=later, kinds=["staged_imports"]) == {"staged_imports": 1}
    assert not StagedImport.objects.exists()
    assert ImportRun.objects.count() == 1
