"""The programmes' economic models on the conductor's dashboard (essaim/network/economic.py, the
`conductor.ECONOMIC_MODELS` hook): latest year's shares, diversification, trend, the authority's
own funding share; the page, the PDF and the API show them to the conductor only."""

from decimal import Decimal

import pytest
from django.urls import reverse

from essaim.accompaniment.models import Project
from essaim.core.actors import SYSTEM
from essaim.evidence.facts import facts_refresh
from essaim.evidence.services import budget_line_set
from essaim.network import conductor
from essaim.network.conductor import dashboard
from essaim.network.economic import economic_models
from essaim.network.selectors import ecosystem_subject, territory_subject
from tests.factories.financing import FunderFactory

HERAULT = reverse("network:territory_conductor", kwargs={"level": "departement", "code": "34"})


@pytest.fixture
def budgets(world):
    facts_refresh(list(Project.objects.values_list("pk", flat=True)))
    for year, source, amount in [
        (2022, "state", "80000"),
        (2022, "services", "20000"),
        (2024, "state", "40000"),
        (2024, "region", "30000"),
        (2024, "services", "20000"),
        (2024, "contributions", "10000"),
    ]:
        budget_line_set(programme=world.alpha, year=year, source=source, amount=amount, by=SYSTEM)
    budget_line_set(programme=world.beta, year=2023, source="departement", amount="5000", by=SYSTEM)
    return world


def test_the_hook_is_set():
    assert conductor.ECONOMIC_MODELS is economic_models


def test_a_region_s_viewer_sees_each_programme_s_latest_year_and_the_region_s_share(budgets):
    models = economic_models(territory_subject("departement", "34"), budgets.viewer)
    assert [s.value for s in models.sources] == ["region"]
    rows = {row.slug: row for row in models.rows}
    assert set(rows) == {"alpha", "beta"}
    alpha = rows["alpha"]
    assert alpha.latest.year == 2024 and alpha.latest.total == Decimal("100000")
    assert alpha.latest.shares["subsidies"] == pytest.approx(0.7)
    assert alpha.latest.diversification == pytest.approx(1 - (0.16 + 0.09 + 0.04 + 0.01))
    assert (alpha.trend.first, alpha.trend.last) == (2022, 2024)
    assert (alpha.trend.subsidies_points, alpha.trend.earned_points) == (-10.0, 10.0)
    assert (alpha.contribution, alpha.share, alpha.leverage) == (Decimal("30000"), 0.3, 3.33)
    beta = rows["beta"]
    assert (beta.share, beta.leverage, beta.trend) == (0.0, None, None)
    assert models.without_lines == 1  # Gamma has projects in the Hérault and no lines
    as_dict = models.as_dict()
    assert as_dict["programmes"][0]["programme"] == "alpha"
    assert as_dict["programmes"][0]["authority_share"] == 0.3


def test_an_ecosystem_s_leader_sees_the_sources_of_its_funders(budgets):
    FunderFactory(organisation=budgets.org_l, kind="departement")
    models = economic_models(ecosystem_subject(budgets.eco), budgets.leader_staff)
    assert [s.value for s in models.sources] == ["departement"]
    rows = {row.slug: row for row in models.rows}
    assert rows["beta"].share == 1.0 and rows["beta"].leverage == 1.0
    assert rows["alpha"].share == 0.0


def test_a_leader_without_funders_sees_no_share_column(client, budgets):
    models = economic_models(ecosystem_subject(budgets.eco), budgets.leader_staff)
    assert models.sources == [] and len(models.rows) == 2


def test_the_conductor_page_shows_the_economic_models(client, budgets):
    client.force_login(budgets.viewer)
    response = client.get(HERAULT)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="economic-models"' in html
    assert "Modèles économiques des dispositifs" in html
    assert "Part de votre collectivité" in html
    assert "« Subvention de la région »" in html
    assert "2022–2024 : subventions -10.0 pts" in html or "2022–2024 : subventions -10,0 pts" in html
    assert "1 dispositif du périmètre n'a pas de budget détaillé par source." in html


@pytest.mark.parametrize("role", ["other_viewer", "outsider", "a_admin"])
def test_others_do_not_get_the_page(client, budgets, role):
    client.force_login(getattr(budgets, role))
    response = client.get(HERAULT)
    assert response.status_code in (403, 404)
    assert "economic-models" not in response.content.decode()


def test_anonymous_is_sent_to_login(client, budgets):
    assert client.get(HERAULT).status_code == 302


def test_the_diagnostic_pdf_includes_them(budgets):
    from django.template.loader import render_to_string

    board = dashboard(territory_subject("departement", "34"), user=budgets.viewer)
    html = render_to_string("network/diagnostic_pdf.html", {"board": board, "subject": board.subject})
    assert 'id="economic-models"' in html


def test_the_api_gives_them(client, budgets):
    client.force_login(budgets.viewer)
    response = client.get("/api/v1/network/territories/departement/34/conductor")
    assert response.status_code == 200
    models = response.json()["economic_models"]
    assert models["sources"] == ["region"]
    alpha = next(p for p in models["programmes"] if p["programme"] == "alpha")
    assert alpha["year"] == 2024 and alpha["authority_share"] == 0.3
    assert alpha["trend"]["subsidies_points"] == -10.0


def test_the_models_take_a_fixed_number_of_queries(budgets, django_assert_max_num_queries):
    subject = territory_subject("departement", "34")
    for year in range(2000, 2020):
        budget_line_set(programme=budgets.gamma, year=year, source="other", amount="1", by=SYSTEM)
    with django_assert_max_num_queries(4):
        assert len(economic_models(subject, budgets.viewer).rows) == 3
