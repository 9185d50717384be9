"""Cards of the results page, rendered once per programme and language, follow every edit."""

import pytest
from django.urls import reverse
from django.utils import translation

from essaim.orientation import index
from essaim.web.orientation.cards import cards_for
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db

RESULTS = reverse("orientation:results")
SEARCH = {"place": "34172", "stage": "emergence"}


@pytest.fixture
def programme():
    return ProgrammeFactory(
        slug="incubateur-34", name="Ancien nom", zone=["departement:34"], stages=["emergence"]
    )


def test_a_renamed_programme_shows_its_new_name_at_once(client, programme):
    assert "Ancien nom" in client.get(RESULTS, SEARCH).content.decode()
    programme.name = "Nouveau nom"
    programme.save()
    html = client.get(RESULTS, SEARCH).content.decode()
    assert "Nouveau nom" in html
    assert "Ancien nom" not in html


def test_a_renamed_organisation_shows_on_the_card_at_once(client, programme):
    client.get(RESULTS, SEARCH)
    programme.organisation.name = "Coopérative renommée"
    programme.organisation.save()
    assert "porté par Coopérative renommée" in client.get(RESULTS, SEARCH).content.decode()


def test_cards_are_rendered_once_per_language(programme, django_assert_num_queries):
    with translation.override("fr"):
        first = cards_for([programme.pk])[programme.pk]
        with django_assert_num_queries(0):
            assert cards_for([programme.pk])[programme.pk] is first
    with translation.override("en"):
        english = cards_for([programme.pk])[programme.pk]
    assert "porté par" in first.start
    assert english is not first


def test_the_card_keeps_the_search_out_and_the_page_puts_it_in(client, programme):
    card = cards_for([programme.pk])[programme.pk]
    assert card.contact_url == reverse("orientation:contact", args=["incubateur-34"])
    html = client.get(RESULTS, SEARCH).content.decode()
    assert f'href="{card.contact_url}?place=34172&amp;stage=emergence"' in html
    assert '<ul class="reasons" aria-labelledby="reasons-incubateur-34">' in html


def test_a_new_index_starts_without_cards(programme):
    cards_for([programme.pk])
    assert ("cards", translation.get_language()) in index.get_index().memo
    index.invalidate()
    assert index.get_index().memo == {}
