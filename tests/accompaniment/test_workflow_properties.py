"""Whatever staff try, a project never skips a stage and its log replays to its state."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essaim.accompaniment.enums import ProjectStatus
from essaim.accompaniment.workflow import TransitionError, project_transition
from tests.factories.accompaniment import ProjectFactory

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
        except TransitionError:
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
