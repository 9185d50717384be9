"""The report page, CSV and XLSX carry the funnel by the chosen breakdown."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from essaim.evidence.facts import facts_refresh
from essaim.evidence.privacy import MASKED
from tests.factories.accounts import MembershipFactory, TerritoryScopeFactory
from tests.factories.directory import ProgrammeFactory
from tests.factories.evidence import created_project

pytestmark = pytest.mark.django_db

OCCITANIE = reverse("reports:territory", kwargs={"level": "region", "code": "76"})
TITLE = "Parcours par étape, par cohorte (année d'entrée)"


@pytest.fixture
def programme():
    programme = ProgrammeFactory(name="Alter'Incub test", slug="alter-incub-test")
    ids = [
        created_project(
            programme=programme,
            commune_id="34172",
            started_on=dt.date(year, 3, 1),
            created_on=dt.date(year + 1, 1, 1),
        ).pk
        for year in [2016] * 5 + [2017] * 2
    ]
    facts_refresh(ids, today=dt.date(2025, 1, 1))
    return programme


def _rows(response):
    return [row[:3] for row in response.context["tables"]["parcours_ventile"].rows]


def test_territory_page_shows_funnel_by_cohort_with_suppression(client, programme):
    client.force_login(TerritoryScopeFactory(level="region", code="76").user)
    response = client.get(OCCITANIE, {"par": "cohort"})
    assert response.status_code == 200
    # 7 projects in all: 2017's 2 would be 7 − 5, so both rows are hidden (issue 16)
    assert _rows(response) == [
        ["2016", "Suivi post-création", MASKED],
        ["2017", "Suivi post-création", MASKED],
    ]
    assert 'id="table-parcours_ventile"' in response.content.decode()
    assert "parcours_ventile" not in client.get(OCCITANIE).context["tables"]


def test_programme_page_by_cohort_in_full(client, programme):
    client.force_login(MembershipFactory(organisation=programme.organisation).user)
    response = client.get(reverse("reports:programme", kwargs={"slug": programme.slug}), {"par": "cohort"})
    assert _rows(response) == [["2016", "Suivi post-création", 5], ["2017", "Suivi post-création", 2]]


def test_csv_and_xlsx_carry_the_breakdown(client, programme):
    client.force_login(TerritoryScopeFactory(level="region", code="76").user)
    csv_text = client.get(OCCITANIE + "rapport.csv", {"par": "cohort"}).content.decode("utf-8-sig")
    assert TITLE in csv_text
    assert "2016;Suivi post-création;masqué;masqué;masqué;masqué;masqué" in csv_text.replace("\r\n", "\n")
    assert "2017;Suivi post-création;masqué;masqué;masqué;masqué;masqué" in csv_text.replace("\r\n", "\n")
    book = load_workbook(io.BytesIO(client.get(OCCITANIE + "rapport.xlsx", {"par": "cohort"}).content))
    sheet = book[TITLE[:31]]
    assert [c.value for c in sheet[4]] == ["2017", "Suivi post-création", *["masqué"] * 5]


def test_other_territory_by_breakdown_is_403(client, programme):
    client.force_login(TerritoryScopeFactory(level="region", code="76").user)
    idf = reverse("reports:territory", kwargs={"level": "region", "code": "11"})
    assert client.get(idf, {"par": "cohort"}).status_code == 403
    assert client.get(idf + "rapport.csv", {"par": "cohort"}).status_code == 403
