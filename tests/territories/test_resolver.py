"""The place resolver on the test referential (the database: SQLite by default, PostgreSQL
with DATABASE_URL), with the real communes of the cases a person meets."""

import pytest

from essaim.territories.placeindex import forget_index, place_index
from essaim.territories.placelists import resolve_many, split_places
from essaim.territories.resolver import (
    ZONES,
    label_of,
    name_of,
    names_of,
    resolve,
    suggest,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index():
    # Built from this test's database, whichever it is.
    forget_index()
    yield
    forget_index()


def labels(candidates):
    return [c.label for c in candidates]


def first_three(result):
    return [c.code for c in result.ranked[:3]]


def test_a_name_starting_with_the_text_comes_before_one_containing_it():
    result = resolve("romans")
    assert result.place is None
    assert labels(result.choices[:3]) == ["Romans-sur-Isère (Drôme)", "Romans (Deux-Sèvres)", "Romans (Ain)"]
    zones = [c.name for c in resolve("romans", levels=ZONES).choices]
    starting = [name for name in zones if name.lower().startswith("romans")]
    assert zones[: len(starting)] == starting  # then those merely containing it
    assert zones[0] == "Romans-sur-Isère"
    assert "CA Valence Romans Agglo" in zones[len(starting) :]


def test_a_single_exact_name_resolves_and_lists_the_others():
    result = resolve("montpellier", levels=ZONES)
    assert result.place.ref == "commune:34172"
    assert "Montpellier Méditerranée Métropole (intercommunalité)" in labels(result.choices)
    assert resolve("Marseille").place.ref == "commune:13055"


def test_homonyms_always_ask_ranked_by_population_with_their_departement():
    result = resolve("Saint-Martin")
    assert result.place is None
    assert result.error == "Plusieurs communes correspondent à « Saint-Martin » : précisez laquelle."
    assert labels(result.choices[:5]) == [
        "Saint-Martin (outre-mer)",
        "Saint-Martin (Hautes-Pyrénées)",
        "Saint-Martin (Gers)",
        "Saint-Martin (Bas-Rhin)",
        "Saint-Martin (Meurthe-et-Moselle)",
    ]
    assert [c.code for c in result.choices[:5]] == ["97801", "65392", "32389", "67426", "54480"]


def test_every_homonym_is_listed_even_beyond_the_usual_number_of_choices():
    result = resolve("Sainte-Colombe")
    homonyms = [c for c in result.choices if c.name == "Sainte-Colombe"]
    assert len(homonyms) == 12
    assert [c.population for c in homonyms] == sorted((c.population for c in homonyms), reverse=True)
    assert homonyms[0].label == "Sainte-Colombe (Rhône)"


def test_a_qualifier_picks_the_homonym():
    assert resolve("Saint-Martin (Gers)").place.code == "32389"
    assert resolve("Saint-Martin (32)").place.code == "32389"
    assert resolve("saint martin, gers").place.code == "32389"
    assert resolve("saint martin gers").place.code == "32389"
    assert resolve("Sainte-Colombe (Lot)").place.code == "46260"


@pytest.mark.parametrize(
    ("code", "first", "count"),
    [("13001", "13055", 2), ("23200", "23008", 15), ("34070", "34172", 2)],
)
def test_a_postal_code_lists_its_communes_by_population(code, first, count):
    result = resolve(code)
    assert result.place is None
    assert result.error == f"Le code {code} désigne plusieurs communes : précisez laquelle."
    assert result.choices[0].code == first
    assert len(result.choices) == count
    assert [c.population for c in result.choices] == sorted(
        (c.population for c in result.choices), reverse=True
    )


def test_marseille_first_then_aix_whose_insee_code_it_is():
    assert labels(resolve("13001").choices) == [
        "Marseille (Bouches-du-Rhône)",
        "Aix-en-Provence (Bouches-du-Rhône)",
    ]


def test_prefixes_say_which_kind_of_code():
    assert resolve("cp:13001").place.code == "13055"
    assert resolve("commune:13001").place.code == "13001"
    assert resolve("insee:13201").place.code == "13055"  # an arrondissement
    assert resolve("commune:34172", levels=ZONES).place.ref == "commune:34172"
    assert resolve("cp:34172").error == "Commune inconnue : « cp:34172 ». Aucune commune n'a ce code postal."


@pytest.mark.parametrize(
    ("text", "expected"),
    [("montpelier", "34172"), ("st etienne", "42218"), ("marseile", "13055"), ("ST-ETIENNE", "42218")],
)
def test_a_typo_still_finds_the_place_in_the_first_three(text, expected):
    assert expected in first_three(resolve(text))


def test_an_unknown_place_suggests_similar_names():
    result = resolve("montpelier")
    assert result.place is None
    assert result.choices == []
    assert result.suggestions[0].code == "34172"
    assert result.error.startswith(
        "Commune inconnue : « montpelier ». Vouliez-vous dire Montpellier (Hérault), "
    )
    assert result.error.endswith(" ?")


def test_an_unknown_place_without_anything_similar():
    assert resolve("xqzwv").error == (
        "Commune inconnue : « xqzwv ». Indiquez son nom, son code postal ou son code INSEE."
    )
    assert resolve("xqzwv", levels=ZONES).error == (
        "Territoire inconnu : « xqzwv ». Essayez un nom de commune, un code postal, un département ou une région."
    )
    assert resolve("99999").error == (
        "Commune inconnue : « 99999 ». Aucune commune ne porte ce code INSEE ou ce code postal."
    )


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("Lozère", "departement:48"),
        ("lozere", "departement:48"),
        ("Occitanie", "region:76"),
        ("34", "departement:34"),
        ("2A", "departement:2A"),
        ("France", "national:FR"),
        ("departement:11", "departement:11"),
        ("region:76", "region:76"),
        ("national", "national:FR"),
        ("Paris", "commune:75056"),  # the département of Paris is the same place
        ("Hérault (département)", "departement:34"),
        ("Montpellier Méditerranée Métropole", "epci:243400017"),
    ],
)
def test_zones_by_name_or_code_where_the_field_allows_them(text, ref):
    assert resolve(text, levels=ZONES).place.ref == ref


