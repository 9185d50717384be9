import pytest

from essaim.orientation.places import PlaceError, resolve_place

pytestmark = pytest.mark.django_db


def test_insee_code_gives_the_commune_and_its_containing_territories():
    context = resolve_place("34172")
    assert context.keys == (
        ("commune", "34172", "Montpellier"),
        ("epci", "243400017", "Montpellier Méditerranée Métropole"),
        ("departement", "34", "Hérault"),
        ("region", "76", "Occitanie"),
        ("national", "FR", "France"),
    )


def test_postal_code_of_one_commune():
    assert resolve_place("34000").commune.code == "34172"


def test_code_both_insee_and_postal_code_of_another_commune_asks_most_populous_first():
    with pytest.raises(PlaceError) as exc:
        resolve_place("34070")
    assert [c["code"] for c in exc.value.choices] == ["34172", "34070"]


def test_ambiguous_postal_code_lists_the_communes():
    with pytest.raises(PlaceError) as exc:
        resolve_place("34370")
    assert exc.value.choices == [
        {"code": "34069", "name": "Cazouls-lès-Béziers", "departement": "34"},
        {"code": "34148", "name": "Maraussan", "departement": "34"},
        {"code": "34155", "name": "Maureilhan", "departement": "34"},
        {"code": "34089", "name": "Creissan", "departement": "34"},
    ]
    assert "34370" in exc.value.message


def test_name_exact_match_wins_over_prefixes():
    assert resolve_place("montpellier").commune.code == "34172"


def test_arrondissement_code_resolves_to_the_commune():
    assert resolve_place("13201").commune.code == "13055"


@pytest.mark.parametrize("text", ["", "99999", "zzzzqqq", "x" * 200])
def test_unknown_places_raise_a_french_message(text):
    with pytest.raises(PlaceError) as exc:
        resolve_place(text)
    assert exc.value.choices == []
    assert exc.value.message


def test_explicit_kind_of_code_removes_the_ambiguity():
    from essaim.orientation.places import resolve_place

    assert resolve_place("cp:34070").commune.code == "34172"
    assert resolve_place("commune:34172").commune.code == "34172"
    assert resolve_place("insee:13201").commune.code == "13055"
    with pytest.raises(PlaceError):
        resolve_place("cp:34172")


def test_names_go_through_the_one_resolver():
    assert resolve_place("Saint-Martin (Gers)").commune.code == "32389"
    assert resolve_place("st etienne").commune.code == "42218"
    with pytest.raises(PlaceError) as exc:
        resolve_place("Saint-Martin")
    assert exc.value.choices[0] == {"code": "97801", "name": "Saint-Martin", "departement": "978"}
    with pytest.raises(PlaceError) as exc:
        resolve_place("montpelier")
    assert exc.value.message.startswith(
        "Commune inconnue : « montpelier ». Vouliez-vous dire Montpellier (Hérault)"
    )
    assert exc.value.choices == []
