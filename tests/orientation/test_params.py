"""essaim.orientation.params: orientation and coverage input, checked on the test referential."""

import pytest
from django.http import QueryDict

from essaim.orientation.index import Preferences
from essaim.orientation.params import MODEL_CHOICES, OrientationQuery, parse_orientation, parse_territory
from essaim.territories.placeindex import forget_index
from tests.factories.directory import EcosystemFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

NEEDS = "idea, feasibility, business_plan, financing, premises, peers, training, markets, recruiting, legal_structure"


@pytest.fixture(autouse=True)
def fresh_index():
    # Built from this test's database, whichever it is.
    forget_index()
    yield
    forget_index()


def test_a_valid_query():
    query = parse_orientation(
        {"place": "Montpellier", "stage": "creation", "need": ["financing", "premises"], "model": "carrier"}
    )
    assert query.errors == {}
    assert query.is_valid is True
    assert query.context.commune.code == "34172"
    assert query.context.keys[-2:] == (("region", "76", "Occitanie"), ("national", "FR", "France"))
    assert query.stage == "creation"
    assert query.needs == ["financing", "premises"]
    assert query.preferences == Preferences(model="carrier", public=None, ecosystem=None, members=None)
    assert query.choices == []


def test_needs_repeat_or_come_comma_separated_once_each_in_their_order():
    query = parse_orientation(QueryDict("place=34172&need=premises,financing&need=premises&need=&need=idea,"))
    assert query.errors == {}
    assert query.needs == ["premises", "financing", "idea"]
    assert parse_orientation({"place": "34172", "need": ("idea", "peers")}).needs == ["idea", "peers"]
    assert parse_orientation({"place": "34172", "need": "training"}).needs == ["training"]


def test_no_place():
    query = parse_orientation({})
    assert query.errors == {"place": "Indiquez une commune : son nom, son code postal ou son code INSEE."}
    assert query.context is None
    assert query.is_valid is False


def test_a_departement_is_not_a_commune():
    assert parse_orientation({"place": "34"}).errors == {
        "place": "« Hérault (département) » n'est pas une commune : indiquez une commune (nom, code postal ou code INSEE)."
    }


def test_homonyms_carry_their_choices():
    query = parse_orientation({"place": "Saint-Martin"})
    assert query.errors == {
        "place": "Plusieurs communes correspondent à « Saint-Martin » : précisez laquelle."
    }
    # The homonyms first, then the communes whose name starts with it.
    assert len(query.choices) == 15
    assert {c["code"] for c in query.choices[:5]} == {"32389", "54480", "65392", "67426", "97801"}
    assert all(c["name"].startswith("Saint-Martin-") for c in query.choices[5:])
    assert query.choices[0] == {"code": "97801", "name": "Saint-Martin", "departement": "978"}


def test_unknown_values_are_named_with_the_possible_ones():
    query = parse_orientation(
        {
            "place": "34172",
            "stage": " amorcage ",
            "need": "financing,financement",
            "public": "zz",
            "model": "x",
        }
    )
    assert query.context.commune.code == "34172"
    assert query.is_valid is False
    assert query.errors == {
        "stage": "Valeur inconnue « amorcage ». Valeurs possibles : emergence, creation, consolidation, developpement",
        "need": f"Valeur inconnue « financement ». Valeurs possibles : {NEEDS}",
        "public": (
            "Valeur inconnue « zz ». Valeurs possibles : carriers, job_seekers, young_people, women, "
            "ess_enterprises, ess_workers, local_authorities, researchers, buyers, citizens"
        ),
        "model": "Valeur inconnue « x ». Valeurs possibles : carrier, generator",
    }
    assert query.stage is None
    assert query.needs == ["financing"]
    assert query.preferences == Preferences()


def test_an_unknown_value_is_quoted_at_most_50_characters_long():
    query = parse_orientation({"place": "34172", "stage": "x" * 80})
    assert query.errors["stage"].startswith(f"Valeur inconnue « {'x' * 50} ». ")


def test_the_models_a_person_may_ask():
    assert MODEL_CHOICES == ["carrier", "generator"]
    assert parse_orientation({"place": "34172", "model": "generator"}).preferences.model == "generator"


def test_an_ecosystem_keeps_its_member_programmes():
    members = [ProgrammeFactory(), ProgrammeFactory()]
    ProgrammeFactory()
    ecosystem = EcosystemFactory(slug="reseau-occitan")
    ecosystem.members.set(members)
    query = parse_orientation({"place": "34172", "ecosystem": " reseau-occitan ", "public": "women"})
    assert query.errors == {}
    assert query.preferences == Preferences(
        model=None, public="women", ecosystem="reseau-occitan", members=frozenset(p.pk for p in members)
    )


def test_an_unknown_ecosystem():
    query = parse_orientation({"place": "34172", "ecosystem": "nulle-part"})
    assert query.errors == {"ecosystem": "Écosystème inconnu « nulle-part »."}
    assert query.preferences.ecosystem is None and query.preferences.members is None


def test_an_empty_query_object():
    query = OrientationQuery()
    assert (query.context, query.stage, query.needs, query.errors, query.choices) == (None, None, [], {}, [])
    assert query.is_valid is False


@pytest.mark.parametrize(
    ("ref", "key"),
    [
        ("departement:34", ("departement", "34")),
        ("Hérault", ("departement", "34")),
        ("34", ("departement", "34")),
        ("Occitanie", ("region", "76")),
        ("34000", ("commune", "34172")),
    ],
)
def test_parse_territory(ref, key):
    assert parse_territory(ref) == key


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        (
            "",
            "Indiquez un territoire : une commune (nom, code postal ou code INSEE), un département ou une région.",
        ),
        (
            "zzzz",
            "Territoire inconnu : « zzzz ». Essayez un nom de commune, un code postal, un département ou une région.",
        ),
        (
            "Saint-Martin",
            "Plusieurs territoires correspondent à « Saint-Martin » : précisez lequel. (Saint-Martin (outre-mer), "
            "Saint-Martin (Hautes-Pyrénées), Saint-Martin (Gers), Saint-Martin (Bas-Rhin), "
            "Saint-Martin (Meurthe-et-Moselle))",
        ),
    ],
)
def test_parse_territory_refuses_with_a_french_message(ref, message):
    with pytest.raises(ValueError) as exc:
        parse_territory(ref)
    assert str(exc.value) == message
