"""Revenue from the platform's business deals on a report: in full for the programme's own
staff; outside (territory, funder), "< 5" under five enterprises and "masqué" where a total
minus the cells shown (sub-territories, periods) would give a hidden one back (decision 0018)."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from essaim.business.enums import RequestState
from essaim.business.models import Deal, Response, Routing
from essaim.business.revenue import deal_revenue, with_deals
from essaim.evidence.exports import pdf_html
from essaim.evidence.facts import facts_refresh
from essaim.evidence.privacy import MASKED, SMALL
from essaim.evidence.selectors import Period, parse_scope, report
from essaim.territories.models import Commune
from tests.business.factories import BEZIERS, OfferFactory, RequestFactory
from tests.factories.accounts import MembershipFactory, TerritoryScopeFactory, UserFactory
from tests.factories.directory import OrganisationFactory, ProgrammeFactory
from tests.factories.evidence import EnterpriseFactory, created_project
from tests.factories.financing import FinancingPlanFactory, FinancingResourceFactory, FunderFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 1, 1)


def win(project, amount="8000"):
    offer = OfferFactory(project=project)
    request = RequestFactory(state=RequestState.OPEN, published_at=timezone.now(), commune_id=BEZIERS)
    response = Response.objects.create(request=request, lead=offer, message="Oui")
    Routing.objects.create(request=request, offer=offer)
    Deal.objects.create(request=request, made=True, response=response, amount=Decimal(amount))


@pytest.fixture
def won():
    project = EnterpriseFactory().project
    win(project)
    facts_refresh([project.pk])
    return project


def viewer_of(level, code):
    viewer = UserFactory()
    TerritoryScopeFactory(user=viewer, level=level, code=code)
    return viewer


def territory_page(client, level, code, **query):
    client.force_login(viewer_of(level, code))
    response = client.get(reverse("reports:territory", kwargs={"level": level, "code": code}), query)
    assert response.status_code == 200
    return response


def test_the_programme_staff_see_their_enterprises_deals(client, won):
    client.force_login(MembershipFactory(organisation=won.programme.organisation).user)
    response = client.get(reverse("reports:programme", kwargs={"slug": won.programme.slug}))
    assert response.status_code == 200
    assert response.context["deals"] == {"enterprises": 1, "deals": 1, "amount": Decimal("8000")}
    html = response.content.decode()
    assert "Marchés passés par la plateforme" in html
    assert re.search(r"<dd>8\D{1,8}000</dd>", html)


@pytest.mark.parametrize("winners", [1, 4])
def test_outside_fewer_than_five_enterprises_read_less_than_five(client, winners):
    programme = ProgrammeFactory()
    projects = [created_project(programme=programme, commune_id="34172") for _i in range(6)]
    for project in projects[:winners]:
        win(project)
    facts_refresh([p.pk for p in projects], today=TODAY)
    response = territory_page(client, "departement", "34")
    assert response.context["deals"] == {"enterprises": SMALL, "deals": SMALL, "amount": SMALL}
    html = response.content.decode()
    assert "Marchés passés par la plateforme" in html
    assert html.count("<dd>&lt; 5</dd>") >= 3
    assert "8\u202f000" not in html and "8 000" not in html


def test_outside_five_enterprises_are_shown(client):
    programme = ProgrammeFactory()
    projects = [created_project(programme=programme, commune_id="34172") for _i in range(5)]
    for project in projects:
        win(project, "1000")
    facts_refresh([p.pk for p in projects], today=TODAY)
    response = territory_page(client, "departement", "34")
    assert response.context["deals"] == {"enterprises": 5, "deals": 5, "amount": Decimal("5000")}


@pytest.fixture
def two_epcis():
    """Hérault: 5 winners in Montpellier's EPCI, 2 in Béziers's (7 in the département)."""
    programme = ProgrammeFactory()
    plan = {"34172": 5, "34032": 2}
    ids = []
    for code, n in plan.items():
        for _i in range(n):
            project = created_project(programme=programme, commune_id=code, started_on=dt.date(2016, 3, 1))
            win(project, "1000")
            ids.append(project.pk)
    facts_refresh(ids, today=TODAY)
    return dict(Commune.objects.filter(code__in=plan).values_list("code", "epci_id"))


def test_the_departement_minus_its_epcis_shown_gives_no_small_epci_back(client, two_epcis):
    assert territory_page(client, "departement", "34").context["deals"]["enterprises"] == 7
    small = territory_page(client, "epci", two_epcis["34032"]).context["deals"]
    assert small["enterprises"] == SMALL
    # Without complementary suppression Montpellier's 5 would be shown, and 7 − 5 = 2.
    complement = territory_page(client, "epci", two_epcis["34172"])
    assert complement.context["deals"] == {"enterprises": MASKED, "deals": MASKED, "amount": MASKED}
    assert "<dd>masqué</dd>" in complement.content.decode()
    # …and so does its commune, whose EPCI withholds it.
    commune = territory_page(client, "commune", "34172").context["deals"]
    assert commune["enterprises"] == MASKED


def test_inside_nothing_is_withheld(two_epcis):
    scope = parse_scope(f"territory:epci:{two_epcis['34172']}")
    assert deal_revenue(scope, Period(), inside=True)["enterprises"] == 5


def test_two_periods_never_differ_by_fewer_than_five_winners():
    """2015: 5 winners out of 5; 2016: 2 winners out of 5. The whole period shows 7; the period
    up to 2015 would show 5, and 7 − 5 = 2: it reads "masqué"."""
    programme = ProgrammeFactory()
    ids = []
    for year, winners in ((2015, 5), (2016, 2)):
        for i in range(5):
            project = created_project(programme=programme, commune_id="34172", started_on=dt.date(year, 3, 1))
            if i < winners:
                win(project, "1000")
            ids.append(project.pk)
    facts_refresh(ids, today=TODAY)
    scope = parse_scope("territory:departement:34")
    assert deal_revenue(scope, Period(), inside=False)["enterprises"] == 7
    assert deal_revenue(scope, Period(None, 2015), inside=False)["enterprises"] == MASKED
    assert deal_revenue(scope, Period(2016, None), inside=False)["enterprises"] == SMALL
    assert deal_revenue(scope, Period(None, 2015), inside=True)["enterprises"] == 5


def test_a_funder_report_shows_its_projects_deals_protected(client):
    programme = ProgrammeFactory()
    funder = FunderFactory(organisation=OrganisationFactory(), slug="fondation-d")
    projects = [created_project(programme=programme, commune_id="34172") for _i in range(6)]
    for project in projects:
        FinancingResourceFactory(
            plan=FinancingPlanFactory(project=project), funder=funder, amount=Decimal("1000"), status="paid"
        )
    win(projects[0])
    facts_refresh([p.pk for p in projects], today=TODAY)
    client.force_login(MembershipFactory(organisation=funder.organisation).user)
    response = client.get(reverse("reports:funder", kwargs={"slug": "fondation-d"}))
    assert response.status_code == 200
    assert response.context["deals"]["amount"] == SMALL


def test_the_protection_takes_a_fixed_number_of_queries(two_epcis, django_assert_max_num_queries):
    scope = parse_scope("territory:commune:34172")
    deal_revenue(scope, Period(), inside=False)  # the territories above, cached
    # the winners, then one table per territory above (EPCI, département, région, France)
    with django_assert_max_num_queries(5):
        assert deal_revenue(scope, Period(), inside=False)["enterprises"] == MASKED
    programme = ProgrammeFactory()
    more = [created_project(programme=programme, commune_id="34172") for _i in range(6)]
    for project in more:
        win(project)
    facts_refresh([p.pk for p in more], today=TODAY)
    with django_assert_max_num_queries(5):
        deal_revenue(scope, Period(), inside=False)


def test_the_api_summary_carries_the_same_protected_deals(client, two_epcis):
    def summary(level, code):
        client.force_login(viewer_of(level, code))
        response = client.get("/api/v1/evidence/summary", {"scope": f"territory:{level}:{code}"})
        assert response.status_code == 200
        return response.json()["deals"]

    assert summary("departement", "34") == {"enterprises": 7, "deals": 7, "amount": 7000.0}
    assert summary("epci", two_epcis["34172"]) == dict.fromkeys(("enterprises", "deals", "amount"), "masqué")
    assert summary("epci", two_epcis["34032"]) == dict.fromkeys(("enterprises", "deals", "amount"), "< 5")


def test_the_files_carry_the_same_protected_deals(client, two_epcis):
    def csv(level, code):
        client.force_login(viewer_of(level, code))
        url = reverse("reports:territory_export", kwargs={"level": level, "code": code, "fmt": "csv"})
        response = client.get(url)
        assert response.status_code == 200
        text = response.content.decode("utf-8-sig")
        return text[text.index("Marchés passés par la plateforme") :]

    assert "Entreprises accompagnées titulaires d'un marché;7" in csv("departement", "34")
    assert "Montant des marchés (€);7000" in csv("departement", "34")
    masked = csv("epci", two_epcis["34172"])
    assert "titulaires d'un marché;masqué" in masked and "7000" not in masked and "5000" not in masked
    html = pdf_html(with_deals(report(parse_scope(f"territory:epci:{two_epcis['34032']}"), inside=False)))
    assert "Marchés passés par la plateforme" in html and "2\u202f000" not in html and "2 000" not in html
