"""Writes of accompaniment. Forms, API handlers, commands and tasks call these functions.

Pipeline moves and referral decisions live in `workflow.py` (the state machines).
Every function writes an AuditEvent for what it changed.
"""

from essaim.accompaniment.services.followup import (  # noqa: F401
    CHECKIN_FIELDS,
    MEETING_FIELDS,
    checkin_correct,
    checkin_validate,
    checkins_schedule,
    expert_save,
    meeting_create,
    meeting_delete,
    meeting_update,
    mobilisation_record_hours,
    mobilisation_request,
    mobilisation_respond,
)
from essaim.accompaniment.services.projects import (  # noqa: F401
    CHECKIN_MONTHS,
    DEFAULT_REMINDER_DELAYS,
    PROJECT_FIELDS,
    PermissionDenied,
    add_months,
    checklist_toggle,
    pipeline_create,
    pipeline_stage_add,
    pipeline_stage_drop,
    pipeline_stage_rename,
    programme_settings,
    programme_settings_update,
    project_create,
    project_set_carriers,
    project_update,
    referral_propose,
)
