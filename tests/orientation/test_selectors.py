import pytest

from essaim.directory.enums import AccompanimentModel, ProgrammeKind
from essaim.orientation import index
from essaim.orientation.index import Preferences
from essaim.orientation.places import resolve_place
from essaim.orientation.selectors import coverage, departement_summaries, orient
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db

MONTPELLIER = "34172"


@pytest.fixture
def hérault():
    """One programme per level around Montpellier, plus one in Agde and one in the Gard."""
    return {
        "commune": ProgrammeFactory(
            slug="p-commune",
            name="Ruche de Montpellier",
            zone=["commune:34172"],
            stages=["emergence"],
            needs=["financing"],
        ),
        "epci": ProgrammeFactory(
            slug="p-epci",
            name="Métropole en action",
            zone=["epci:243400017"],
            stages=["emergence", "creation"],
        ),
        "dep": ProgrammeFactory(
            slug="p-dep",
            name="Incubateur héraultais",
            zone=["departement:34"],
            stages=["emergence"],
            needs=["financing", "premises"],
        ),
        "dep-plain": ProgrammeFactory(
            slug="p-dep-plain", name="Amorce héraultaise", zone=["departement:34"], stages=["emergence"]
        ),
        "region": ProgrammeFactory(
            slug="p-region",
            name="Consolider en Occitanie",
            zone=["region:76"],
            stages=["consolidation"],
            kind=ProgrammeKind.BUSINESS_NURSERY,
        ),
        "national": ProgrammeFactory(
            slug="p-national",
            name="Fabrique nationale",
            zone=["national:FR"],
            stages=["emergence"],
            model=AccompanimentModel.GENERATOR,
            kind=ProgrammeKind.PROJECT_GENERATOR,
        ),
        "agde": ProgrammeFactory(
            slug="p-agde", name="Agde solidaire", zone=["commune:34003"], stages=["consolidation"]
        ),
        "gard": ProgrammeFactory(
            slug="p-gard", name="Développer dans le Gard", zone=["departement:30"], stages=["developpement"]
        ),
        "hidden": ProgrammeFactory(
            slug="p-hidden", zone=["commune:34172"], stages=["emergence"], is_published=False
        ),
    }


def test_orientation_ranks_most_local_first_then_by_needs_met(hérault):
    result = orient(resolve_place(MONTPELLIER), stage="emergence", needs=["financing"])
    assert [m.fact.slug for m in result.results] == [
        "p-commune",
        "p-epci",
        "p-dep",
        "p-dep-plain",
        "p-national",
    ]
    assert [m.score for m in result.results] == [505, 400, 305, 300, 100]
    assert result.results[2].reasons == [
        "intervient dans l'Hérault",
        "accompagne l'émergence",
        "répond à : financement",
    ]
    assert result.results[2].matched_zone == {"level": "departement", "code": "34", "name": "Hérault"}


def test_more_needs_met_ranks_higher_within_a_level(hérault):
    result = orient(resolve_place(MONTPELLIER), stage="emergence", needs=["premises"])
    assert [m.fact.slug for m in result.results] == [
        "p-commune",
        "p-epci",
        "p-dep",
        "p-dep-plain",
        "p-national",
    ]
    result = orient(resolve_place(MONTPELLIER), stage="emergence")
    # Without needs, programmes of one level come by name.
    assert [m.fact.slug for m in result.results] == [
        "p-commune",
        "p-epci",
        "p-dep-plain",
        "p-dep",
        "p-national",
    ]


def test_parcours_and_gaps(hérault):
    result = orient(resolve_place(MONTPELLIER), stage="emergence")
    assert {stage: [m.fact.slug for m in matches] for stage, matches in result.parcours.items()} == {
        "creation": ["p-epci"],
        "consolidation": ["p-region"],
        "developpement": [],
    }
    assert [g.as_dict() for g in result.gaps] == [
        {
            "stage": "developpement",
            "alternatives": ["p-gard"],
            "nearest": [
                {
                    "slug": "p-gard",
                    "name": "Développer dans le Gard",
                    "place": "dans le Gard",
                    "distance_km": None,
                }
            ],
            "doors": [],
        }
    ]
    assert result.gaps[0].where == "neighbours"


def test_gap_alternatives_prefer_the_same_departement(hérault):
    ProgrammeFactory(slug="p-sete", name="Sète solidaire", zone=["commune:34301"], stages=["developpement"])
    result = orient(resolve_place(MONTPELLIER), stage="consolidation")
    assert [g.as_dict() for g in result.gaps] == [
        {
            "stage": "developpement",
            "alternatives": ["p-sete"],
            "nearest": [{"slug": "p-sete", "name": "Sète solidaire", "place": "à Sète", "distance_km": None}],
            "doors": [],
        }
    ]
    assert result.gaps[0].where == "departement"


