"""The task worker applies staged files (essaim/imports/tasks.py): all or nothing, the state on the
file (done with its report, failed with the problems), idempotent on the file's keys — with the
files people really have: an Excel FR CSV (Windows-1252, semicolons) and a workbook with bad rows."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from essaim.accompaniment.models import Project
from essaim.accounts.models import User
from essaim.audit.models import Event
from essaim.core.actors import IMPORT
from essaim.core.dates import latest
from essaim.imports.columns import guess
from essaim.imports.models import ImportKey, ImportRun, StagedImport
from essaim.imports.services import import_queue, import_stage
from essaim.imports.tasks import apply_staged_import

pytestmark = pytest.mark.django_db

# Excel FR's "CSV (séparateur : point-virgule)": Windows-1252, CRLF, a phone column, a list of
# carriers with commas, a quoted cell holding a semicolon and a line break, dates the French way.
EXCEL_FR = (
    "Réf.;Nom du projet;Étape;Commune;Secteur;Résumé;Date d'entrée;Porteurs;Courriels des porteurs;Tél.\r\n"
    "IA-2025-01;Café-épicerie « Le Tournesol »;Émergence;Montpellier;Alimentation;"
    '"Épicerie ; café\r\net ateliers";03/02/2025;Léa Fabre;lea.fabre@example.org;06 11 22 33 44\r\n'
    "IA-2025-02;Atelier vélo de Sète;Émergence;34301;Mobilité;Réparation participative;"
    "17/03/25;Noé Garcia, Zoé Petit;noe.garcia@example.org, zoe.petit@example.org;\r\n"
    "IA-2025-03;Garage solidaire du Lodévois;Émergence;Lodève;Mobilité;;1er avril 2025;;;\r\n"
).encode("cp1252")


def _workbook(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["Référence du projet", "Nom du projet", "Commune", "Début de l'accompagnement", "Téléphone"]
    )
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _stage(world, data, name="projets.csv", kind="projects"):
    return import_stage(by=world.member_a, programme=world.programme_a, kind=kind, filename=name, data=data)


def _run(world, staged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        import_queue(by=world.member_a, staged=staged, mapping=guess(staged.headers, staged.kind))
    staged.refresh_from_db()
    return staged


def _imported(world):
    return sorted(
        Project.objects.filter(programme=world.programme_a)
        .exclude(pk=world.project_a.pk)
        .values_list("name", flat=True)
    )


def test_an_excel_fr_csv_is_applied_by_the_worker(world, django_capture_on_commit_callbacks):
    staged = _run(world, _stage(world, EXCEL_FR), django_capture_on_commit_callbacks)
    assert (staged.state, staged.rows, staged.problems) == ("done", [], [])
    assert staged.report["counts"] == {"created": 3, "updated": 0, "unchanged": 0, "skipped": 0}
    assert _imported(world) == [
        "Atelier vélo de Sète",
        "Café-épicerie « Le Tournesol »",
        "Garage solidaire du Lodévois",
    ]
    cafe = Project.objects.get(name="Café-épicerie « Le Tournesol »")
    assert (cafe.summary, cafe.started_on, cafe.commune_id) == (
        "Épicerie ; café\net ateliers",
        dt.date(2025, 2, 3),
        "34172",
    )
    velo = Project.objects.get(name="Atelier vélo de Sète")
    assert sorted(velo.carriers.values_list("email", flat=True)) == [
        "noe.garcia@example.org",
        "zoe.petit@example.org",
    ]
    assert Project.objects.get(name="Garage solidaire du Lodévois").started_on == dt.date(2025, 4, 1)
    moves = Event.objects.filter(object_type="imports.stagedimport", workflow="import").order_by("pk")
    assert [(e.from_state, e.to_state) for e in moves] == [
        ("ready", "queued"),
        ("queued", "running"),
        ("running", "done"),
    ]
    assert Event.objects.get(object_type="imports.importrun").actor_id == world.member_a.pk


def test_a_second_run_of_the_same_file_changes_nothing(world, django_capture_on_commit_callbacks):
    _run(world, _stage(world, EXCEL_FR), django_capture_on_commit_callbacks)
    keys = dict(ImportKey.objects.values_list("key", "target_id"))
    again = _run(world, _stage(world, EXCEL_FR), django_capture_on_commit_callbacks)
    assert again.state == "done"
    assert again.report["changes_nothing"] is True
    assert again.report["counts"] == {"created": 0, "updated": 0, "unchanged": 3, "skipped": 0}
    assert dict(ImportKey.objects.values_list("key", "target_id")) == keys
    assert len(_imported(world)) == 3


def test_a_workbook_with_bad_rows_writes_nothing_and_says_why(world, django_capture_on_commit_callbacks):
    data = _workbook(
        [
            ["IA-10", "Tiers-lieu de Clermont", 34079, dt.date(2025, 1, 6), "04 67 00 00 00"],
            ["IA-11", None, "Montpellier", dt.date(2025, 1, 7), None],  # no name
            ["IA-12", "Ressourcerie", "Montpelier-sur-Mer", "31/02/2025", None],  # no such place, no such day
            ["IA-13", "Conserverie", "Sète", dt.date(2999, 1, 1), None],  # implausible
            ["IA-10", "Doublon", "Sète", dt.date(2025, 1, 8), None],  # the same key twice
        ]
    )
    users = User.objects.count()
    staged = _run(world, _stage(world, data, name="projets.xlsx"), django_capture_on_commit_callbacks)
    assert staged.state == "failed"
    problems = staged.problems
    assert [p.split(" : ")[0] for p in problems] == [
        "Ligne 3, colonne « Nom du projet »",
        "Ligne 4, colonne « Commune »",
        "Ligne 4, colonne « Début de l'accompagnement »",
        "Ligne 5, colonne « Début de l'accompagnement »",
        "Ligne 6, colonne « Référence du projet »",
    ]
    assert problems[3] == (
        "Ligne 5, colonne « Début de l'accompagnement » : Date hors des limites : "
        f"entre le 01/01/1900 et le {latest():%d/%m/%Y}."
    )
    assert _imported(world) == []  # not even the good first row
    assert (User.objects.count(), ImportRun.objects.count(), ImportKey.objects.count()) == (users, 0, 0)
    assert staged.rows != []  # kept, to check again with another mapping


def test_an_unexpected_error_fails_the_import_and_reaches_the_worker_log(world, monkeypatch):
    staged = _stage(world, EXCEL_FR)
    import_queue(by=world.member_a, staged=staged, mapping=guess(staged.headers, "projects"))

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setitem(
        __import__("essaim.imports.services", fromlist=["IMPORTERS"]).IMPORTERS, "projects", broken
    )
    with pytest.raises(RuntimeError):
        apply_staged_import.call(staged.pk)
    staged.refresh_from_db()
    assert staged.state == "failed"
    assert staged.problems == [
        "L'import s'est interrompu sur une erreur inattendue ; rien n'a été enregistré. "
        "Réessayez, ou écrivez à l'équipe d'Essaim si cela se reproduit."
    ]


def test_a_file_no_longer_queued_is_left_alone(world):
    staged = _stage(world, EXCEL_FR)
    assert apply_staged_import.call(staged.pk) == "not queued"  # ready, never asked for
    assert apply_staged_import.call(staged.pk + 1000) == "not queued"  # purged since
    staged.refresh_from_db()
    assert staged.state == "ready"
    assert not Event.objects.filter(object_type="imports.stagedimport", workflow="import").exists()


def test_the_task_runs_as_the_worker_and_writes_as_the_author(world, django_capture_on_commit_callbacks):
    staged = _run(world, _stage(world, EXCEL_FR), django_capture_on_commit_callbacks)
    finish = Event.objects.get(object_type="imports.stagedimport", to_state="done")
    assert (finish.actor_id, finish.actor_label) == (None, str(IMPORT))
    assert set(Event.objects.filter(verb="project_create").values_list("actor_id", flat=True)) == {
        world.member_a.pk
    }
    assert StagedImport.objects.get(pk=staged.pk).applied_at is not None
