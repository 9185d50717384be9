import pytest
from django.http import Http404

from essaim.core.errors import PermissionDenied
from essaim.network.selectors import (
    conductor_entries,
    ecosystem_subject_for,
    own_programme_ids,
    territory_subject_for,
)


def test_territory_subject_for_its_viewers(world):
    assert territory_subject_for(world.viewer, "departement", "34").label == "Hérault"
    assert territory_subject_for(world.platform_admin, "region", "11").code == "11"
    for user in (world.funder_viewer, world.other_viewer, world.a_admin):
        with pytest.raises(PermissionDenied):
            territory_subject_for(user, "departement", "34")
    with pytest.raises(Http404):
        territory_subject_for(world.viewer, "departement", "999")


def test_ecosystem_subject_for_its_leader_staff(world):
    subject = ecosystem_subject_for(world.leader_staff, "eco-herault")
    assert subject.members == frozenset({world.alpha.pk, world.beta.pk})
    with pytest.raises(PermissionDenied):
        ecosystem_subject_for(world.a_admin, "eco-herault")  # a member's staff
    with pytest.raises(Http404):
        ecosystem_subject_for(world.outsider, "eco-herault")


def test_own_programmes_and_entries(world):
    assert own_programme_ids(world.a_admin) == {world.alpha.pk}
    assert own_programme_ids(world.viewer) == set()
    assert [(e.kind, e.label) for e in conductor_entries(world.viewer)] == [("territory", "Occitanie")]
    assert [(e.kind, e.slug) for e in conductor_entries(world.leader_staff)] == [("ecosystem", "eco-herault")]
    assert conductor_entries(world.funder_viewer) == []