def test_model_preference_and_public_filter(hérault):
    ProgrammeFactory(slug="p-women", zone=["departement:34"], stages=["emergence"], publics=["women"])
    ProgrammeFactory(slug="p-young", zone=["departement:34"], stages=["emergence"], publics=["young_people"])
    ProgrammeFactory(slug="p-all", zone=["departement:34"], stages=["emergence"], publics=["carriers"])
    own_idea = orient(
        resolve_place(MONTPELLIER),
        stage="emergence",
        preferences=Preferences(model=AccompanimentModel.CARRIER, public="women"),
    )
    slugs = [m.fact.slug for m in own_idea.results]
    assert "p-national" not in slugs
    assert "p-women" in slugs and "p-all" in slugs and "p-young" not in slugs
    join = orient(resolve_place(MONTPELLIER), stage="emergence", preferences=Preferences(model="generator"))
    assert [m.fact.slug for m in join.results] == ["p-national"]


def test_gap_alternatives_relax_preferences_when_nothing_is_near(hérault):
    result = orient(resolve_place(MONTPELLIER), stage="emergence", preferences=Preferences(model="generator"))
    gaps = {g.stage: g for g in result.gaps}
    assert gaps["creation"].where == "preferences"
    assert [f.slug for f in gaps["creation"].alternatives] == ["p-epci"]


def test_the_index_follows_changes(hérault):
    context = resolve_place(MONTPELLIER)
    assert len(orient(context, stage="creation").results) == 1
    ProgrammeFactory(slug="p-new", zone=["commune:34172"], stages=["creation"])
    assert [m.fact.slug for m in orient(context, stage="creation").results] == ["p-new", "p-epci"]
    hérault["epci"].delete()
    assert [m.fact.slug for m in orient(context, stage="creation").results] == ["p-new"]


def test_as_dict_has_the_api_shape(hérault):
    data = orient(resolve_place(MONTPELLIER), stage="consolidation").as_dict()
    assert data == {
        "place": {"level": "commune", "code": "34172", "name": "Montpellier"},
        "results": [
            {
                "slug": "p-region",
                "name": "Consolider en Occitanie",
                "score": 200,
                "reasons": ["intervient en Occitanie", "accompagne la consolidation"],
                "matched_zone": {"level": "region", "code": "76", "name": "Occitanie"},
            }
        ],
        "parcours": {"developpement": []},
        "gaps": [
            {
                "stage": "developpement",
                "alternatives": ["p-gard"],
                "nearest": [
                    {
                        "slug": "p-gard",
                        "name": "Développer dans le Gard",
                        "place": "dans le Gard",
                        "distance_km": None,
                    }
                ],
                "doors": [],
            }
        ],
        "nearby": [],
    }


@pytest.mark.parametrize("count", [1, 30])
def test_orientation_costs_no_query_once_the_index_is_built(count, django_assert_num_queries):
    for _i in range(count):
        ProgrammeFactory(zone=["departement:34"], stages=["emergence"])
    context = resolve_place(MONTPELLIER)
    index.get_index()
    with django_assert_num_queries(0):
        result = orient(context, stage="emergence", limit=50)
    assert len(result.results) == count


def test_coverage_of_a_departement(hérault):
    result = coverage("departement", "34")
    assert [f.slug for f in result.programmes] == [
        "p-agde",
        "p-dep-plain",
        "p-region",
        "p-national",
        "p-dep",
        "p-epci",
        "p-commune",
    ]
    data = result.as_dict()
    assert data["territory"] == {"level": "departement", "code": "34", "name": "Hérault"}
    assert data["stages"] == ["emergence", "creation", "consolidation", "developpement"]
    assert data["kinds"][0] == "incubator"
    cells = {(c["stage"], c["kind"]): c["programmes"] for c in data["cells"]}
    assert len(cells) == 4 * len(data["kinds"])
    assert cells[("emergence", "incubator")] == ["p-dep-plain", "p-dep", "p-epci", "p-commune"]
    assert cells[("emergence", "project_generator")] == ["p-national"]
    assert cells[("consolidation", "business_nursery")] == ["p-region"]
    assert cells[("consolidation", "incubator")] == ["p-agde"]
    assert data["gaps"] == ["developpement"]


def test_coverage_of_a_commune_only_counts_zones_containing_it(hérault):
    slugs = [f.slug for f in coverage("commune", MONTPELLIER).programmes]
    assert "p-agde" not in slugs and "p-commune" in slugs


def test_coverage_of_france_and_of_a_region(hérault):
    assert len(coverage("national", "FR").programmes) == 8
    assert "p-gard" in [f.slug for f in coverage("region", "76").programmes]
    assert coverage("region", "76").gaps == []


def test_departement_summaries(hérault):
    by_code = {s.code: s for s in departement_summaries()}
    assert by_code["34"].stages == ("emergence", "creation", "consolidation")
    assert by_code["34"].programmes == 7
    assert by_code["30"].stages == ("emergence", "consolidation", "developpement")
    assert by_code["75"].stages == ("emergence",)
    assert [s.code for s in departement_summaries(region="76")][:3] == ["09", "11", "12"]
