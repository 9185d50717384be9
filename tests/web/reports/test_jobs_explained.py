"""A local-authority viewer's key figure of jobs and the jobs chart: both computed on the same
data; where their definitions part (an enterprise without a check-in for more than two years),
the report says why, with both numbers."""

import datetime as dt

import pytest
from django.urls import reverse

from essaim.evidence.facts import facts_refresh
from essaim.evidence.selectors import Period, parse_scope, report
from essaim.web.reports.explanations import jobs_note
from tests.factories.accounts import TerritoryScopeFactory
from tests.factories.directory import ProgrammeFactory
from tests.factories.evidence import created_project

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 1, 1)
OCCITANIE = reverse("reports:territory", kwargs={"level": "region", "code": "76"})


def build(*, stale: int, recent: int = 5):
    """`recent` enterprises seen in 2024 (2 ETP each), `stale` ones last seen in 2019 (1 ETP)."""
    programme = ProgrammeFactory()
    ids = [
        created_project(
            programme=programme,
            created_on=dt.date(2022, 3, 1),
            commune_id="34172",
            observations=[(dt.date(2024, 6, 1), "active", "2")],
        ).pk
        for _ in range(recent)
    ] + [
        created_project(
            programme=programme,
            created_on=dt.date(2018, 3, 1),
            commune_id="34172",
            observations=[(dt.date(2019, 3, 1), "active", "1")],
        ).pk
        for _ in range(stale)
    ]
    facts_refresh(ids, today=TODAY)


def occitanie():
    return report(parse_scope("territory:region:76"), Period(), inside=False)


def test_both_definitions_on_the_same_data():
    build(stale=5)
    figures = occitanie()
    assert figures.fte == 15.0  # 5 × 2 recent + 5 × 1 stale: every enterprise active at its last check-in
    assert [(r["year"], r["fte"]) for r in figures.jobs] == [
        (2018, 0.0),  # created, no check-in yet
        (2019, 5.0),
        (2020, 5.0),
        (2021, 5.0),  # the stale ones carried two years after their last check-in, no longer
        (2022, 0.0),
        (2023, 0.0),
        (2024, 10.0),
        (2025, 10.0),  # at 31 December (this year: to date): the stale ones do not count
    ]
    assert jobs_note(figures) == (
        "Ici, le graphique compte 10 ETP en 2025 et le chiffre clé 15 ETP : le chiffre clé garde les "
        "emplois des entreprises dont le dernier point de suivi date de plus de deux ans, le graphique "
        "ne les reporte plus."
    )


def test_when_they_agree_nothing_more_is_said():
    build(stale=0)
    figures = occitanie()
    assert (figures.fte, figures.jobs[-1]["fte"]) == (10.0, 10.0)
    assert jobs_note(figures) == ""


def test_the_viewer_reads_the_explanation_on_the_report(client):
    build(stale=5)
    client.force_login(TerritoryScopeFactory(level="region", code="76").user)
    response = client.get(OCCITANIE)
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["jobs_note"] in html
    assert '<a href="#jobs-note" class="hint">(pourquoi ce chiffre diffère du graphique)</a>' in html
    assert "Le chiffre clé « Emplois (ETP) » compte les emplois déclarés au dernier point de suivi" in html
