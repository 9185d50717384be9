"""A programme page to act on (issue 10 §2): contact block, open calls with their deadline, no
"non renseigné"; the results show each programme's open call, read in one query for the list."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from essaim.orientation import index
from essaim.web.orientation.cards import OPEN_CALLS_SECONDS, open_calls_for
from tests.factories.calls import CallFactory
from tests.factories.directory import EcosystemFactory, OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

RESULTS = reverse("orientation:results")
SEARCH = {"place": "34172", "stage": "emergence"}
PARIS = ZoneInfo("Europe/Paris")
JANUARY_10 = dt.datetime(2099, 1, 10, 18, 0, tzinfo=PARIS)


def programme_in_herault(slug, **extra):
    return ProgrammeFactory(
        slug=slug, name=f"Dispositif {slug}", zone=["departement:34"], stages=["emergence"], **extra
    )


def test_the_results_show_the_open_call_of_each_programme(client):
    first, second = programme_in_herault("un"), programme_in_herault("deux")
    call = CallFactory(programme=first, open=True, title="Appel 2099", closes_at=JANUARY_10)
    CallFactory(programme=first, open=True, closes_at=JANUARY_10 + dt.timedelta(days=30))  # a later one
    CallFactory(programme=second, title="Brouillon", closes_at=JANUARY_10)  # a draft is not open
    html = client.get(RESULTS, SEARCH).content.decode()
    assert f'<a href="/appels/{call.pk}/">Appel ouvert jusqu\'au 10 janvier</a>' in html
    assert html.count("Appel ouvert jusqu") == 1


def test_a_call_past_its_deadline_is_not_shown(client):
    programme = programme_in_herault("un")
    CallFactory(
        programme=programme,
        open=True,
        opens_at=dt.datetime(2020, 1, 1, tzinfo=PARIS),
        closes_at=dt.datetime(2020, 2, 1, tzinfo=PARIS),
    )
    assert open_calls_for([programme.pk]) == {}


@pytest.mark.parametrize("count", [1, 6])
def test_the_open_calls_of_the_list_cost_one_query_then_none(count, django_assert_num_queries):
    programmes = [programme_in_herault(f"p{i}") for i in range(count)]
    for programme in programmes:
        CallFactory(programme=programme, open=True, closes_at=JANUARY_10)
    index.get_index()  # built once, as for any results page
    with django_assert_num_queries(1):
        found = open_calls_for([p.pk for p in programmes])
    assert sorted(found) == sorted(p.pk for p in programmes)
    with django_assert_num_queries(0):
        assert open_calls_for([p.pk for p in programmes]) == found


def test_a_new_call_shows_within_the_refresh_delay(settings):
    programme = programme_in_herault("un")
    assert open_calls_for([programme.pk]) == {}
    call = CallFactory(programme=programme, open=True, closes_at=JANUARY_10)
    assert open_calls_for([programme.pk]) == {}  # kept for OPEN_CALLS_SECONDS
    fetched_at, calls = index.get_index().memo["open_calls"]
    index.get_index().memo["open_calls"] = (fetched_at - dt.timedelta(seconds=OPEN_CALLS_SECONDS), calls)
    assert open_calls_for([programme.pk])[programme.pk].pk == call.pk


@pytest.mark.parametrize("count", [1, 6])
def test_the_results_page_costs_no_query_with_open_calls(client, count, django_assert_num_queries):
    for i in range(count):
        CallFactory(programme=programme_in_herault(f"p{i}"), open=True, closes_at=JANUARY_10)
    client.get(RESULTS, SEARCH)  # the index, the cards and the open calls are read once
    with django_assert_num_queries(0):
        response = client.get(RESULTS, SEARCH)
    assert response.content.decode().count("Appel ouvert jusqu") == count


# --- the programme page ----------------------------------------------------------------------


def test_the_programme_page_has_a_contact_block_and_its_open_calls(client):
    organisation = OrganisationFactory(
        name="Coopérative A",
        address="3 rue de la Paix",
        postal_code="34000",
        city="Montpellier",
        phone="04 67 00 00 00",
        email="contact@coop.example",
        website="https://coop.example",
    )
    programme = ProgrammeFactory(
        slug="incubateur", organisation=organisation, duration="18 mois", rhythm="un rendez-vous par mois"
    )
    call = CallFactory(programme=programme, open=True, title="Appel 2099", closes_at=JANUARY_10)
    EcosystemFactory(name="REALIS").members.add(programme)
    html = client.get(reverse("web:programme", args=["incubateur"])).content.decode()
    assert "3 rue de la Paix, 34000 Montpellier" in html
    assert '<a href="tel:04 67 00 00 00">' in html
    assert "mailto:contact@coop.example" in html
    assert 'href="https://coop.example"' in html
    assert f'<a href="/appels/{call.pk}/">Appel 2099</a> — ouvert jusqu\'au 10 janvier 2099' in html
    assert "18 mois" in html and "un rendez-vous par mois" in html
    assert ">REALIS</a> — " in html  # named with a link to its page
    assert html.count(reverse("orientation:contact", args=["incubateur"])) == 2


def test_missing_fields_are_hidden_and_the_contact_form_is_always_there(client):
    organisation = OrganisationFactory(email="", website="", phone="", address="")
    ProgrammeFactory(
        slug="vide",
        organisation=organisation,
        contact_email="",
        website="",
        duration="",
        rhythm="",
        needs=[],
        publics=[],
        activities=[],
        source="",
        licence="",
        updated_on=None,
    )
    response = client.get(reverse("web:programme", args=["vide"]))
    html = response.content.decode()
    assert "non renseigné" not in html
    assert "Modèle économique" not in html
    assert "Durée" not in html and "Courriel</dt>" not in html and "Appel à projets ouvert" not in html
    assert reverse("orientation:contact", args=["vide"]) in html
    assert response.context["shares"] == []


def test_the_programme_page_query_count_does_not_grow_with_calls(client, django_assert_max_num_queries):
    programme = ProgrammeFactory(slug="incubateur")
    for _ in range(5):
        CallFactory(programme=programme, open=True, closes_at=JANUARY_10)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("web:programme", args=["incubateur"])).status_code == 200
