"""Writes of events. Pages, the API, commands and tasks call these functions (each a `@service`)."""

from essaim.events.services.attendance import (  # noqa: F401
    attendance_mark,
    attendance_unmark,
    feedback_request_send,
    feedback_submit,
    session_reminder_send,
)
from essaim.events.services.events import (  # noqa: F401
    EVENT_FIELDS,
    event_create,
    event_transition,
    event_update,
    session_add,
    session_remove,
)
from essaim.events.services.registrations import (  # noqa: F401
    holds_expire,
    pending_registrations_drop,
    registration_accept,
    registration_cancel,
    registration_confirm,
    registration_create,
    registration_decline,
    registration_request,
)
