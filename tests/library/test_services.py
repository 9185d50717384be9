import pytest

from essaim.audit.models import Event
from essaim.core.errors import PermissionDenied, TransitionNotAllowed, ValidationError
from essaim.library import services
from essaim.library.models import Resource, Reuse
from tests.library.factories import CHECKLIST


def test_create_is_a_draft_with_tags(world):
    r = world.draft
    assert (r.state, r.version, r.programme_id) == ("draft", 0, world.pa.pk)
    assert sorted((t.facet, t.value) for t in r.tags.all()) == [("stage", "emergence")]
    assert Event.objects.for_object(r).filter(action="create").count() == 1


def test_publish_makes_version_one_and_an_edit_of_a_published_resource_a_new_version(world):
    r = world.published
    assert (r.state, r.version) == ("published", 1)
    r = services.resource_update(resource=r, by=world.a_staff, **{**CHECKLIST, "title": "Nouvelle liste"})
    assert (r.state, r.version, r.title) == ("published", 2, "Nouvelle liste")


def test_an_edit_of_an_archived_resource_counts_when_published_again(world):
    r = services.resource_transition(resource=world.published, name="archive", by=world.a_staff)
    r = services.resource_update(resource=r, by=world.a_staff, **{**CHECKLIST, "summary": "Autre résumé"})
    assert (r.state, r.version, r.changed) == ("archived", 1, True)
    r = services.resource_transition(resource=r, name="publish", by=world.a_staff)
    assert (r.state, r.version, r.changed) == ("published", 2, False)
    # published again without an edit: same version
    r = services.resource_transition(resource=r, name="archive", by=world.a_staff)
    r = services.resource_transition(resource=r, name="publish", by=world.a_staff)
    assert r.version == 2


def test_another_programme_may_not_create_edit_or_publish(world):
    with pytest.raises(PermissionDenied):
        services.resource_create(programme=world.pa, by=world.b_staff, **CHECKLIST)
    with pytest.raises(PermissionDenied):
        services.resource_update(resource=world.draft, by=world.b_staff, **CHECKLIST)
    with pytest.raises(PermissionDenied):
        services.resource_transition(resource=world.draft, name="publish", by=world.b_staff)
    assert Resource.objects.get(pk=world.draft.pk).state == "draft"


def test_a_move_from_the_wrong_state_is_refused(world):
    with pytest.raises(TransitionNotAllowed):
        services.resource_transition(resource=world.published, name="publish", by=world.a_staff)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", "x" * 201),
        ("summary", "x" * 501),
        ("body", "x" * 5001),
        ("items", ["x" * 121]),
        ("items", ["ligne"] * 31),
        ("items", []),
        ("kind", "poster"),
        ("licence", "wtfpl"),
        ("stages", ["adolescence"]),
        ("needs", ["love"]),
    ],
)
def test_bounds_on_texts_and_vocabulary(world, field, value):
    with pytest.raises(ValidationError) as exc:
        services.resource_create(programme=world.pa, by=world.a_staff, **{**CHECKLIST, field: value})
    assert {"stages": "stage", "needs": "need"}.get(field, field) in exc.value.message_dict


def test_the_longest_texts_allowed_pass(world):
    r = services.resource_create(
        programme=world.pa,
        by=world.a_staff,
        **{
            **CHECKLIST,
            "title": "t" * 200,
            "summary": "s" * 500,
            "body": "b" * 5000,
            "items": ["i" * 120] * 30,
        },
    )
    assert (len(r.title), len(r.items)) == (200, 30)


def test_reuse_copies_the_items_onto_the_stage_and_records_the_origin(world):
    before = list(world.stage_b.checklist)
    reuse = services.resource_reuse(resource=world.published, stage=world.stage_b, by=world.b_staff)
    world.stage_b.refresh_from_db()
    added = world.stage_b.checklist[len(before) :]
    assert [i["label"] for i in added] == CHECKLIST["items"]
    assert [i["key"] for i in added] == reuse.keys
    assert all(len(k) <= 40 for k in reuse.keys)
    assert (reuse.resource_id, reuse.version, reuse.programme_id, reuse.stage_id, reuse.by_id) == (
        world.published.pk,
        1,
        world.pb.pk,
        world.stage_b.pk,
        world.b_staff.pk,
    )
    assert Event.objects.for_object(reuse).count() == 1


def test_reuse_twice_on_one_stage_is_refused(world):
    services.resource_reuse(resource=world.published, stage=world.stage_b, by=world.b_staff)
    with pytest.raises(ValidationError):
        services.resource_reuse(resource=world.published, stage=world.stage_b, by=world.b_staff)
    assert Reuse.objects.count() == 1


def test_reuse_into_someone_elses_pipeline_or_of_a_draft_is_refused(world):
    with pytest.raises(PermissionDenied):
        services.resource_reuse(resource=world.published, stage=world.stage_b, by=world.o_staff)
    draft = services.resource_create(programme=world.pa, by=world.a_staff, **CHECKLIST)
    with pytest.raises(PermissionDenied):
        services.resource_reuse(resource=draft, stage=world.stage_b, by=world.b_staff)
    with pytest.raises(ValidationError):
        services.resource_reuse(resource=world.published, stage=world.stage_a, by=world.a_staff)
    world.stage_b.refresh_from_db()
    assert not any(i["key"].startswith("bib-") for i in world.stage_b.checklist)
