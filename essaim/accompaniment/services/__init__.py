"""Writes of accompaniment. Forms, API handlers, commands and tasks call these functions.

Every function is a `@service` (essaim.core.services): keyword-only, takes `by`, checks its
permission through the predicates of `essaim/accompaniment/rules.py`, runs in one transaction
and writes its activity-log event. State changes go through the workflows of `workflows.py`.
"""

from essaim.accompaniment.services.followup import (  # noqa: F401
    CHECKIN_FIELDS,
    MEETING_FIELDS,
    checkin_correct,
    checkin_validate,
    expert_save,
    meeting_create,
    meeting_delete,
    meeting_update,
    mobilisation_record_hours,
    mobilisation_request,
    mobilisation_respond,
)
from essaim.accompaniment.services.programmes import (  # noqa: F401
    pipeline_create,
    pipeline_stage_add,
    pipeline_stage_drop,
    pipeline_stage_rename,
    programme_settings_update,
)
from essaim.accompaniment.services.projects import (  # noqa: F401
    PROJECT_FIELDS,
    checklist_toggle,
    project_create,
    project_set_carriers,
    project_transition,
    project_update,
)
from essaim.accompaniment.services.referrals import referral_propose, referral_transition  # noqa: F401
from essaim.accompaniment.services.reminders import reminder_send  # noqa: F401
