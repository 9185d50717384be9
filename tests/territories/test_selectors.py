import pytest

from essaim.territories.selectors import (
    TerritoryNotFound,
    communes_for_postal_code,
    containing_keys,
    contains,
    parse_ref,
    resolve_commune,
    search,
)

pytestmark = pytest.mark.django_db


def codes(places):
    return [(p.level, p.code) for p in places]


def test_search_is_accent_case_prefix_and_order_tolerant():
    assert codes(search("ile de fr"))[0] == ("region", "11")
    assert codes(search("FR ÎLE"))[0] == ("region", "11")


def test_search_ranks_by_population():
    assert codes(search("romans", levels=["commune"]))[0] == ("commune", "26281")


def test_search_by_postal_code_and_insee_code():
    assert codes(search("34000")) == [("commune", "34172")]
    assert codes(search("34172")) == [("commune", "34172")]


def test_search_unknown_returns_nothing():
    assert search("zzzzqqq") == []
    assert search("   ") == []


def test_postal_code_serving_several_communes():
    names = {c.code for c in communes_for_postal_code("34190")}
    assert len(names) > 1


def test_arrondissement_resolves_to_its_commune():
    assert resolve_commune("13201").code == "13055"
    assert resolve_commune("75112").code == "75056"
    with pytest.raises(TerritoryNotFound):
        resolve_commune("00000")


def test_containment_at_every_level():
    assert containing_keys("commune", "34172") == [
        ("commune", "34172"),
        ("epci", "243400017"),
        ("departement", "34"),
        ("region", "76"),
        ("national", "FR"),
    ]
    assert contains(("region", "76"), ("commune", "34172"))
    assert contains(("departement", "34"), ("epci", "243400017"))
    assert not contains(("departement", "30"), ("commune", "34172"))
    assert contains(("national", "FR"), ("departement", "13"))


def test_parse_ref():
    assert parse_ref("departement:34") == ("departement", "34")
    assert parse_ref("national") == ("national", "FR")
    with pytest.raises(ValueError):
        parse_ref("canton:12")
