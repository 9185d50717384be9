"""essaim.territories.qualifiers: what tells homonyms apart in a typed place, on the test
referential (the database: SQLite by default, PostgreSQL with DATABASE_URL)."""

import pytest

from essaim.territories import qualifiers
from essaim.territories.placeindex import forget_index, place_index, query_norm

pytestmark = pytest.mark.django_db

SAINT_MARTINS = [
    ("commune", "32389"),  # Gers
    ("commune", "54480"),
    ("commune", "65392"),  # Hautes-Pyrénées
    ("commune", "67426"),
    ("commune", "97801"),  # the overseas collectivity
]


@pytest.fixture
def index():
    # Built from this test's database, whichever it is.
    forget_index()
    yield place_index()
    forget_index()


def kept(index, name, keep) -> list[tuple[str, str]]:
    """(level, code) of the entries named `name` that the filter keeps."""
    entries = (index.entries[p] for p in index.exact_matches(query_norm(name)))
    return sorted(entry.key for entry in entries if keep(entry))


@pytest.mark.parametrize(
    ("raw", "name", "places"),
    [
        ("Saint-Martin (Gers)", "Saint-Martin", [("commune", "32389")]),
        ("Saint-Martin (32)", "Saint-Martin", [("commune", "32389")]),
        ("Saint-Martin, 32", "Saint-Martin", [("commune", "32389")]),
        ("Saint-Martin, Gers, commune", "Saint-Martin", [("commune", "32389")]),
        ("Saint-Martin (Occitanie)", "Saint-Martin", [("commune", "32389"), ("commune", "65392")]),
        ("Saint-Martin (commune)", "Saint-Martin", SAINT_MARTINS),
        ("Saint-Martin (outre-mer)", "Saint-Martin", [("commune", "97801"), ("departement", "978")]),
        ("Saint-Martin (2A)", "Saint-Martin", []),
        ("Vienne (département)", "Vienne", [("departement", "86")]),
        ("Aubusson (23200)", "Aubusson", [("commune", "23008")]),  # a postal code
        ("Aubusson (23008)", "Aubusson", [("commune", "23008")]),  # an INSEE code
    ],
)
def test_a_qualifier_becomes_a_filter(index, raw, name, places):
    found_name, keep = qualifiers.split_qualifier(index, raw)
    assert found_name == name
    assert kept(index, found_name, keep) == places


@pytest.mark.parametrize(
    "raw",
    [
        "Saint-Martin",
        "Saint-Martin (Bidule)",
        "Saint-Martin ()",
        "Saint-Martin, Gers, bidule",
        "Saint-Martin (99999)",
    ],
)
def test_a_qualifier_that_means_nothing_leaves_the_text_whole(index, raw):
    assert qualifiers.split_qualifier(index, raw) == (raw, None)


@pytest.mark.parametrize(
    ("norm", "name", "places"),
    [
        ("saint martin gers", "saint martin", [("commune", "32389")]),
        ("saint martin 32", "saint martin", [("commune", "32389")]),
        ("aubusson creuse", "aubusson", [("commune", "23008")]),
        ("aubusson 23200", "aubusson", [("commune", "23008")]),
        ("vienne departement", "vienne", [("departement", "86")]),
        ("saint martin haute garonne", "saint martin", []),  # a two-word département, none there
    ],
)
def test_trailing_departement(index, norm, name, places):
    found_name, keep = qualifiers.trailing_departement(index, norm)
    assert found_name == name
    assert kept(index, found_name, keep) == places


@pytest.mark.parametrize("norm", ["saint martin", "gers", "", "paris"])
def test_no_trailing_qualifier(index, norm):
    assert qualifiers.trailing_departement(index, norm) == ("", None)


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        (qualifiers.COMMUNE_CODE, "34172", True),
        (qualifiers.COMMUNE_CODE, "2A004", True),
        (qualifiers.COMMUNE_CODE, "2b033", True),
        (qualifiers.COMMUNE_CODE, "3417", False),
        (qualifiers.COMMUNE_CODE, "2C004", False),
        (qualifiers.DEPARTEMENT_CODE, "34", True),
        (qualifiers.DEPARTEMENT_CODE, "974", True),
        (qualifiers.DEPARTEMENT_CODE, "2a", True),
        (qualifiers.DEPARTEMENT_CODE, "3", False),
        (qualifiers.DEPARTEMENT_CODE, "9740", False),
    ],
)
def test_code_patterns(pattern, text, matches):
    assert bool(pattern.match(text)) is matches
