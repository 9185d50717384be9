from essaim.replication import privacy
from essaim.replication.models import KitVersion, Replica
from tests.replication.factories import project_copy, published_kit


def test_export_and_erasure_of_authors(world):
    kit = published_kit(world)
    replica = project_copy(world, kit)
    assert privacy.export_for(user=world.m_staff) == {
        "kit_versions": [{"kit": "Garage solidaire", "version": 1, "note": ""}],
        "replicas": [],
    }
    assert privacy.export_for(user=world.c_staff)["replicas"] == [
        {"kit": "Garage solidaire", "territory": "commune:11262"}
    ]
    assert privacy.erase_for(user=world.c_staff) == 1
    assert Replica.objects.get(pk=replica.pk).created_by is None
    assert KitVersion.objects.get().created_by == world.m_staff
