import io

from essaim.replication.demo import seed_replication
from essaim.replication.models import Kit, Replica


def test_demo_seeds_a_lineage_with_a_drift_once(world):
    out = io.StringIO()
    assert seed_replication(model_programme=world.pm, copy_programme=world.pc, stdout=out) == 2
    kit = Kit.objects.get()
    assert (kit.project, kit.version, kit.state) == (world.project, 2, "published")
    first, second = Replica.objects.order_by("pk")
    assert (first.parent, second.parent, first.has_drifted, second.has_drifted) == (None, first, True, True)
    assert "1 modèle, 2 copies" in out.getvalue()
    assert seed_replication(model_programme=world.pm, copy_programme=world.pc) == 0
    assert Replica.objects.count() == 2


def test_demo_without_its_programmes_does_nothing(db):
    assert seed_replication() == 0
