"""Writes of shared places. Forms, API handlers, commands and tasks call these functions.

Every function is a `@service` (essaim.core.services): keyword-only, takes `by`, checks its
permission through the predicates of `essaim/places/rules.py`, runs in one transaction and
writes its activity-log event. One module per entity: resources, members and bookings
(`bookings.py`), entitlements granted by programmes (`entitlements.py`), the domiciliation
register and its mail (`domiciliations.py`).
"""

from essaim.places.services.bookings import (  # noqa: F401
    RESOURCE_FIELDS,
    booking_cancel,
    booking_create,
    membership_set,
    resource_create,
    resource_update,
)
from essaim.places.services.domiciliations import (  # noqa: F401
    domiciliation_create,
    domiciliation_end,
    mail_hand_over,
    mail_receive,
)
from essaim.places.services.entitlements import entitlement_end, entitlement_grant  # noqa: F401
