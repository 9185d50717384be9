from datetime import date

import pytest
from django.core import mail

from essaim.accompaniment import workflow
from essaim.accompaniment.enums import AuditAction, ProjectStatus
from essaim.accompaniment.models import AuditEvent, Checkin, StageTransition
from essaim.accompaniment.workflow import TransitionError, TransitionForbidden, project_transition
from tests.factories.accompaniment import ProjectFactory


def stage(project, key):
    return project.stage.pipeline.stages.get(key=key)


def test_next_stage_is_allowed_and_logged(world):
    project = world.project_a
    target = stage(project, "opportunite_faisabilite")

    log = project_transition(project=project, by=world.member_a, to_stage=target, comment="Comité favorable")

    project.refresh_from_db()
    assert project.stage == target
    assert project.life_stage == "emergence"
    assert (log.from_stage.key, log.to_stage.key, log.by, log.comment) == (
        "selection",
        "opportunite_faisabilite",
        world.member_a,
        "Comité favorable",
    )
    event = AuditEvent.objects.get(object_type="accompaniment.project", action=AuditAction.TRANSITION)
    assert event.changes["stage"] == [stage(project, "selection").pk, target.pk]
    assert event.programme_id == world.programme_a.pk
    assert mail.outbox[-1].to == ["porteuse@example.org"]
    assert "Opportunité et faisabilité" in mail.outbox[-1].subject


def test_skipping_is_refused_without_override(world):
    project = world.project_a
    with pytest.raises(TransitionError, match="On ne peut pas sauter d'étape"):
        project_transition(project=project, by=world.admin_a, to_stage=stage(project, "incubation"))
    assert StageTransition.objects.filter(project=project).count() == 0


def test_admin_override_needs_a_written_reason(world):
    project = world.project_a
    with pytest.raises(TransitionError, match="motivée par écrit"):
        project_transition(
            project=project, by=world.admin_a, to_stage=stage(project, "incubation"), override=True
        )
    log = project_transition(
        project=project,
        by=world.admin_a,
        to_stage=stage(project, "incubation"),
        override=True,
        comment="Étude de faisabilité déjà faite par la couveuse",
    )
    assert log.is_override is True
    project.refresh_from_db()
    assert project.stage.key == "incubation"


def test_member_cannot_override(world):
    with pytest.raises(TransitionForbidden):
        project_transition(
            project=world.project_a,
            by=world.member_a,
            to_stage=stage(world.project_a, "incubation"),
            override=True,
            comment="raison",
        )


@pytest.mark.parametrize("actor", ["staff_b", "carrier", "expert", "viewer"])
def test_outsiders_cannot_move_a_project(world, actor):
    with pytest.raises(TransitionForbidden):
        project_transition(
            project=world.project_a,
            by=getattr(world, actor),
            to_stage=stage(world.project_a, "opportunite_faisabilite"),
        )
    world.project_a.refresh_from_db()
    assert world.project_a.stage.key == "selection"


def test_creation_gate_refuses_unfinanced_project(world):
    project = ProjectFactory(programme=world.programme_a, stage_key="incubation")
    with pytest.raises(TransitionError) as exc:
        project_transition(project=project, by=world.admin_a, to_stage=stage(project, "creation"))
    assert str(exc.value) == (
        "Le projet ne peut pas entrer en « Création » : son plan de financement n'est pas bouclé "
        "(les ressources acquises doivent couvrir les besoins)."
    )
    # An admin override does not lift the study's rule either.
    with pytest.raises(TransitionError, match="plan de financement"):
        project_transition(
            project=project,
            by=world.admin_a,
            to_stage=stage(project, "creation"),
            override=True,
            comment="urgent",
        )
    project.refresh_from_db()
    assert project.stage.key == "incubation"
    assert project.created_on is None


def close_plan(project, *, needs=10000, secured=10000):
    from essaim.financing.services import need_add, resource_add

    need_add(project=project, kind="launch_costs", amount=needs)
    resource_add(project=project, instrument="grant", amount=secured, status="granted")


def test_gate_refuses_partly_financed_project(world):
    project = ProjectFactory(programme=world.programme_a, stage_key="incubation")
    close_plan(project, needs=10000, secured=9999)
    with pytest.raises(TransitionError, match="plan de financement n'est pas bouclé"):
        project_transition(project=project, by=world.member_a, to_stage=stage(project, "creation"))


def test_entering_creation_with_closed_plan_schedules_checkins(world):
    project = ProjectFactory(programme=world.programme_a, stage_key="incubation")
    close_plan(project)
    project_transition(project=project, by=world.member_a, to_stage=stage(project, "creation"))
    project.refresh_from_db()
    assert project.life_stage == "creation"
    assert project.created_on is not None
    assert list(Checkin.objects.filter(project=project).values_list("months_after", flat=True)) == [
        6,
        12,
        24,
        36,
        60,
    ]


def test_abandon_needs_reason_and_blocks_further_moves(world):
    project = world.project_a
    with pytest.raises(TransitionError, match="motif de l'abandon"):
        project_transition(project=project, by=world.member_a, abandon=True)
    project_transition(
        project=project, by=world.member_a, abandon=True, comment="Le porteur a trouvé un emploi"
    )
    project.refresh_from_db()
    assert (project.status, project.end_reason) == (ProjectStatus.ABANDONED, "Le porteur a trouvé un emploi")
    assert workflow.allowed_moves(project) == []
    with pytest.raises(TransitionError, match="abandonné"):
        project_transition(
            project=project, by=world.member_a, to_stage=stage(project, "opportunite_faisabilite")
        )
    with pytest.raises(TransitionError, match="réservée aux administrateurs"):
        project_transition(project=project, by=world.member_a, reopen=True, comment="Retour")
    project_transition(project=project, by=world.admin_a, reopen=True, comment="Retour du porteur")
    project.refresh_from_db()
    assert (project.status, project.ended_on) == (ProjectStatus.ACTIVE, None)


def test_stage_of_another_pipeline_is_refused(world):
    with pytest.raises(TransitionError, match="n'appartient pas"):
        project_transition(
            project=world.project_a,
            by=world.admin_a,
            to_stage=stage(world.project_b, "opportunite_faisabilite"),
        )


def test_archived_stage_is_skipped_by_next(world):
    project = world.project_a
    feas = stage(project, "opportunite_faisabilite")
    feas.is_archived = True
    feas.save()
    assert workflow.next_stage(project).key == "incubation"


def test_generator_pipeline_order(db):
    project = ProjectFactory(model="generator")
    keys = list(project.stage.pipeline.stages.values_list("key", flat=True))
    assert keys == ["reperage", "montage", "recrutement_porteur", "finalisation", "creation"]
    assert project.carriers.count() == 0
    assert date.today() >= project.started_on
