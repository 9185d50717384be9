import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from essaim.core.errors import PermissionDenied
from essaim.library import selectors, services
from essaim.library.models import Resource


def test_public_list_holds_published_entries_only(world):
    assert [r.pk for r in selectors.published_resources()] == [world.published.pk]


def test_filters_by_stage_kind_need_and_resource_kind(world):
    pk = world.published.pk
    assert [r.pk for r in selectors.published_resources(stage="emergence")] == [pk]
    assert [r.pk for r in selectors.published_resources(stage="creation")] == []
    assert [r.pk for r in selectors.published_resources(kind="incubator")] == [pk]
    assert [r.pk for r in selectors.published_resources(kind="couveuse")] == []
    assert [r.pk for r in selectors.published_resources(need="feasibility")] == [pk]
    assert [r.pk for r in selectors.published_resources(need="premises")] == []
    assert [r.pk for r in selectors.published_resources(resource_kind="checklist")] == [pk]
    assert [r.pk for r in selectors.published_resources(resource_kind="guide")] == []


def test_a_draft_of_a_is_seen_by_a_only(world):
    assert selectors.resource_for(world.a_staff, world.draft.pk).pk == world.draft.pk
    for user in (AnonymousUser(), world.b_staff):
        with pytest.raises(Http404):
            selectors.resource_for(user, world.draft.pk)
    assert selectors.resource_for(world.b_staff, world.published.pk).pk == world.published.pk


def test_manage_is_403_for_a_reader_of_a_published_resource(world):
    with pytest.raises(PermissionDenied):
        selectors.resource_for(world.b_staff, world.published.pk, manage=True)


def test_programme_resources_are_the_programmes_own_with_their_reusers(world):
    services.resource_reuse(resource=world.published, stage=world.stage_b, by=world.b_staff)
    rows = {r.pk: r.reusers for r in selectors.programme_resources(world.pa)}
    assert rows == {world.published.pk: 1, world.draft.pk: 0}
    assert list(selectors.programme_resources(world.pb)) == []


def test_reuse_stages_are_the_persons_programmes_but_not_the_authors(world):
    stages = list(selectors.reuse_stages(world.b_staff, world.published))
    assert {s.pipeline.programme_id for s in stages} == {world.pb.pk}
    assert list(selectors.reuse_stages(world.a_staff, world.published)) == []
    assert Resource.objects.count() == 2
