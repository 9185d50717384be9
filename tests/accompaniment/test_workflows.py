"""The pipeline of a project (workflows.PIPELINE): who may move it where, what a move writes."""

from datetime import date

import pytest
from django.core import mail
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essaim.accompaniment.enums import ProjectStatus
from essaim.accompaniment.models import Checkin, StageTransition
from essaim.accompaniment.services import project_transition
from essaim.accompaniment.workflows import CHECKIN, MOBILISATION, PIPELINE, REFERRAL, next_stage
from essaim.audit.models import Action, Event
from essaim.core.actors import SYSTEM
from essaim.core.errors import PermissionDenied, TransitionNotAllowed
from essaim.financing.services import need_add, resource_add
from tests.factories.accompaniment import ProjectFactory


def stage(project, key):
    return project.stage.pipeline.stages.get(key=key)


def close_plan(project, *, needs=10000, secured=10000):
    need_add(project=project, kind="launch_costs", amount=needs, by=SYSTEM)
    resource_add(project=project, instrument="grant", amount=secured, status="granted", by=SYSTEM)


@override_settings(SITE_URL="https://essaim.example.org")
def test_next_stage_is_allowed_and_logged_once(world, django_capture_on_commit_callbacks):
    project = world.project_a
    target = stage(project, "opportunite_faisabilite")

    with django_capture_on_commit_callbacks(execute=True):
        log = project_transition(
            project=project, by=world.member_a, to_stage=target, comment="Comité favorable"
        )

    project.refresh_from_db()
    assert project.stage == target
    assert project.life_stage == "emergence"
    assert (log.from_stage.key, log.to_stage.key, log.by, log.comment) == (
        "selection",
        "opportunite_faisabilite",
        world.member_a,
        "Comité favorable",
    )
    event = Event.objects.get(object_type="accompaniment.project", action=Action.TRANSITION)
    assert event.changes["stage"] == [stage(project, "selection").pk, target.pk]
    assert event.programme_id == world.programme_a.pk
    assert (event.workflow, event.from_state, event.to_state, event.comment, event.actor) == (
        "project",
        "Sélection",
        "Opportunité et faisabilité",
        "Comité favorable",
        world.member_a,
    )
    assert [e.pk for e in PIPELINE.log(project)] == [event.pk]
    assert mail.outbox[-1].to == ["porteuse@example.org"]
    assert "Opportunité et faisabilité" in mail.outbox[-1].subject
    assert mail.outbox[-1].subject == (
        "Votre projet « Épicerie du Faubourg » passe à l'étape « Opportunité et faisabilité »"
    )
    assert mail.outbox[-1].body == (
        "Bonjour,\n\nVotre projet « Épicerie du Faubourg » passe à l'étape « Opportunité et faisabilité ».\n"
        f"Comité favorable\nVotre espace : https://essaim.example.org/espace/projets/{project.pk}/\n\n"
        "L'équipe Essaim\n"
    )


def test_the_move_reads_in_words_in_the_activity_log(world):
    world.member_a.full_name = "Claire Martin"
    world.member_a.save()
    project_transition(
        project=world.project_a, by=world.member_a, to_stage=stage(world.project_a, "opportunite_faisabilite")
    )
    event = PIPELINE.log(world.project_a).get()
    assert event.sentence == (
        "Claire Martin a fait passer « Épicerie du Faubourg » (projet) de « Sélection » "
        "à « Opportunité et faisabilité »."
    )


def test_skipping_is_refused_without_override(world):
    project = world.project_a
    with pytest.raises(TransitionNotAllowed, match="On ne peut pas sauter d'étape"):
        project_transition(project=project, by=world.admin_a, to_stage=stage(project, "incubation"))
    assert StageTransition.objects.filter(project=project).count() == 0
    assert not Event.objects.filter(action=Action.TRANSITION).exists()


def test_admin_override_needs_a_written_reason(world):
    project = world.project_a
    with pytest.raises(TransitionNotAllowed, match="motivée par écrit"):
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
    with pytest.raises(PermissionDenied, match="Seul un administrateur du dispositif peut déroger"):
        project_transition(
            project=world.project_a,
            by=world.member_a,
            to_stage=stage(world.project_a, "incubation"),
            override=True,
            comment="raison",
        )


@pytest.mark.parametrize("actor", ["staff_b", "carrier", "expert", "viewer"])
def test_outsiders_cannot_move_a_project(world, actor):
    with pytest.raises(PermissionDenied, match="Vous ne pouvez pas faire avancer ce projet."):
        project_transition(
            project=world.project_a,
            by=getattr(world, actor),
            to_stage=stage(world.project_a, "opportunite_faisabilite"),
        )
    world.project_a.refresh_from_db()
    assert world.project_a.stage.key == "selection"
    assert StageTransition.objects.filter(project=world.project_a).count() == 0