def test_a_zone_in_a_commune_field_says_what_is_expected():
    assert resolve("Occitanie").error == (
        "« Occitanie (région) » n'est pas une commune : indiquez une commune (nom, code postal ou code INSEE)."
    )
    assert resolve("34").error == (
        "« Hérault (département) » n'est pas une commune : indiquez une commune (nom, code postal ou code INSEE)."
    )
    lozere = resolve("Lozère")
    assert lozere.error == "« Lozère (département) » n'est pas une commune : choisissez une commune."
    assert {c.departement for c in lozere.choices} == {"48"}


def test_a_name_shared_by_a_departement_and_a_commune_asks_in_a_zone_field():
    result = resolve("Vienne", levels=ZONES)
    assert result.place is None
    # Ranked by population; the test referential lacks the communes of the Vienne (86).
    assert set(labels(result.choices[:2])) == {"Vienne (département)", "Vienne (Isère)"}
    assert resolve("Vienne").place.ref == "commune:38544"


@pytest.mark.parametrize(
    "text", ["", "   ", "x" * 200, "departement:999", "commune:", "region:", "(", ")", ",", "<script>"]
)
def test_bad_input_gets_a_message_never_an_exception(text):
    result = resolve(text, levels=ZONES)
    assert result.place is None
    assert result.error


def test_unknown_reference():
    assert resolve("departement:999", levels=ZONES).error == "Territoire inconnu : departement:999"


def test_names_for_people():
    assert name_of("departement", "11") == "Aude"
    assert name_of("region", "76") == "Occitanie"
    assert name_of("national", "FR") == "France"
    assert name_of("departement", "999") == "999"
    assert names_of(["departement:11", "region:76", ("commune", "34172")]) == [
        "Aude",
        "Occitanie",
        "Montpellier",
    ]


@pytest.mark.parametrize(
    ("level", "code", "label"),
    [
        ("commune", "32389", "Saint-Martin (Gers)"),
        ("commune", "75056", "Paris (Île-de-France)"),
        ("departement", "34", "Hérault (département)"),
        ("region", "76", "Occitanie (région)"),
        ("epci", "243400017", "Montpellier Méditerranée Métropole (intercommunalité)"),
        ("national", "FR", "France"),
    ],
)
def test_labels_read_well_and_resolve_back(level, code, label):
    assert label_of(level, code) == label
    assert resolve(label, levels=ZONES).place.key == (level, code)


def test_several_places_in_one_field():
    assert resolve_many("Lozère, Occitanie; departement:11\nSaint-Martin (Gers)") == (
        ["departement:48", "region:76", "departement:11", "commune:32389"],
        [],
    )
    refs, errors = resolve_many("Lozère, romans, xqzwv")
    assert refs == ["departement:48"]
    assert errors[0].startswith("« romans » : plusieurs territoires possibles (Romans-sur-Isère (Drôme), ")
    assert errors[1].startswith("Territoire inconnu : « xqzwv ».")
    assert split_places("Annecy-le-Vieux (Annecy, Haute-Savoie), Gard") == [
        "Annecy-le-Vieux (Annecy, Haute-Savoie)",
        "Gard",
    ]


def test_suggestions_for_autocomplete():
    found = suggest("montp", limit=3)
    assert len(found) == 3
    assert found[0].ref == "commune:34172"
    assert suggest("") == []


def test_the_index_is_built_once_and_follows_the_referential():
    first = place_index()
    assert place_index() is first
    assert first.get("commune", "34172").name == "Montpellier"
