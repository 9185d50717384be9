from essaim.calls.models.states import NeedState
from essaim.directory.enums import LifeStage
from essaim.replication import services
from essaim.replication.candidates import replication_candidates
from tests.factories.calls import TerritoryNeedFactory
from tests.factories.directory import ProgrammeFactory
from tests.replication.factories import TEXTS, project_copy, published_kit


def _cover_all_stages(departement: str) -> None:
    ProgrammeFactory(zone=[f"departement:{departement}"], stages=list(LifeStage.values))


def test_a_registered_need_makes_a_candidate_until_a_copy_is_there(world, django_assert_max_num_queries):
    _cover_all_stages("11")
    kit = published_kit(world)
    TerritoryNeedFactory(
        programme=world.pc, title="Un garage solidaire", need="Pas de garage", commune=world.narbonne
    )
    TerritoryNeedFactory(
        programme=world.pc,
        title="Garage abandonné",
        need="x",
        commune=world.narbonne,
        state=NeedState.DROPPED,
    )
    replication_candidates("departement:11")  # warm-up: the orientation index is built once
    with django_assert_max_num_queries(8):
        found = replication_candidates("departement:11")
    assert [(c.kit.pk, c.reasons) for c in found] == [(kit.pk, ["Besoin recensé : Un garage solidaire"])]
    assert replication_candidates(("commune", "11262"))[0].kit == kit
    assert replication_candidates("departement:31") == []  # no need, no gap there
    project_copy(world, kit)
    assert replication_candidates("departement:11") == []
    assert replication_candidates("commune:11262") == []


def test_a_coverage_gap_at_a_stage_the_kit_serves_makes_a_candidate(world):
    kit = published_kit(world, need_terms="", life_stages=[LifeStage.CONSOLIDATION])
    found = replication_candidates("departement:23")  # the Creuse: no programme there
    assert [(c.kit, c.reasons, c.copies) for c in found] == [
        (kit, ["Aucun dispositif à l'étape « Consolidation » sur le territoire"], 0)
    ]
    assert replication_candidates("departement:34") == []  # the model itself is there


def test_drafts_are_never_candidates_and_ranking_follows_shown_outcomes(world):
    services.kit_create(
        by=world.m_staff,
        name="Brouillon",
        programme=world.pm,
        texts=TEXTS,
        life_stages=[LifeStage.CONSOLIDATION],
    )
    first = published_kit(world, name="B", need_terms="", life_stages=[LifeStage.CONSOLIDATION])
    assert [c.kit for c in replication_candidates("departement:23")] == [first]
    assert replication_candidates("departement:23")[0].as_dict()["outcomes"]["created"] == "< 5"
