import datetime as dt
import io
import re
import zlib

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from essaim.core.dates import latest_year
from essaim.evidence.facts import facts_refresh
from essaim.evidence.models import ReportFile
from essaim.evidence.privacy import SMALL
from essaim.evidence.selectors import Period
from tests.factories.accounts import MembershipFactory, TerritoryScopeFactory, UserFactory
from tests.factories.directory import ProgrammeFactory
from tests.factories.evidence import created_project
from tests.factories.financing import (
    FinancingPlanFactory,
    FinancingResourceFactory,
    FunderFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 1, 1)
OCCITANIE = reverse("reports:territory", kwargs={"level": "region", "code": "76"})
IDF = reverse("reports:territory", kwargs={"level": "region", "code": "11"})


def _projects(programme, commune_id="34172", n=6):
    ids = []
    for i in range(n):
        created = dt.date(2016 + i % 3, 1, 1)
        end = created + dt.timedelta(days=400 + 300 * i)
        obs = (end, "ceased", "0", end) if i % 3 == 1 else (end, "active", "2")
        ids.append(
            created_project(
                programme=programme, created_on=created, commune_id=commune_id, observations=[obs]
            ).pk
        )
    facts_refresh(ids, today=TODAY)
    return ids


@pytest.fixture
def programme():
    return ProgrammeFactory(name="Alter'Incub test", slug="alter-incub-test")


@pytest.fixture
def viewer(client):
    return TerritoryScopeFactory(level="region", code="76").user


def test_territory_viewer_sees_own_region_report(client, viewer, programme):
    _projects(programme)
    client.force_login(viewer)
    response = client.get(OCCITANIE)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ce que l'accompagnement a produit — Occitanie" in body
    assert '<svg class="chart" id="survie"' in body
    assert '<title id="survie-title">Survie des entreprises créées</title>' in body
    assert 'id="table-survie_5_ans"' in body
    assert "style=" not in body
    assert "<script>" not in body


def test_territory_viewer_gets_403_elsewhere(client, viewer):
    client.force_login(viewer)
    assert client.get(IDF).status_code == 403
    assert client.get(IDF + "rapport.pdf").status_code == 403
    assert (
        client.get(reverse("reports:territory", kwargs={"level": "departement", "code": "75"})).status_code
        == 403
    )
    assert (
        client.get(reverse("reports:territory", kwargs={"level": "departement", "code": "34"})).status_code
        == 200
    )


def test_unknown_scope_is_404(client, viewer):
    client.force_login(viewer)
    assert (
        client.get(reverse("reports:territory", kwargs={"level": "region", "code": "99"})).status_code == 404
    )
    assert client.get(reverse("reports:programme", kwargs={"slug": "nope"})).status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get(OCCITANIE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_wrong_method(client, viewer):
    client.force_login(viewer)
    assert client.post(OCCITANIE).status_code == 405
    assert client.get(OCCITANIE + "produire/").status_code == 405


def test_programme_staff_inside_and_stranger_403(client, programme):
    _projects(programme, n=2)
    url = reverse("reports:programme", kwargs={"slug": programme.slug})
    staff = MembershipFactory(organisation=programme.organisation).user
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["report"].projects == 2
    client.force_login(MembershipFactory().user)
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(carrier=True))
    assert client.get(url).status_code == 403


def test_small_groups_are_suppressed_for_viewers(client, viewer, programme):
    _projects(programme, n=3)
    client.force_login(viewer)
    response = client.get(OCCITANIE)
    report = response.context["report"]
    assert (report.projects, report.created, report.fte) == (SMALL, SMALL, SMALL)
    assert "&lt; 5" in response.content.decode()


def test_bad_period_is_400_with_french_message(client, viewer):
    client.force_login(viewer)
    response = client.get(OCCITANIE, {"de": "hier"})
    assert response.status_code == 400
    assert f"Année attendue entre 1990 et {latest_year()}." in response.content.decode()
    assert client.get(OCCITANIE + "rapport.csv", {"de": "2020", "a": "2010"}).status_code == 400


