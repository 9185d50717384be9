"""The meeting's state machine, on the kernel (essaim/core/workflow.py): a meeting of the schedule
is planned, then took place or did not; a mistake is undone by setting it back to planned (its
follow-up then cleared)."""

from django.utils.translation import gettext_lazy as _

from essaim.core.workflow import Transition, Workflow
from essaim.fairs import rules
from essaim.fairs.models import FollowUp, MeetingState

M = MeetingState


def _clear_follow_up(meeting, ctx):
    meeting.follow_up = FollowUp.NONE
    meeting.deal_amount = None


MEETING = Workflow(
    "fairs.meeting",
    states=MeetingState,
    transitions=[
        Transition("hold", (M.PLANNED,), M.HELD, _("A eu lieu"), permission=rules.can_act_on_meeting),
        Transition(
            "miss",
            (M.PLANNED,),
            M.MISSED,
            _("N'a pas eu lieu"),
            permission=rules.can_act_on_meeting,
            prepare=(_clear_follow_up,),
            is_negative=True,
        ),
        Transition(
            "replan",
            (M.HELD, M.MISSED),
            M.PLANNED,
            _("Revenir à « prévu »"),
            permission=rules.can_act_on_meeting,
            prepare=(_clear_follow_up,),
            is_negative=True,
        ),
    ],
)
