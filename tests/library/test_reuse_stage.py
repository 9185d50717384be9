"""Reusing a published checklist as a new stage of another programme's pipeline (a stage
template), through accompaniment's stage creation and its rule."""

import pytest

from essaim.accompaniment.models import PipelineStage
from essaim.audit.models import Event
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.library import selectors, services
from essaim.library.models import Reuse
from tests.factories.financing import pipeline_for
from tests.library.factories import CHECKLIST


def _live(pipeline):
    return list(pipeline.stages.filter(is_archived=False).order_by("position", "pk"))


def test_a_new_stage_at_the_end_named_after_the_resource_with_its_lines(world):
    pipeline = world.stage_b.pipeline
    last = _live(pipeline)[-1]
    reuse = services.resource_reuse_as_stage(resource=world.published, pipeline=pipeline, by=world.b_admin)
    stage = reuse.stage
    assert _live(pipeline)[-1] == stage
    assert (stage.name, stage.life_stage) == (CHECKLIST["title"], last.life_stage)
    assert [i["label"] for i in stage.checklist] == CHECKLIST["items"]
    assert [i["key"] for i in stage.checklist] == reuse.keys
    assert (reuse.mode, reuse.programme_id, reuse.version, reuse.by_id) == (
        "stage",
        world.pb.pk,
        1,
        world.b_admin.pk,
    )
    assert Event.objects.for_object(reuse).count() == 1
    assert Event.objects.for_object(stage).filter(action="create").count() == 1


def test_a_new_stage_after_a_chosen_stage_with_a_given_name(world):
    pipeline = world.stage_b.pipeline
    before = _live(pipeline)
    reuse = services.resource_reuse_as_stage(
        resource=world.published,
        pipeline=pipeline,
        after=world.stage_b,
        name="  Faisabilité  ",
        by=world.b_admin,
    )
    after = _live(pipeline)
    i = before.index(world.stage_b)
    assert after[: i + 1] == before[: i + 1]
    assert after[i + 1] == reuse.stage
    assert after[i + 2 :] == before[i + 1 :]
    assert reuse.stage.name == "Faisabilité"


def test_the_origin_counts_both_ways_of_reuse(world):
    services.resource_reuse(resource=world.published, stage=world.stage_b, by=world.b_staff)
    world.o_staff.memberships.update(role="admin")
    services.resource_reuse_as_stage(
        resource=world.published, pipeline=pipeline_for(world.po), by=world.o_staff
    )
    reuses = list(selectors.reuses_of(world.published))
    assert sorted((u.programme_id, u.mode) for u in reuses) == sorted(
        [(world.pb.pk, "checklist"), (world.po.pk, "stage")]
    )
    assert selectors.programme_resources(world.pa).get(pk=world.published.pk).reusers == 2


def test_only_the_programmes_admins_add_a_stage(world):
    pipeline = world.stage_b.pipeline
    count = PipelineStage.objects.count()
    for who in (world.b_staff, world.o_staff, world.a_staff):
        with pytest.raises((PermissionDenied, ValidationError)):
            services.resource_reuse_as_stage(resource=world.published, pipeline=pipeline, by=who)
    with pytest.raises(PermissionDenied):
        services.resource_reuse_as_stage(resource=world.draft, pipeline=pipeline, by=world.b_admin)
    assert (PipelineStage.objects.count(), Reuse.objects.count()) == (count, 0)


@pytest.mark.parametrize("name", ["", "   ", "n" * 121])
def test_a_bad_name_is_refused_and_nothing_is_saved(world, name):
    count = PipelineStage.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.resource_reuse_as_stage(
            resource=world.published, pipeline=world.stage_b.pipeline, name=name, by=world.b_admin
        )
    assert "name" in exc.value.message_dict
    assert (PipelineStage.objects.count(), Reuse.objects.count()) == (count, 0)


def test_a_name_of_120_characters_is_taken(world):
    reuse = services.resource_reuse_as_stage(
        resource=world.published, pipeline=world.stage_b.pipeline, name="n" * 120, by=world.b_admin
    )
    assert len(reuse.stage.name) == 120


def test_an_archived_stage_or_another_pipelines_stage_as_position_is_refused(world):
    pipeline = world.stage_b.pipeline
    archived = _live(pipeline)[1]
    archived.is_archived = True
    archived.save()
    for after in (archived, world.stage_a):
        with pytest.raises(ValidationError):
            services.resource_reuse_as_stage(
                resource=world.published, pipeline=pipeline, after=after, by=world.b_admin
            )
    assert Reuse.objects.count() == 0


def test_the_author_programme_cannot_reuse_into_its_own_pipeline(world):
    world.a_staff.memberships.update(role="admin")
    with pytest.raises(ValidationError):
        services.resource_reuse_as_stage(
            resource=world.published, pipeline=world.stage_a.pipeline, by=world.a_staff
        )