def test_period_filters_cohorts(client, viewer, programme):
    _projects(programme, n=9)
    client.force_login(MembershipFactory(organisation=programme.organisation).user)
    page = reverse("reports:programme", kwargs={"slug": programme.slug})
    response = client.get(page, {"de": "2016", "a": "2017", "par": "cohort"})
    assert response.status_code == 200
    assert response.context["report"].projects == 6
    assert [c.label for c in response.context["report"].curves] == ["2016", "2017"]


def test_a_period_asked_from_outside_is_widened_to_blocks(client, viewer, programme):
    """Issue 16: 2016–2017 minus 2016 would give the projects of 2017 (three) to a viewer."""
    _projects(programme, n=9)
    client.force_login(viewer)
    response = client.get(OCCITANIE, {"de": "2016", "a": "2017"})
    figures = response.context["report"]
    assert (figures.projects, figures.period, figures.asked, figures.period_widened) == (
        9,
        Period(),
        Period(2016, 2017),
        True,
    )
    assert "Période demandée : entrées de 2016 à 2017." in response.content.decode()
    assert client.get(OCCITANIE, {"de": "2016", "a": "2016"}).context["report"].projects == 9


def test_csv_and_xlsx_exports(client, viewer, programme):
    _projects(programme)
    client.force_login(viewer)
    response = client.get(OCCITANIE + "rapport.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="essaim-rapport-territory-region-76.csv"'
    text = response.content.decode("utf-8-sig")
    assert "Rapport;Occitanie;toutes les entrées" in text
    assert "Projets accompagnés;6" in text
    response = client.get(OCCITANIE + "rapport.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Chiffres clés"]
    assert [c.value for c in sheet[3]] == ["Projets accompagnés", 6]


def _pdf_text_maps(pdf: bytes) -> str:
    out = []
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            out.append(zlib.decompressobj().decompress(pdf[match.end() :]).decode("latin-1"))
        except zlib.error:
            continue
    return "\n".join(out)


def test_pdf_embeds_dejavu_with_accents(client, viewer, programme):
    _projects(programme)
    client.force_login(viewer)
    response = client.get(OCCITANIE + "rapport.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    objects = _pdf_text_maps(pdf)
    assert "/FontName /" in objects and "DejaVu-Sans" in objects
    assert "/FontFile2" in objects  # the font program is embedded
    # The ToUnicode map of the embedded font carries é (U+00E9): accents are real text.
    assert "<00e9>" in objects.lower()


def test_pdf_html_has_every_table_and_styled_charts(viewer, programme):
    from essaim.evidence.exports import pdf_html
    from essaim.evidence.selectors import parse_scope, report

    _projects(programme)
    html = pdf_html(
        report(parse_scope("territory:region:76"), inside=False), generated_on=dt.date(2025, 3, 1)
    )
    for slug in ("chiffres_cles", "survie_5_ans", "survie", "parcours", "emplois"):
        assert f'id="table-{slug}"' in html
    assert html.count("<style>.chart__axis") == 3
    assert "produit le 1 mars 2025 par Essaim" in html


def test_large_report_is_generated_by_the_task_worker(client, viewer, programme, settings, monkeypatch):
    from essaim.web.reports import views

    monkeypatch.setattr(views, "LARGE_REPORT", 3)
    _projects(programme)
    client.force_login(viewer)
    page = client.get(OCCITANIE)
    assert page.context["is_large"] is True
    assert client.get(OCCITANIE + "rapport.pdf").status_code == 302
    response = client.post(OCCITANIE + "produire/", {"format": "csv"})
    job = ReportFile.objects.get()
    assert response["Location"] == reverse("reports:file", args=[job.pk])
    assert (job.status, job.progress, job.user) == ("ready", 100, viewer)
    status = client.get(response["Location"])
    assert "Télécharger essaim-rapport-territory-region-76.csv" in status.content.decode()
    download = client.get(reverse("reports:file_download", args=[job.pk]))
    assert "Projets accompagnés;6" in download.content.decode("utf-8-sig")
    client.force_login(UserFactory())
    assert client.get(reverse("reports:file", args=[job.pk])).status_code == 404
    assert client.get(reverse("reports:file_download", args=[job.pk])).status_code == 404


def test_generate_refuses_bad_format(client, viewer):
    client.force_login(viewer)
    assert client.post(OCCITANIE + "produire/", {"format": "docx"}).status_code == 400
    assert ReportFile.objects.count() == 0


def test_index_lists_only_own_scopes(client, viewer, programme):
    client.force_login(viewer)
    response = client.get(reverse("reports:index"))
    assert [s.ref for s in response.context["scopes"]] == ["territory:region:76"]
    assert OCCITANIE in response.content.decode()


def test_report_query_count_independent_of_projects(client, viewer, programme, django_assert_num_queries):
    _projects(programme, n=5)
    client.force_login(viewer)
    # 9, and France's table by région (4 grouped queries, then cached until the facts change),
    # and the Région's share of the programmes' budgets (5: the reader's territories and
    # organisations, the lines, the created enterprises, the programmes), and the platform's
    # deals (1; with five winners or more, one more per territory above for their table)
    with django_assert_num_queries(19) as ctx:
        client.get(OCCITANIE)
    count = len(ctx.captured_queries)
    _projects(programme, n=12)
    with django_assert_num_queries(count):
        client.get(OCCITANIE)


def test_index_query_count_does_not_grow(client, django_assert_num_queries):
    user = UserFactory()
    MembershipFactory(user=user, organisation=ProgrammeFactory().organisation)
    client.force_login(user)
    TerritoryScopeFactory(user=user, level="departement", code="34")
    with django_assert_num_queries(12) as ctx:
        client.get(reverse("reports:index"))
    count = len(ctx.captured_queries)
    for _ in range(4):
        MembershipFactory(user=user, organisation=ProgrammeFactory().organisation)
    TerritoryScopeFactory(user=user, level="departement", code="30")
    TerritoryScopeFactory(user=user, level="departement", code="11")
    with django_assert_num_queries(count):
        response = client.get(reverse("reports:index"))
    assert [s.label for s in response.context["scopes"] if s.kind == "territory"] == [
        "Aude",
        "Gard",
        "Hérault",
    ]


def test_funder_report_for_its_organisation_only(client, programme):
    ids = _projects(programme)
    funder = FunderFactory(organisation=programme.organisation, name="Fondation test")
    for pid in ids:
        FinancingResourceFactory(plan=FinancingPlanFactory(project_id=pid), funder=funder, status="paid")
    facts_refresh(ids, today=TODAY)
    url = reverse("reports:funder", kwargs={"slug": funder.slug})
    client.force_login(MembershipFactory(organisation=programme.organisation).user)
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["report"].projects == 6
    client.force_login(MembershipFactory().user)
    assert client.get(url).status_code == 403
    client.force_login(TerritoryScopeFactory().user)
    assert client.get(url).status_code == 403


def test_other_views_refuse_wrong_methods(client, viewer):
    client.force_login(viewer)
    assert client.post(reverse("reports:index")).status_code == 405
    assert client.post(OCCITANIE + "rapport.csv").status_code == 405
    job = ReportFile.objects.create(user=viewer, scope="territory:region:76", format="csv")
    assert client.post(reverse("reports:file", args=[job.pk])).status_code == 405
    assert client.get(reverse("reports:file_download", args=[job.pk])).status_code == 404  # not ready yet


def test_call_report_covers_projects_selected_through_the_call(client, programme):
    from tests.factories.calls import ApplicationFactory, CallFactory

    ids = _projects(programme)
    call = CallFactory(programme=programme, title="Appel 2016")
    for pid in ids[:5]:
        ApplicationFactory(call=call, project_id=pid)
    staff = MembershipFactory(organisation=programme.organisation).user
    client.force_login(staff)
    page = client.get(reverse("reports:programme", kwargs={"slug": programme.slug}))
    url = reverse("reports:call", kwargs={"call_id": call.pk})
    assert url in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert (response.context["report"].scope.label, response.context["report"].projects) == ("Appel 2016", 5)
    api = client.get("/api/v1/evidence/summary", {"scope": f"call:{call.pk}"}).json()
    assert api["projects"] == 5
    # An unreadable scope follows the document (a string) and is refused by the domain: 422.
    assert client.get("/api/v1/evidence/summary", {"scope": "call:abc"}).status_code == 422
    client.force_login(MembershipFactory().user)
    assert client.get(url).status_code == 403
    assert client.get(reverse("reports:call", kwargs={"call_id": 999999})).status_code == 404
