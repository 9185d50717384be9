"""Projects in the stages a checklist was reused into, beside the others of the same life stage:
counts, share moved on, median days in stage; every figure under 5 projects hidden."""

from datetime import timedelta

from django.utils import timezone

from essaim.evidence.privacy import SMALL
from essaim.library import outcomes, services
from essaim.library.models import Reuse
from tests.factories.accompaniment import ProjectFactory
from tests.factories.evidence import move
from tests.factories.financing import pipeline_for


def _projects(programme, stage, n, *, moved, days, start):
    for i in range(n):
        project = ProjectFactory(programme=programme, stage=stage, model="carrier")
        move(project, "selection", stage.key, start + timedelta(days=i))
        if i < moved:
            move(project, stage.key, "incubation", start + timedelta(days=i + days))


def test_nothing_to_compare_before_a_reuse(world):
    assert outcomes.compare(world.published) is None


def test_with_and_without_side_by_side(world):
    reuse = services.resource_reuse(resource=world.published, stage=world.stage_b, by=world.b_staff)
    start = timezone.now() + timedelta(days=1)
    Reuse.objects.filter(pk=reuse.pk).update(at=start - timedelta(days=1))
    stage_o = pipeline_for(world.po).stages.get(key="opportunite_faisabilite")
    _projects(world.pb, world.stage_b, 6, moved=5, days=10, start=start)
    _projects(world.po, stage_o, 5, moved=1, days=30, start=start)
    with_it, without = outcomes.compare(world.published)
    assert (with_it.projects, with_it.moved_on, with_it.median_days) == (6, 83, 10)
    assert (without.projects, without.moved_on) == (5, 20)
    assert without.median_days is SMALL  # one project left the stage: its time is not shown


def test_small_groups_are_hidden(world):
    reuse = services.resource_reuse(resource=world.published, stage=world.stage_b, by=world.b_staff)
    start = timezone.now() + timedelta(days=1)
    Reuse.objects.filter(pk=reuse.pk).update(at=start - timedelta(days=1))
    _projects(world.pb, world.stage_b, 4, moved=4, days=3, start=start)
    with_it, without = outcomes.compare(world.published)
    assert (with_it.projects, with_it.moved_on, with_it.median_days) == (SMALL, SMALL, SMALL)
    assert without.projects is SMALL  # none at all is hidden too: 0 < 5


def test_projects_entering_before_the_reuse_are_not_counted_with_it(world):
    start = timezone.now() - timedelta(days=30)
    _projects(world.pb, world.stage_b, 5, moved=5, days=3, start=start)
    services.resource_reuse(resource=world.published, stage=world.stage_b, by=world.b_staff)
    with_it, _without = outcomes.compare(world.published)
    assert with_it.projects is SMALL
