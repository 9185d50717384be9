"""/orientation/ (wizard, GET steps) and /orientation/resultats/."""

import pytest
from django.urls import reverse

from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db

WIZARD = reverse("orientation:wizard")
RESULTS = reverse("orientation:results")


@pytest.fixture
def programmes():
    return [
        ProgrammeFactory(
            slug="incubateur-34",
            name="Incubateur héraultais",
            zone=["departement:34"],
            stages=["emergence"],
            needs=["financing"],
        ),
        ProgrammeFactory(
            slug="pepiniere-76", name="Pépinière occitane", zone=["region:76"], stages=["creation"]
        ),
    ]


def test_first_step_asks_the_place(client):
    response = client.get(WIZARD)
    assert response.status_code == 200
    assert response.context["step"] == "place"
    assert b'name="place"' in response.content


def test_unknown_place_is_explained(client):
    response = client.get(WIZARD, {"place": "Nullepart-sur-Rien"})
    assert response.context["step"] == "place"
    assert "Commune inconnue : « Nullepart-sur-Rien »." in response.content.decode()
    assert b'aria-invalid="true"' in response.content


def test_ambiguous_postal_code_asks_which_commune(client):
    response = client.get(WIZARD, {"place": "34370"})
    assert response.context["step"] == "place"
    assert [c["code"] for c in response.context["choices"]] == ["34069", "34148", "34155", "34089"]
    assert b'id="place-34069"' in response.content


def test_place_then_stage_then_details(client):
    response = client.get(WIZARD, {"place": "Montpellier"})
    assert response.context["step"] == "stage"
    assert b'name="place" value="34172"' in response.content
    response = client.get(WIZARD, {"place": "34172", "stage": "emergence"})
    assert response.context["step"] == "details"
    assert f'action="{RESULTS}"'.encode() in response.content


def test_self_assessment_infers_the_stage(client):
    response = client.get(WIZARD, {"place": "34172", "stage": "unknown"})
    assert response.context["step"] == "assessment"
    answers = {"registered": "no", "idea_tested": "yes", "financing_closed": "no", "scale_up": "no"}
    response = client.get(WIZARD, {"place": "34172", "stage": "unknown", **answers})
    assert response.context["step"] == "details"
    assert response.context["stage"] == "creation"
    assert b'name="stage" value="creation"' in response.content


def test_incomplete_assessment_stays_on_the_questions(client):
    response = client.get(WIZARD, {"place": "34172", "stage": "unknown", "registered": "yes"})
    assert response.context["step"] == "assessment"
    assert "Ce champ est obligatoire." in response.content.decode()


