import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from essaim.core.errors import PermissionDenied
from essaim.replication import selectors, services
from tests.replication.factories import TEXTS, project_copy, published_kit


def test_draft_kits_are_seen_by_their_owners_only(world):
    draft = services.kit_create(by=world.m_staff, name="Garage", project=world.project, texts=TEXTS)
    assert list(selectors.kits_for(world.m_admin)) == [draft]
    assert list(selectors.kits_for(world.c_staff)) == []
    assert list(selectors.kits_for(world.platform_admin)) == [draft]
    with pytest.raises(Http404):
        selectors.kit_for(world.c_staff, draft.pk)


def test_published_kits_are_read_by_staff_and_viewers_not_by_carriers(world):
    kit = published_kit(world)
    for user in (world.c_staff, world.o_staff, world.viewer):
        assert [k.pk for k in selectors.kits_for(user)] == [kit.pk]
    assert list(selectors.kits_for(world.carrier)) == []
    assert list(selectors.kits_for(AnonymousUser())) == []
    with pytest.raises(PermissionDenied):
        selectors.kit_for(world.c_staff, kit.pk, manage=True)
    assert selectors.kit_for(world.m_staff, kit.pk, manage=True) == kit


def test_a_copy_is_seen_by_its_programme_and_the_kit_owners(world):
    kit = published_kit(world)
    replica = project_copy(world, kit)
    assert selectors.replica_for(world.c_staff, replica.pk, manage=True) == replica
    assert selectors.replica_for(world.m_staff, replica.pk) == replica
    with pytest.raises(PermissionDenied):
        selectors.replica_for(world.m_staff, replica.pk, manage=True)
    with pytest.raises(Http404):
        selectors.replica_for(world.o_staff, replica.pk)


def test_lineage_is_depth_first_with_the_tree_drawing(world):
    kit = published_kit(world)
    first = project_copy(world, kit)
    second = project_copy(
        world, kit, commune=world.toulouse, programme=world.po, by=world.o_staff, parent=first
    )
    nodes = selectors.lineage(kit)
    assert [(n.key, n.depth, n.parent_key) for n in nodes] == [
        ("model", 0, None),
        (f"copy-{first.pk}", 1, "model"),
        (f"copy-{second.pk}", 2, f"copy-{first.pk}"),
    ]
    assert [(n.x, n.y, n.px, n.py) for n in nodes] == [
        (24, 24, 24, 24),
        (224, 68, 24, 24),
        (424, 112, 224, 68),
    ]
    assert nodes[0].territory_ref == "commune:34172"
    assert selectors.tree_size(nodes) == (628, 146)


def test_subjects_and_targets_are_the_persons_own(world):
    projects, programmes = selectors.modelled_subjects(world.m_staff)
    assert ([p.pk for p in projects], [p.pk for p in programmes]) == ([world.project.pk], [world.pm.pk])
    assert [p.pk for p in selectors.target_programmes(world.c_staff)] == [world.pc.pk]
    assert list(selectors.founding_organisations(world.c_staff)) == []
    assert list(selectors.founding_organisations(world.c_admin)) == [world.org_c]
