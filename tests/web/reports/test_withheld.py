"""A territory's report whose figures are withheld (decision 0018, rule 5) says why, on the page a
local-authority viewer reads; a report with nothing withheld says nothing of it."""

import datetime as dt

import pytest
from django.urls import reverse

from essaim.evidence.facts import facts_refresh
from essaim.territories.models import Commune
from tests.factories.accounts import TerritoryScopeFactory
from tests.factories.directory import ProgrammeFactory
from tests.factories.evidence import created_project

pytestmark = pytest.mark.django_db

SENTENCE = "Des chiffres de ce territoire sont masqués (« masqué ») même au-delà de 5"


@pytest.fixture
def epcis():
    """Three EPCIs of Hérault: one small (2 projects), its complement (6) and one shown (12)."""
    programme = ProgrammeFactory()
    plan = {"34172": 2, "34032": 6, "34301": 12}
    ids = [
        created_project(programme=programme, commune_id=code, started_on=dt.date(2016, 3, 1)).pk
        for code, n in plan.items()
        for _i in range(n)
    ]
    facts_refresh(ids, today=dt.date(2025, 1, 1))
    return dict(Commune.objects.filter(code__in=plan).values_list("code", "epci_id"))


def page(client, epci: str) -> str:
    client.force_login(TerritoryScopeFactory(level="departement", code="34").user)
    response = client.get(reverse("reports:territory", kwargs={"level": "epci", "code": epci}))
    assert response.status_code == 200
    return response.content.decode()


def test_the_complement_says_why_its_figures_are_withheld(client, epcis):
    html = page(client, epcis["34032"])
    assert SENTENCE in html
    assert 'id="withheld-note"' in html


def test_a_territory_shown_in_full_says_nothing_of_it(client, epcis):
    assert SENTENCE not in page(client, epcis["34301"])