def test_htmx_gets_only_the_step(client):
    response = client.get(WIZARD, {"place": "34172"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.content.decode().startswith('<div id="wizard"')
    assert response["Vary"] == "HX-Request, Accept-Language, Cookie"


def test_wrong_method(client):
    assert client.post(WIZARD).status_code == 405
    assert client.post(RESULTS).status_code == 405


def test_results_page(client, programmes):
    response = client.get(RESULTS, {"place": "34172", "stage": "emergence", "need": "financing"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dispositifs pour votre projet à Montpellier" in html
    assert "intervient dans l&#x27;Hérault" in html
    assert "répond à : financement" in html
    contact = reverse("orientation:contact", args=["incubateur-34"])
    assert f'href="{contact}?place=34172&amp;stage=emergence&amp;need=financing"' in html
    assert "Pépinière occitane" in html  # the parcours: creation
    assert (
        response.context["share_url"]
        == "http://testserver/orientation/resultats/?place=34172&stage=emergence&need=financing"
    )


def test_results_with_bad_input_is_a_400_with_messages(client):
    response = client.get(RESULTS, {"place": "34172", "stage": "eclosion"})
    assert response.status_code == 400
    assert "Valeur inconnue « eclosion »" in response.content.decode()


def test_results_with_an_ambiguous_code_go_back_to_the_wizard(client):
    response = client.get(RESULTS, {"place": "34370", "stage": "emergence"})
    assert response.status_code == 302
    assert response["Location"] == f"{WIZARD}?place=34370&stage=emergence"


@pytest.mark.parametrize("count", [1, 12])
def test_results_query_count_is_constant(client, count, django_assert_num_queries):
    for _i in range(count):
        ProgrammeFactory(zone=["departement:34"], stages=["emergence"])
    client.get(RESULTS, {"place": "34172", "stage": "emergence"})  # builds the index
    # The place, the ranking and the cards (rendered on the first request) come from memory.
    with django_assert_num_queries(0):
        response = client.get(RESULTS, {"place": "34172", "stage": "emergence"})
    assert len(response.context["rows"]) == count


def test_homonyms_are_listed_with_their_departement_never_a_bare_code(client):
    response = client.get(WIZARD, {"place": "Saint-Martin"})
    html = response.content.decode()
    assert response.context["step"] == "place"
    assert '<label for="place-32389">Saint-Martin (Gers)</label>' in html
    assert '<label for="place-97801">Saint-Martin (outre-mer)</label>' in html
    assert "(code INSEE 32389" not in html


def test_a_choice_whose_code_is_also_a_postal_code_is_sent_unambiguously(client):
    html = client.get(WIZARD, {"place": "34070"}).content.decode()
    assert 'id="place-34070" value="commune:34070"' in html
    assert 'id="place-34172" value="34172"' in html
    response = client.get(WIZARD, {"place": "commune:34070"})
    assert response.context["step"] == "stage"
    assert b'name="place" value="commune:34070"' in response.content


def test_a_typo_is_answered_with_suggestions(client):
    response = client.get(WIZARD, {"place": "montpelier"})
    html = response.content.decode()
    assert "Commune inconnue : « montpelier ». Vouliez-vous dire Montpellier (Hérault)" in html
    assert 'value="montpelier"' in html  # what was typed stays in the field


def test_near_you_shows_the_family_in_words_and_who_to_ask_when_few_doors(client):
    from tests.factories.directory import OrganisationFactory

    ProgrammeFactory(
        slug="fs-aubusson",
        name="France services d'Aubusson",
        kind="france_services",
        family="mainstream",
        source_key="test",
        organisation=OrganisationFactory(commune_id="23008", phone="05 55 00 00 00"),
        zone=["commune:23008"],
        stages=["emergence", "creation", "consolidation", "developpement"],
    )
    response = client.get(RESULTS, {"place": "23008", "stage": "emergence"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Acteur de droit commun · France services · dans votre commune" in html
    assert "ne recensent qu&#x27;un acteur à contacter près de chez vous." in html
    assert "chambres consulaires de votre département peuvent aussi vous orienter" in html


def test_near_you_is_never_an_empty_section_without_a_word(client):
    response = client.get(RESULTS, {"place": "23008", "stage": "emergence"})
    html = response.content.decode()
    assert "Près de chez vous" in html
    assert "ne recensent aucun acteur à contacter près de chez vous." in html


def test_results_within_an_ecosystem(client, programmes):
    from essaim.directory.models import Programme
    from tests.factories.directory import EcosystemFactory

    ProgrammeFactory(
        slug="hors-ecosysteme", name="Hors écosystème", zone=["departement:34"], stages=["emergence"]
    )
    EcosystemFactory(slug="realis", name="REALIS").members.add(Programme.objects.get(slug="incubateur-34"))
    params = {"place": "34172", "stage": "emergence"}
    everyone = {m.fact.slug for m, _card, _calls in client.get(RESULTS, params).context["rows"]}
    response = client.get(RESULTS, {**params, "ecosystem": "realis"})
    assert response.status_code == 200
    assert {m.fact.slug for m, _card, _calls in response.context["rows"]} == {"incubateur-34"} < everyone
    assert "membres de l'écosystème REALIS seulement" in response.content.decode()
    unknown = client.get(RESULTS, {**params, "ecosystem": "nulle-part"})
    assert unknown.status_code == 400
    assert "Écosystème inconnu « nulle-part »" in unknown.content.decode()
