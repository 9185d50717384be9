"""The import workflow (essaim/imports/workflows.py): who moves a staged file, from which state."""

import pytest

from essaim.core.actors import IMPORT
from essaim.core.errors import PermissionDenied, TransitionNotAllowed, ValidationError
from essaim.imports.services import import_queue, import_stage
from essaim.imports.workflows import IMPORT_RUN
from tests.imports.test_tasks import EXCEL_FR

pytestmark = pytest.mark.django_db


@pytest.fixture
def staged(world):
    return import_stage(
        by=world.member_a, programme=world.programme_a, kind="projects", filename="p.csv", data=EXCEL_FR
    )


MAPPING = [
    "reference",
    "name",
    "stage",
    "commune",
    "sector",
    "summary",
    "started_on",
    "carrier_names",
    "carrier_emails",
    "",
]


def test_only_the_author_asks_for_the_import(world, staged):
    assert [t.name for t in IMPORT_RUN.available(staged, world.member_a)] == ["queue"]
    for other in (world.admin_a, world.staff_b, world.carrier):
        assert IMPORT_RUN.available(staged, other) == []
    with pytest.raises(PermissionDenied):
        IMPORT_RUN.apply(staged, "queue", by=world.admin_a, mapping=MAPPING)


def test_the_worker_moves_and_people_do_not(world, staged):
    staged = import_queue(by=world.member_a, staged=staged, mapping=MAPPING)
    assert (staged.state, staged.mapping, staged.queued_at is not None) == ("queued", MAPPING, True)
    assert IMPORT_RUN.available(staged, world.member_a) == []
    with pytest.raises(PermissionDenied):
        IMPORT_RUN.apply(staged, "start", by=world.member_a)
    assert [t.name for t in IMPORT_RUN.available(staged, IMPORT)] == ["start", "fail"]


def test_a_queued_file_is_not_queued_again_and_a_failed_one_may_be(world, staged):
    staged = import_queue(by=world.member_a, staged=staged, mapping=MAPPING)
    with pytest.raises(TransitionNotAllowed) as exc:
        import_queue(by=world.member_a, staged=staged, mapping=MAPPING)
    assert exc.value.messages == [
        "Ce fichier a déjà été importé ou est en cours d'import (en attente de traitement)."
    ]
    staged = IMPORT_RUN.apply(staged, "fail", by=IMPORT, problems=["Ligne 2 : …"])
    assert (staged.state, staged.problems) == ("failed", ["Ligne 2 : …"])
    staged = import_queue(by=world.member_a, staged=staged, mapping=MAPPING)
    assert (staged.state, staged.problems) == ("queued", [])


def test_an_incomplete_mapping_is_refused_before_queuing(world, staged):
    with pytest.raises(ValidationError) as exc:
        import_queue(by=world.member_a, staged=staged, mapping=["", "name"] + [""] * 8)
    assert exc.value.messages == ["Choisissez la colonne qui contient « Référence du projet » (obligatoire)."]
    staged.refresh_from_db()
    assert staged.state == "ready"
