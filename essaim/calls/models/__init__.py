"""Calls for projects, applications, reviews and committee decisions; the project generator's
side: the register of territory needs, job offers for the future leader, candidacies.

Each state field's values are declared in `states.py`; the moves between them (who may make
them, what they check and cause) live in `workflows.py`, the writes in `services/`. The moves
are logged in the activity log (`essaim.audit`), not in a table of this app.
"""

from essaim.calls.models.calls import (  # noqa: F401
    SUBMITTED_Q,
    Answer,
    Application,
    ApplicationQuerySet,
    Call,
    CallQuerySet,
    Criterion,
    OrganisationScopedQuerySet,
    Question,
    Review,
    Score,
)
from essaim.calls.models.generator import (  # noqa: F401
    Candidacy,
    CandidacyQuerySet,
    JobOffer,
    JobOfferQuerySet,
    TerritoryNeed,
)
from essaim.calls.models.states import (  # noqa: F401
    OPEN_CANDIDACY_STATES,
    ApplicationState,
    CallState,
    CandidacyState,
    JobOfferState,
    NeedState,
)
