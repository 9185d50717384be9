"""Writes of the calls app, one module per entity; every function is a `@service` (keyword-only,
`by`, permission through `essaim.calls.rules`, one transaction, an activity-log event).

Moves between states go through the workflows of `essaim.calls.workflows`.
"""

from essaim.calls.services.applications import (  # noqa: F401
    application_apply,
    application_decide,
    application_save_draft,
    application_start,
    application_submit,
    application_withdraw,
)
from essaim.calls.services.calls import (  # noqa: F401
    call_create,
    call_transition,
    call_update,
    criterion_add,
    criterion_remove,
    question_add,
    question_remove,
)
from essaim.calls.services.generator import (  # noqa: F401
    candidacy_apply,
    candidacy_transition,
    job_offer_create,
    job_offer_transition,
    job_offer_update,
    need_create,
    need_make_project,
    need_transition,
    need_update,
)
from essaim.calls.services.reviews import (  # noqa: F401
    review_assign,
    review_declare_conflict,
    review_submit,
)
