"""A funder's viewer (a member of the funder's organisation) sees aggregates of the projects
that funder financed, and nothing of another funder or of the projects themselves."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from essaim.evidence.facts import facts_refresh
from essaim.evidence.privacy import SMALL
from essaim.evidence.selectors import access, parse_scope, reports_for
from tests.factories.accounts import MembershipFactory
from tests.factories.directory import OrganisationFactory, ProgrammeFactory
from tests.factories.evidence import created_project
from tests.factories.financing import FinancingPlanFactory, FinancingResourceFactory, FunderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    programme = ProgrammeFactory(name="Dispositif P")
    projects = [
        created_project(programme=programme, commune_id="34172", started_on=dt.date(2016, 3, 1))
        for _ in range(8)
    ]
    plans = [FinancingPlanFactory(project=p) for p in projects]
    a = FunderFactory(organisation=OrganisationFactory(), name="Fondation A", slug="fondation-a")
    b = FunderFactory(organisation=OrganisationFactory(), name="Banque B", slug="banque-b", kind="bank")
    for plan in plans[:5]:
        FinancingResourceFactory(plan=plan, funder=a, amount=Decimal("1000"), status="paid")
    FinancingResourceFactory(plan=plans[5], funder=a, amount=Decimal("9999"), status="requested")
    FinancingResourceFactory(
        plan=plans[5], funder=b, amount=Decimal("7000"), status="granted", instrument="bank_loan"
    )
    FinancingResourceFactory(
        plan=plans[6], funder=b, amount=Decimal("7000"), status="paid", instrument="bank_loan"
    )
    facts_refresh([p.pk for p in projects], today=dt.date(2025, 1, 1))
    viewer = MembershipFactory(organisation=a.organisation).user
    return {"programme": programme, "projects": projects, "a": a, "b": b, "viewer": viewer}


def test_funder_viewer_reaches_only_its_own_funder(world):
    viewer = world["viewer"]
    assert [s.ref for s in reports_for(viewer)] == ["funder:fondation-a"]
    assert access(viewer, parse_scope("funder:fondation-a")) == "outside"
    assert access(viewer, parse_scope("funder:banque-b")) is None
    assert access(viewer, parse_scope(f"programme:{world['programme'].slug}")) is None
    assert access(viewer, parse_scope("territory:region:76")) is None


def test_funder_report_counts_only_projects_it_financed(client, world):
    client.force_login(world["viewer"])
    response = client.get(reverse("reports:funder", kwargs={"slug": "fondation-a"}))
    assert response.status_code == 200
    figures = response.context["report"]
    assert figures.inside is False
    assert (figures.projects, figures.leverage["public"], figures.leverage["private"]) == (
        5,
        Decimal("5000.00"),
        Decimal("0.00"),
    )
    body = response.content.decode()
    assert "Banque B" not in body
    summary = client.get("/api/v1/evidence/summary", {"scope": "funder:fondation-a"}).json()
    assert (summary["projects"], summary["leverage"]["public"]) == (5, 5000.0)


def test_other_funder_figures_and_projects_are_unreachable(client, world):
    client.force_login(world["viewer"])
    other = reverse("reports:funder", kwargs={"slug": "banque-b"})
    assert client.get(other).status_code == 403
    assert client.get(other + "rapport.csv").status_code == 403
    assert (
        client.post(
            reverse("reports:funder_generate", kwargs={"slug": "banque-b"}), {"format": "csv"}
        ).status_code
        == 403
    )
    for path in ("summary", "survival", "funnel"):
        response = client.get(f"/api/v1/evidence/{path}", {"scope": "funder:banque-b"})
        assert (response.status_code, response.json()["detail"]) == (
            403,
            "Ce périmètre ne vous est pas ouvert.",
        )
    for project in (world["projects"][0], world["projects"][6]):  # financed by A, by B
        assert client.get(reverse("reports:funding_round", args=[project.pk])).status_code == 404
        assert client.get(reverse("reports:outcomes", args=[project.pk])).status_code == 404
        assert client.get(f"/api/v1/financing/projects/{project.pk}/plan").status_code == 404
    programme_report = reverse("reports:programme", kwargs={"slug": world["programme"].slug})
    assert client.get(programme_report).status_code == 403


def test_small_funder_is_suppressed_even_for_its_own_viewer(client, world):
    client.force_login(MembershipFactory(organisation=world["b"].organisation).user)
    response = client.get(reverse("reports:funder", kwargs={"slug": "banque-b"}))
    assert response.status_code == 200
    figures = response.context["report"]
    assert (figures.projects, figures.leverage["private"], figures.leverage["ratio"]) == (SMALL, SMALL, SMALL)
    funnel = client.get("/api/v1/evidence/funnel", {"scope": "funder:banque-b", "by": "programme"}).json()
    assert [(g["label"], g["stages"][0]["entered"]) for g in funnel["groups"]] == [("Dispositif P", "< 5")]
