from essaim.network.actions import gap_suggestion, nearest, territory_gaps
from essaim.orientation.coverage import coverage
from tests.factories.directory import ProgrammeFactory


def test_nearest_programme_of_a_stage_in_a_neighbouring_departement(world):
    ProgrammeFactory(
        slug="gard-dev", name="Développeur gardois", stages=["developpement"], zone=["departement:30"]
    )
    found, where = nearest("34", "developpement")
    assert ([f.slug for f, _dep in found], where) == (["gard-dev"], "neighbours")
    suggestion = gap_suggestion("34", "Hérault", "developpement")
    assert suggestion.anchor == "action-developpement-34"
    assert suggestion.text == (
        "Aucun dispositif de développement dans l'Hérault ; le plus proche est Développeur gardois (Gard)."
    )
    assert suggestion.programmes == [("Développeur gardois", "gard-dev")]


def test_nothing_nearby_looks_anywhere(world):
    ProgrammeFactory(slug="loin", name="Lointain", stages=["developpement"], zone=["departement:29"])
    found, where = nearest("34", "developpement")
    assert ([f.slug for f, _dep in found], where) == (["loin"], "national")
    assert (
        "aucun dans les départements voisins ; ailleurs en France : Lointain."
        in gap_suggestion("34", "Hérault", "developpement").text
    )


def test_gaps_of_a_departement_and_of_a_commune(world):
    assert territory_gaps("departement", "34", coverage("departement", "34")) == [
        ("34", "Hérault", "developpement")
    ]
    assert territory_gaps("commune", "34172", coverage("commune", "34172")) == [
        ("34", "Hérault", "developpement")
    ]


def test_gaps_of_a_region_are_per_departement(world):
    gaps = territory_gaps("region", "76")
    departements = {dep for dep, _name, _stage in gaps}
    assert "34" in departements and "11" in departements  # the Aude has no programme at all
    assert ("11", "Aude", "emergence") in gaps
