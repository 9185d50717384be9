"""A local authority's or a funder's share of each programme's budget, with its leverage and the
programme's cost per created enterprise (essaim/evidence/funding_shares.py), on the territory and
funder report pages; suppression of the cost per enterprise under 5 created enterprises."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from essaim.accounts.models import TerritoryScope
from essaim.core.actors import SYSTEM
from essaim.evidence.exports import pdf_html
from essaim.evidence.facts import facts_refresh
from essaim.evidence.funding_shares import budget_shares, fig_leverage, fig_share, sources_for
from essaim.evidence.models import ReportFile
from essaim.evidence.privacy import SMALL
from essaim.evidence.scopes import Period, parse_scope
from essaim.evidence.services import budget_line_set
from tests.factories.accounts import MembershipFactory, TerritoryScopeFactory, UserFactory
from tests.factories.directory import ProgrammeFactory
from tests.factories.evidence import created_project
from tests.factories.financing import FinancingPlanFactory, FinancingResourceFactory, FunderFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 1, 1)
OCCITANIE = reverse("reports:territory", kwargs={"level": "region", "code": "76"})
HERAULT = reverse("reports:territory", kwargs={"level": "departement", "code": "34"})


def _projects(programme, n, commune_id="34172"):
    ids = [
        created_project(
            programme=programme,
            created_on=dt.date(2016 + i % 3, 1, 1),
            commune_id=commune_id,
            observations=[(dt.date(2020, 6, 1), "active", "2")],
        ).pk
        for i in range(n)
    ]
    facts_refresh(ids, today=TODAY)
    return ids


def _lines(programme, lines):
    for year, source, amount in lines:
        budget_line_set(programme=programme, year=year, source=source, amount=amount, by=SYSTEM)


@pytest.fixture
def world():
    a = ProgrammeFactory(name="Alpha incubateur", slug="alpha")
    b = ProgrammeFactory(name="Bêta pépinière", slug="beta")
    _projects(a, 6)
    _projects(b, 2)
    _lines(
        a,
        [
            (2016, "region", "20000"),
            (2016, "departement", "10000"),
            (2016, "state", "30000"),
            (2017, "region", "10000"),
            (2017, "services", "30000"),
        ],
    )
    _lines(b, [(2017, "region", "5000"), (2017, "contributions", "15000")])
    return a, b


def _rows(response):
    return {row.slug: row for row in response.context["budget_shares"].rows}


def test_a_region_s_viewer_sees_the_region_s_share_of_each_programme_and_its_leverage(client, world):
    client.force_login(TerritoryScopeFactory(level="region", code="76").user)
    response = client.get(OCCITANIE)
    assert response.status_code == 200
    shares = response.context["budget_shares"]
    assert [s.value for s in shares.sources] == ["region"]
    rows = _rows(response)
    alpha, beta = rows["alpha"], rows["beta"]
    assert (alpha.total, alpha.contribution) == (Decimal("100000"), Decimal("30000"))
    assert (alpha.share, alpha.leverage) == (0.3, 3.33)
    assert alpha.cost_per_enterprise == Decimal("16667")  # 100,000 € ÷ 6 enterprises
    assert (beta.share, beta.leverage) == (0.25, 4.0)
    assert beta.cost_per_enterprise is SMALL  # 2 enterprises: hidden, it would give the count
    assert (shares.contribution, shares.total, shares.leverage) == (Decimal("35000"), Decimal("120000"), 3.43)
    html = response.content.decode()
    assert "Part des budgets des dispositifs et effet levier" in html
    assert "« Subvention de la région »" in html
    assert "16\u202f667" in html or "16 667" in html
    assert "< 5" in html


def test_a_departement_s_viewer_sees_the_departement_s_lines(client, world):
    client.force_login(TerritoryScopeFactory(level="departement", code="34").user)
    rows = _rows(client.get(HERAULT))
    assert (rows["alpha"].contribution, rows["alpha"].share, rows["alpha"].leverage) == (
        Decimal("10000"),
        0.1,
        10.0,
    )
    assert rows["beta"].contribution == Decimal("0") and rows["beta"].leverage is None


def test_a_region_s_viewer_reading_a_departement_still_sees_the_region_s_share(client, world):
    user = TerritoryScopeFactory(level="region", code="76").user
    TerritoryScope.objects.create(user=user, level="departement", code="34", kind="funder")
    client.force_login(user)
    response = client.get(HERAULT)
    assert response.status_code == 200
    assert [s.value for s in response.context["budget_shares"].sources] == ["region"]


def test_a_funder_kind_viewer_and_the_programme_report_have_no_share(client, world):
    client.force_login(TerritoryScopeFactory(level="region", code="76", kind="funder").user)
    response = client.get(OCCITANIE)
    assert response.status_code == 200 and response.context["budget_shares"] is None
    staff = MembershipFactory(organisation=world[0].organisation).user
    client.force_login(staff)
    response = client.get(reverse("reports:programme", kwargs={"slug": "alpha"}))
    assert response.status_code == 200 and response.context["budget_shares"] is None
    assert "Part des budgets des dispositifs" not in response.content.decode()


def test_a_platform_admin_sees_the_territory_s_own_level(client, world):
    client.force_login(UserFactory(admin=True))
    response = client.get(HERAULT)
    assert [s.value for s in response.context["budget_shares"].sources] == ["departement"]


def test_a_programme_s_own_staff_reading_a_territory_see_their_cost_per_enterprise(client, world):
    user = TerritoryScopeFactory(level="region", code="76").user
    MembershipFactory(organisation=world[1].organisation, user=user)
    client.force_login(user)
    assert _rows(client.get(OCCITANIE))["beta"].cost_per_enterprise == Decimal("10000")


def test_anonymous_and_other_territories_see_nothing(client, world):
    response = client.get(OCCITANIE)
    assert response.status_code == 302
    client.force_login(TerritoryScopeFactory(level="region", code="11").user)
    response = client.get(OCCITANIE)
    assert response.status_code == 403
    assert "Alpha incubateur" not in response.content.decode()


def _funder_world(kind, world):
    staff = MembershipFactory().user
    funder = FunderFactory(kind=kind, organisation=staff.memberships.first().organisation)
    for fact_project in world[0].projects.all()[:5]:
        plan = FinancingPlanFactory(project=fact_project)
        FinancingResourceFactory(plan=plan, funder=funder, status="granted", amount="1000")
    facts_refresh(list(world[0].projects.values_list("pk", flat=True)), today=TODAY)
    return staff, funder


def test_a_region_funder_s_report_shows_the_region_lines_of_the_programmes_it_financed(client, world):
    staff, funder = _funder_world("region", world)
    client.force_login(staff)
    response = client.get(reverse("reports:funder", kwargs={"slug": funder.slug}))
    assert response.status_code == 200
    rows = _rows(response)
    assert list(rows) == ["alpha"]  # beta's projects were not financed by it
    assert rows["alpha"].share == 0.3


def test_a_bank_has_no_budget_source(client, world):
    staff, funder = _funder_world("bank", world)
    client.force_login(staff)
    response = client.get(reverse("reports:funder", kwargs={"slug": funder.slug}))
    assert response.status_code == 200 and response.context["budget_shares"] is None
    assert sources_for(parse_scope(f"funder:{funder.slug}"), staff) == []


def test_a_programme_without_lines_in_the_period_says_so(client, world):
    c = ProgrammeFactory(name="Gamma", slug="gamma")
    _projects(c, 5)
    client.force_login(TerritoryScopeFactory(level="region", code="76").user)
    response = client.get(OCCITANIE)
    assert _rows(response)["gamma"].total is None
    assert "budget non détaillé par source pour ces années" in response.content.decode()


def test_the_shares_take_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    viewer = TerritoryScopeFactory(level="region", code="76").user
    scope = parse_scope("territory:region:76")
    for i in range(8):
        p = ProgrammeFactory(slug=f"p{i}")
        _projects(p, 1)
        _lines(p, [(2016, "region", "100"), (2017, "state", "300")])
    with django_assert_max_num_queries(5):
        shares = budget_shares(scope, Period(), viewer)
        assert len(shares.rows) == 10


def test_share_and_leverage_definitions():
    assert fig_share(Decimal(25), Decimal(100)) == 0.25
    assert fig_share(Decimal(25), Decimal(0)) is None
    assert fig_leverage(Decimal(100), Decimal(25)) == 4.0
    assert fig_leverage(Decimal(100), Decimal(0)) is None


def test_the_report_files_carry_the_shares_as_the_page_does(client, world):
    """CSV and workbook downloaded, the PDF's HTML, and the file the worker produces."""
    viewer = TerritoryScopeFactory(level="region", code="76").user
    client.force_login(viewer)
    body = client.get(OCCITANIE + "rapport.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    start = rows.index(["Part des budgets des dispositifs (Subvention de la région)"])
    assert rows[start + 1][:5] == ["Dispositif", "Années", "Budget (€)", "Contribution (€)", "Part (%)"]
    alpha, beta, total = rows[start + 2 : start + 5]
    assert alpha == ["Alpha incubateur", "2016–2017", "100000.00", "30000.00", "30.0", "3.33", "16667"]
    assert beta[0] == "Bêta pépinière" and beta[3:6] == ["5000.00", "25.0", "4.0"] and beta[6] == "< 5"
    assert total == ["Ensemble", "", "120000.00", "35000.00", "29.2", "3.43", ""]

    book = load_workbook(io.BytesIO(client.get(OCCITANIE + "rapport.xlsx").content))
    [sheet] = [book[name] for name in book.sheetnames if name.startswith("Part des budgets")]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[2][:4] == ["Alpha incubateur", "2016–2017", "100000.00", "30000.00"]

    response = client.post(
        reverse("reports:territory_generate", kwargs={"level": "region", "code": "76"}), {"format": "csv"}
    )
    job = ReportFile.objects.get(user=viewer)
    assert response.status_code == 302 and job.status == ReportFile.Status.READY
    assert "Alpha incubateur;2016–2017;100000.00;30000.00;30.0;3.33;16667" in bytes(job.content).decode(
        "utf-8-sig"
    )

    page = client.get(OCCITANIE)
    html = pdf_html(page.context["report"])
    assert "Part des budgets des dispositifs et effet levier" in html and "16\u202f667" in html

    client.force_login(MembershipFactory(organisation=world[0].organisation).user)
    inside = client.get(reverse("reports:programme", kwargs={"slug": "alpha"}) + "rapport.csv")
    assert inside.status_code == 200 and "Part des budgets" not in inside.content.decode("utf-8-sig")
