from essaim.accounts import privacy
from essaim.library import services
from essaim.library.models import Resource, Reuse
from essaim.library.privacy import erase_for, export_for


def test_export_and_erasure_of_who_created_and_who_reused(world):
    services.resource_reuse(resource=world.published, stage=world.stage_b, by=world.b_staff)
    exported = export_for(user=world.b_staff)
    assert [r["resource"] for r in exported["library_reuses"]] == [world.published.title]
    assert len(export_for(user=world.a_staff)["library_resources"]) == 2
    assert erase_for(user=world.b_staff) == 1
    assert erase_for(user=world.a_staff) == 2
    assert Reuse.objects.get().by_id is None
    assert set(Resource.objects.values_list("created_by", flat=True)) == {None}
    assert "library" in privacy._HOLDERS
