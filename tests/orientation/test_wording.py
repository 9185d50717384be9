import pytest

from essaim.orientation import wording


@pytest.mark.parametrize(
    ("level", "code", "name", "expected"),
    [
        ("departement", "34", "Hérault", "dans l'Hérault"),
        ("departement", "07", "Ardèche", "en Ardèche"),
        ("departement", "13", "Bouches-du-Rhône", "dans les Bouches-du-Rhône"),
        ("departement", "30", "Gard", "dans le Gard"),
        ("departement", "26", "Drôme", "dans la Drôme"),
        ("departement", "75", "Paris", "à Paris"),
        ("region", "76", "Occitanie", "en Occitanie"),
        ("region", "32", "Hauts-de-France", "dans les Hauts-de-France"),
        ("commune", "34172", "Montpellier", "à Montpellier"),
        ("commune", "76351", "Le Havre", "au Havre"),
        ("national", "FR", "France", "partout en France"),
        (
            "epci",
            "243400017",
            "Montpellier Méditerranée Métropole",
            "dans l'intercommunalité « Montpellier Méditerranée Métropole »",
        ),
    ],
)
def test_in_place(level, code, name, expected):
    assert wording.in_place(level, code, name) == expected


def test_reasons():
    assert wording.reason_zone("departement", "34", "Hérault") == "intervient dans l'Hérault"
    assert wording.reason_stage("emergence") == "accompagne l'émergence"
    assert wording.reason_stage("developpement") == "accompagne le développement"
    assert wording.reason_needs(["financing", "premises"]) == "répond à : financement, locaux"


def test_the_place_phrase_is_translatable():
    # Until the English catalogue holds these forms the French text is kept; never a KeyError.
    from django.utils import translation

    with translation.override("en"):
        assert wording.in_place("departement", "34", "Hérault").endswith("Hérault")
        assert wording.in_place("commune", "76351", "Le Havre").endswith("Havre")
