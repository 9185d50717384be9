from essaim.replication import services
from essaim.replication.workflows import KIT
from tests.replication.factories import TEXTS


def test_moves_offered_to_owners_only(world):
    kit = services.kit_create(by=world.m_staff, name="Garage", project=world.project, texts=TEXTS)
    assert [t.name for t in KIT.available(kit, world.m_staff)] == ["publish"]
    assert KIT.available(kit, world.c_staff) == []
    kit = services.kit_transition(kit=kit, name="publish", by=world.m_staff)
    assert [t.name for t in KIT.available(kit, world.m_admin)] == ["retire"]