def test_creation_gate_refuses_unfinanced_project(world):
    project = ProjectFactory(programme=world.programme_a, stage_key="incubation")
    with pytest.raises(TransitionNotAllowed) as exc:
        project_transition(project=project, by=world.admin_a, to_stage=stage(project, "creation"))
    assert exc.value.messages == [
        "Le projet ne peut pas entrer en « Création » : son plan de financement n'est pas bouclé "
        "(les ressources acquises doivent couvrir les besoins)."
    ]
    # An admin override does not lift the study's rule either.
    with pytest.raises(TransitionNotAllowed, match="plan de financement"):
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


def test_gate_refuses_partly_financed_project(world):
    project = ProjectFactory(programme=world.programme_a, stage_key="incubation")
    close_plan(project, needs=10000, secured=9999)
    with pytest.raises(TransitionNotAllowed, match="plan de financement n'est pas bouclé"):
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
    with pytest.raises(TransitionNotAllowed, match="motif de l'abandon"):
        project_transition(project=project, by=world.member_a, abandon=True)
    project_transition(
        project=project, by=world.member_a, abandon=True, comment="Le porteur a trouvé un emploi"
    )
    project.refresh_from_db()
    assert (project.status, project.end_reason) == (ProjectStatus.ABANDONED, "Le porteur a trouvé un emploi")
    assert PIPELINE.available(project, world.member_a) == []
    assert [t.name for t in PIPELINE.available(project, world.admin_a)] == ["reopen"]
    with pytest.raises(TransitionNotAllowed, match="abandonné"):
        project_transition(
            project=project, by=world.member_a, to_stage=stage(project, "opportunite_faisabilite")
        )
    with pytest.raises(PermissionDenied, match="réservée aux administrateurs"):
        project_transition(project=project, by=world.member_a, reopen=True, comment="Retour")
    project_transition(project=project, by=world.admin_a, reopen=True, comment="Retour du porteur")
    project.refresh_from_db()
    assert (project.status, project.ended_on) == (ProjectStatus.ACTIVE, None)
    assert [(e.from_state, e.to_state) for e in PIPELINE.log(project)] == [
        ("Sélection", "abandoned"),
        ("abandoned", "Sélection"),
    ]
    assert [PIPELINE.state_label(e.to_state) for e in PIPELINE.log(project)] == ["Abandonné", "Sélection"]


def test_available_moves_per_actor(world):
    project = world.project_a
    assert [t.name for t in PIPELINE.available(project, world.member_a)] == ["move", "abandon"]
    assert [t.name for t in PIPELINE.available(project, world.admin_a)] == ["move", "override", "abandon"]
    assert PIPELINE.available(project, world.carrier) == []
    assert PIPELINE.available(project, world.staff_b) == []


def test_stage_of_another_pipeline_is_refused(world):
    with pytest.raises(TransitionNotAllowed, match="n'appartient pas"):
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
    assert next_stage(project).key == "incubation"


def test_generator_pipeline_order(db):
    project = ProjectFactory(model="generator")
    keys = list(project.stage.pipeline.stages.values_list("key", flat=True))
    assert keys == ["reperage", "montage", "recrutement_porteur", "finalisation", "creation"]
    assert project.carriers.count() == 0
    assert date.today() >= project.started_on


def test_every_workflow_of_accompaniment_is_declared_once():
    assert [w.name for w in (PIPELINE, REFERRAL, MOBILISATION, CHECKIN)] == [
        "project",
        "referral",
        "mobilisation",
        "checkin",
    ]
    assert list(REFERRAL.transitions) == ["consent", "decline", "accept", "refuse", "withdraw"]
    assert list(MOBILISATION.transitions) == ["accept", "decline", "record_hours"]
    assert list(CHECKIN.transitions) == ["validate", "correct"]


# -- whatever staff try, a project never skips a stage and its history replays to its state --

ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("move"), st.integers(min_value=0, max_value=4)),
        st.tuples(st.just("abandon"), st.just(0)),
        st.tuples(st.just("reopen"), st.just(0)),
    ),
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_random_moves_keep_the_pipeline_rules(world, actions):
    project = ProjectFactory(programme=world.programme_a)
    stages = list(project.stage.pipeline.stages.order_by("position"))
    for action, index in actions:
        before = (project.stage.position, project.status)
        try:
            project_transition(
                project=project,
                by=world.admin_a if action == "reopen" else world.member_a,
                to_stage=stages[index] if action == "move" else None,
                abandon=action == "abandon",
                reopen=action == "reopen",
                comment="motif",
            )
        except TransitionNotAllowed:
            project.refresh_from_db()
            assert (project.stage.position, project.status) == before
            continue
        project.refresh_from_db()
        if action == "move":
            assert before[1] == ProjectStatus.ACTIVE
            assert stages.index(project.stage) == [s.position for s in stages].index(before[0]) + 1
            assert not project.stage.is_creation  # never without a closed financing plan
    log = list(project.transitions.order_by("pk"))
    for previous, current in zip(log, log[1:], strict=False):
        assert current.from_stage_id == previous.to_stage_id
        assert current.from_status == previous.to_status
    if log:
        assert (log[-1].to_stage_id, log[-1].to_status) == (project.stage_id, project.status)
    # one activity-log event per move, the same moves as the stage history
    assert PIPELINE.log(project).count() == len(log)
