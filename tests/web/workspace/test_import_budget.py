"""Budget lines through the import pages (kind "budget"): upload, check, the worker, the report;
a row naming another programme is listed and nothing is written; the sample files import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from essaim.evidence.models import ProgrammeBudgetLine
from essaim.imports import samples
from essaim.imports.models import ImportRun, StagedImport
from essaim.imports.services import import_stage

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILE = (
    "Dispositif;Année;Source;Montant\r\nincubateur-a;2024;État;30 000\r\n;2024;Prestations;8 000\r\n".encode()
)


def step(name, staged):
    return reverse(f"workspace:import_{name}", args=[staged.programme.slug, staged.pk])


@pytest.fixture
def apply(client, django_capture_on_commit_callbacks):
    def post(staged, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(step("check", staged), data or {})

    return post


def test_staff_import_budget_lines_through_the_pages_and_a_second_run_changes_nothing(client, world, apply):
    client.force_login(world.member_a)
    url = reverse("workspace:import_start", args=[world.programme_a.slug])
    response = client.post(url, {"kind": "budget", "file": SimpleUploadedFile("budget.csv", FILE)})
    staged = StagedImport.objects.get()
    assert response.status_code == 302 and response.url == step("columns", staged)
    assert client.get(response.url).status_code == 200
    check = client.get(step("check", staged))
    assert check.context["counts"] == {"created": 2, "updated": 0, "unchanged": 0, "skipped": 0}
    applied = apply(staged)
    assert applied.url == step("report", staged)
    assert client.get(applied.url).context["counts"]["created"] == 2
    assert ProgrammeBudgetLine.objects.filter(budget__programme=world.programme_a).count() == 2

    again = import_stage(
        by=world.member_a, programme=world.programme_a, kind="budget", filename="budget.csv", data=FILE
    )
    response = client.get(step("check", again))
    assert response.context["counts"]["unchanged"] == 2
    assert "Ce fichier ne change rien" in response.content.decode()


def test_a_row_naming_another_programme_is_listed_and_nothing_is_written(client, world, apply):
    client.force_login(world.member_a)
    data = FILE + "pepiniere-b;2024;État;100\r\n".encode()
    staged = import_stage(
        by=world.member_a, programme=world.programme_a, kind="budget", filename="b.csv", data=data
    )
    html = client.get(step("check", staged)).content.decode()
    assert "Ligne 4, colonne « Dispositif »" in html
    assert "pepiniere-b" in html
    apply(staged)
    assert not ProgrammeBudgetLine.objects.exists()
    assert not ImportRun.objects.exists()


def test_another_programme_s_staff_get_a_404(client, world):
    staged = import_stage(
        by=world.member_a, programme=world.programme_a, kind="budget", filename="b.csv", data=FILE
    )
    client.force_login(world.staff_b)
    assert client.get(step("check", staged)).status_code == 404


@pytest.mark.parametrize(("fmt", "content_type"), [("csv", "text/csv; charset=utf-8"), ("xlsx", XLSX)])
def test_the_budget_samples_download(client, world, fmt, content_type):
    client.force_login(world.member_a)
    url = reverse("workspace:import_template", args=[world.programme_a.slug, "budget", fmt])
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, content_type)
    assert response["Content-Disposition"] == f'attachment; filename="{samples.filename("budget", fmt)}"'


def test_the_budget_page_links_the_import_and_its_templates(client, world):
    client.force_login(world.member_a)
    html = client.get(reverse("reports:programme_budget", args=[world.programme_a.slug])).content.decode()
    assert reverse("workspace:import_start", args=[world.programme_a.slug]) in html
    for fmt in ("csv", "xlsx"):
        assert reverse("workspace:import_template", args=[world.programme_a.slug, "budget", fmt]) in html
