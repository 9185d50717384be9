"""The "Importer" pages (essaim/web/workspace/imports.py): upload → columns → check → progress and
report, for the programme's staff only, with the file kept server-side between the steps and
applied by the task worker (run at once in tests: the immediate backend, once the request's
transaction commits — `django_capture_on_commit_callbacks(execute=True)`)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from essaim.accompaniment.models import Project
from essaim.audit.models import Event
from essaim.core.actors import IMPORT
from essaim.imports import samples
from essaim.imports.checking import rows_from
from essaim.imports.columns import guess
from essaim.imports.models import ImportRun, StagedImport
from essaim.imports.selectors import plan_for
from essaim.imports.services import import_apply, import_projects, import_stage, import_start_run
from essaim.imports.tasks import apply_staged_import

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SAMPLES = Path(__file__).resolve().parents[3] / "docs" / "imports"
# As Excel FR writes "CSV (séparateur : point-virgule)": Windows-1252, semicolons, comma decimals.
EXCEL_FR = (
    "Référence;Nom du projet;Commune;Date d'entrée;Porteurs;Courriels des porteurs;Téléphone\r\n"
    "R-01;Café-épicerie « Le Tournesol »;Montpellier;31/12/2024;Léa Fabre;lea.fabre@example.org;06 11 22 33 44\r\n"
    "R-02;Atelier vélo de Sète;Sète;2024-06-03;;;\r\n"
).encode("cp1252")


def start_url(world, programme=None):
    return reverse("workspace:import_start", args=[(programme or world.programme_a).slug])


def step(name, staged, slug=None):
    return reverse(f"workspace:import_{name}", args=[slug or staged.programme.slug, staged.pk])


def upload(client, world, data=EXCEL_FR, name="projets.csv", kind="projects"):
    return client.post(start_url(world), {"kind": kind, "file": SimpleUploadedFile(name, data)})


@pytest.fixture
def apply(client, django_capture_on_commit_callbacks):
    """POST the check page as its "Importer" button does, and let the worker run the task."""

    def post(staged, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(step("check", staged), data or {})

    return post


@pytest.fixture
def staged(world):
    return import_stage(
        by=world.member_a, programme=world.programme_a, kind="projects", filename="projets.csv", data=EXCEL_FR
    )


# --- the journey ---------------------------------------------------------------------------------


def test_staff_import_a_windows_1252_csv_in_three_steps(client, world, apply):
    client.force_login(world.member_a)
    response = upload(client, world)
    staged = StagedImport.objects.get()
    assert response.status_code == 302
    assert response.url == step("columns", staged)

    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Café-épicerie « Le Tournesol »" in html  # decoded from Windows-1252
    assert '<option value="reference" selected>' in html
    assert "Essaim ne conserve pas les numéros de téléphone." in html

    check = client.get(
        step("check", staged), {f"col-{i}": f for i, f in enumerate(page.context["form"].mapping())}
    )
    assert check.status_code == 200
    assert check.context["counts"] == {"created": 2, "updated": 0, "unchanged": 0, "skipped": 0}

    applied = apply(staged, {f"col-{i}": f for i, f in enumerate(check.context["form"].mapping())})
    assert applied.status_code == 302
    assert applied.url == step("report", staged)
    assert sorted(Project.objects.filter(programme=world.programme_a).values_list("name", flat=True)) == [
        "Atelier vélo de Sète",
        "Café-épicerie « Le Tournesol »",
        "Épicerie du Faubourg",
    ]
    report = client.get(applied.url)
    assert report.status_code == 200
    assert report.context["counts"]["created"] == 2
    staged.refresh_from_db()
    assert staged.rows == [] and staged.applied_at is not None


def test_the_check_without_a_mapping_uses_the_guessed_one(client, world, staged):
    client.force_login(world.member_a)
    response = client.get(step("check", staged))
    assert response.status_code == 200
    assert response.context["counts"]["created"] == 2


def test_a_second_run_of_the_same_file_says_it_changes_nothing(client, world, staged, apply):
    client.force_login(world.member_a)
    apply(staged)  # guessed mapping
    again = import_stage(
        by=world.member_a, programme=world.programme_a, kind="projects", filename="projets.csv", data=EXCEL_FR
    )
    response = client.get(step("check", again))
    assert response.context["counts"] == {"created": 0, "updated": 0, "unchanged": 2, "skipped": 0}
    assert "Ce fichier ne change rien" in response.content.decode()
    apply(again)
    assert "Rien n'a changé" in client.get(step("report", again)).content.decode()


def test_bad_rows_are_listed_and_nothing_is_written(client, world, apply):
    client.force_login(world.member_a)
    data = "Référence;Nom du projet;Date d'entrée\nR-1;;32/13/2024\nR-1;Doublon;01/01/2024\n".encode()
    upload(client, world, data=data)
    staged = StagedImport.objects.get()
    check = client.get(step("check", staged))
    problems = [
        "Ligne 2, colonne « Nom du projet » : Cette cellule est obligatoire.",
        "Ligne 2, colonne « Date d'entrée » : Cette date n'existe pas : « 32/13/2024 ».",
        "Ligne 3, colonne « Référence » : même clé « R-1 » que la ligne 2.",
    ]
    assert check.context["problems"] == problems
    before = Project.objects.count()
    response = apply(staged)  # the button is not shown; a POST anyway is refused by the worker
    assert (response.status_code, response.url) == (302, step("report", staged))
    report = client.get(response.url)
    html = report.content.decode()
    assert "rien n'a été enregistré" in html
    staged.refresh_from_db()
    assert (staged.state, staged.problems) == ("failed", problems)
    assert Project.objects.count() == before
    assert not ImportRun.objects.exists()
    assert client.get(step("check", staged)).status_code == 200  # a failed file may be checked again


def test_a_mapping_without_a_required_column_asks_for_it(client, world, staged):
    client.force_login(world.member_a)
    response = client.get(step("check", staged), {"col-0": "", "col-1": "name"})
    assert (
        response.context["problems"][0]
        == "Choisissez la colonne qui contient « Référence du projet » (obligatoire)."
    )
    assert response.context["plan"] is None


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Ce fichier n&#x27;est pas un tableau"),
        (
            "projets.xlsx",
            (SAMPLES / "projets-exemple.xlsx").read_bytes()[:2000],
            "Ce classeur n&#x27;est pas lisible",
        ),
        ("gros.csv", b"a;b\n" + b"x;y\n" * (5 * 1024 * 1024 // 4), "5 Mo au plus"),
        ("vieux.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "format .xls"),
    ],
)
def test_a_bad_file_gets_a_clear_message(client, world, name, data, message):
    client.force_login(world.member_a)
    response = upload(client, world, data=data, name=name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not StagedImport.objects.exists()


# --- who ---------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, world, staged):
    for url in (start_url(world), step("columns", staged), step("check", staged), step("report", staged)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("web:login"))


@pytest.mark.parametrize("role", ["carrier", "expert", "staff_b", "viewer"])
def test_others_do_not_see_the_programme_s_import_pages(client, world, staged, role):
    client.force_login(getattr(world, role))
    assert upload(client, world).status_code == 404
    for name in ("columns", "check", "report"):
        assert client.get(step(name, staged)).status_code == 404
    assert not StagedImport.objects.exclude(pk=staged.pk).exists()


def test_a_file_is_fetched_through_the_programme_and_its_author(client, world, staged):
    client.force_login(world.staff_b)
    assert client.get(step("columns", staged, slug=world.programme_b.slug)).status_code == 404
    client.force_login(world.admin_a)  # a colleague: the file is its author's
    assert client.get(step("columns", staged)).status_code == 404
    assert client.post(step("check", staged), {}).status_code == 404
    assert not ImportRun.objects.exists()


def test_a_platform_admin_may_import(client, world):
    client.force_login(world.platform_admin)
    assert upload(client, world).status_code == 302


@pytest.mark.parametrize(
    ("name", "method"), [("start", "put"), ("columns", "post"), ("report", "post"), ("check", "delete")]
)
def test_wrong_methods_are_refused(client, world, staged, name, method):
    client.force_login(world.member_a)
    url = start_url(world) if name == "start" else step(name, staged)
    assert getattr(client, method)(url).status_code == 405


def test_the_steps_follow_the_file_s_state(client, world, staged, apply):
    client.force_login(world.member_a)
    assert client.get(step("report", staged)).url == step("columns", staged)
    apply(staged)
    assert client.get(step("columns", staged)).url == step("report", staged)
    assert client.get(step("check", staged)).url == step("report", staged)


def test_the_import_is_in_the_activity_log(client, world, staged, apply):
    client.force_login(world.member_a)
    apply(staged)
    event = Event.objects.get(verb="import_projects", object_type="imports.importrun")
    assert event.programme_id == world.programme_a.pk
    assert (
        event.object_repr
        == "Projets et leurs porteurs (projets.csv) : 2\xa0créés, 0\xa0mis à jour, 0\xa0inchangé, 0\xa0ignoré"
    )


@pytest.mark.parametrize("runs", [1, 6])
def test_the_start_page_s_recent_imports_take_a_fixed_number_of_queries(
    client, world, runs, django_assert_max_num_queries
):
    for i in range(runs):
        ImportRun.objects.create(
            programme=world.programme_a, kind="projects", by=world.member_a, filename=f"{i}.csv"
        )
    client.force_login(world.member_a)
    with django_assert_max_num_queries(10):
        response = client.get(start_url(world))
    assert len(response.context["recent"]) == runs


# --- the task worker and the progress page --------------------------------------------------------


def test_the_import_waits_for_the_worker_and_the_page_polls_with_a_plain_link(client, world, staged):
    client.force_login(world.member_a)
    response = client.post(step("check", staged), {})  # no commit in this test: the task waits
    assert (response.status_code, response.url) == (302, step("report", staged))
    staged.refresh_from_db()
    assert (staged.state, staged.mapping[:2]) == ("queued", ["reference", "name"])
    page = client.get(step("report", staged))
    html = page.content.decode()
    assert page.status_code == 200
    assert f'hx-get="{step("report", staged)}" hx-trigger="every 2s" hx-select="#import-status"' in html
    assert f'<a href="{step("report", staged)}">Actualiser</a>' in html
    assert "En attente de traitement" in html and "2 lignes à importer" in html
    assert "http-equiv" not in html and "<script>" not in html
    assert Project.objects.filter(name="Atelier vélo de Sète").exists() is False


def test_a_running_import_says_so_and_a_done_one_stops_polling(client, world, staged, apply):
    client.force_login(world.member_a)
    client.post(step("check", staged), {})
    staged = import_start_run(by=IMPORT, staged=staged)
    html = client.get(step("report", staged)).content.decode()
    assert "En cours" in html and "hx-trigger" in html
    apply_staged_import.call(staged.pk)  # what the worker does (the file is no longer queued: left alone)
    staged.refresh_from_db()
    assert staged.state == "running"
    import_apply(by=IMPORT, staged=staged)
    html = client.get(step("report", staged)).content.decode()
    assert "hx-trigger" not in html
    assert "Import de « projets.csv » terminé" in html


def test_asking_twice_queues_once(client, world, staged, apply):
    client.force_login(world.member_a)
    apply(staged)
    second = apply(staged)
    assert (second.status_code, second.url) == (302, step("report", staged))
    assert ImportRun.objects.count() == 1
    assert Event.objects.filter(object_type="imports.stagedimport", workflow="import").count() == 3


def test_rights_withdrawn_before_the_worker_runs_fail_the_import(client, world, staged, apply):
    client.force_login(world.member_a)
    client.post(step("check", staged), {})
    world.member_a.memberships.all().delete()
    apply_staged_import.call(staged.pk)
    staged.refresh_from_db()
    assert staged.state == "failed"
    assert len(staged.problems) == 1
    assert not ImportRun.objects.exists()


# --- sample files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["projects", "carriers", "meetings", "experts"])
@pytest.mark.parametrize(("fmt", "content_type"), [("csv", "text/csv; charset=utf-8"), ("xlsx", XLSX)])
def test_sample_files_download_and_import_without_a_problem(client, world, kind, fmt, content_type):
    client.force_login(world.member_a)
    url = reverse("workspace:import_template", args=[world.programme_a.slug, kind, fmt])
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, content_type)
    name = samples.filename(kind, fmt)
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    if kind in ("carriers", "meetings"):  # they refer to the sample projects
        staged_projects = import_stage(
            by=world.member_a,
            programme=world.programme_a,
            kind="projects",
            filename="p.csv",
            data=samples.to_csv("projects"),
        )
        rows, columns = rows_from(staged_projects, guess(staged_projects.headers, "projects"))
        import_projects(by=world.member_a, programme=world.programme_a, rows=rows, columns=columns)
    staged = import_stage(
        by=world.member_a, programme=world.programme_a, kind=kind, filename=name, data=response.content
    )
    plan = plan_for(staged, guess(staged.headers, kind))
    assert [str(p) for p in plan.problems] == []
    assert plan.counts()["created"] == 2


def test_the_start_page_links_every_sample(client, world):
    client.force_login(world.member_a)
    html = client.get(start_url(world)).content.decode()
    for kind in ("projects", "carriers", "meetings", "experts"):
        for fmt in ("csv", "xlsx"):
            assert reverse("workspace:import_template", args=[world.programme_a.slug, kind, fmt]) in html


def test_sample_files_are_the_programme_staff_s(client, world):
    url = reverse("workspace:import_template", args=[world.programme_a.slug, "projects", "csv"])
    response = client.get(url)
    assert (response.status_code, response.url.startswith(reverse("web:login"))) == (302, True)
    client.force_login(world.staff_b)
    assert client.get(url).status_code == 404
    client.force_login(world.member_a)
    assert client.post(url).status_code == 405
    for kind, fmt in (("carrots", "csv"), ("projects", "ods")):
        assert (
            client.get(
                reverse("workspace:import_template", args=[world.programme_a.slug, kind, fmt])
            ).status_code
            == 404
        )
