"""The "Importer" pages (essaim/web/workspace/imports.py): upload → columns → check → report, for
the programme's staff only, with the file kept server-side between the steps."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from essaim.accompaniment.models import Project
from essaim.audit.models import Event
from essaim.imports.models import ImportRun, StagedImport
from essaim.imports.services import import_stage

pytestmark = pytest.mark.django_db

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
def staged(world):
    return import_stage(
        by=world.member_a, programme=world.programme_a, kind="projects", filename="projets.csv", data=EXCEL_FR
    )


# --- the journey ---------------------------------------------------------------------------------


def test_staff_import_a_windows_1252_csv_in_three_steps(client, world):
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

    applied = client.post(
        step("check", staged), {f"col-{i}": f for i, f in enumerate(check.context["form"].mapping())}
    )
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


def test_a_second_run_of_the_same_file_says_it_changes_nothing(client, world, staged):
    client.force_login(world.member_a)
    client.post(step("check", staged), {})  # guessed mapping
    again = import_stage(
        by=world.member_a, programme=world.programme_a, kind="projects", filename="projets.csv", data=EXCEL_FR
    )
    response = client.get(step("check", again))
    assert response.context["counts"] == {"created": 0, "updated": 0, "unchanged": 2, "skipped": 0}
    assert "Ce fichier ne change rien" in response.content.decode()
    client.post(step("check", again), {})
    assert "Rien n'a changé" in client.get(step("report", again)).content.decode()


def test_bad_rows_are_listed_and_nothing_is_written(client, world):
    client.force_login(world.member_a)
    data = "Référence;Nom du projet;Date d'entrée\nR-1;;32/13/2024\nR-1;Doublon;01/01/2024\n".encode()
    upload(client, world, data=data)
    staged = StagedImport.objects.get()
    check = client.get(step("check", staged))
    assert check.context["problems"] == [
        "Ligne 2, colonne « Nom du projet » : Cette cellule est obligatoire.",
        "Ligne 2, colonne « Date d'entrée » : Cette date n'existe pas : « 32/13/2024 ».",
        "Ligne 3, colonne « Référence » : même clé « R-1 » que la ligne 2.",
    ]
    before = Project.objects.count()
    response = client.post(step("check", staged), {})
    assert response.status_code == 400
    assert "rien n'a été enregistré" in response.content.decode()
    assert Project.objects.count() == before
    assert not ImportRun.objects.exists()


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


def test_the_steps_follow_the_file_s_state(client, world, staged):
    client.force_login(world.member_a)
    assert client.get(step("report", staged)).url == step("columns", staged)
    client.post(step("check", staged), {})
    assert client.get(step("columns", staged)).url == step("report", staged)
    assert client.get(step("check", staged)).url == step("report", staged)


def test_the_import_is_in_the_activity_log(client, world, staged):
    client.force_login(world.member_a)
    client.post(step("check", staged), {})
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
