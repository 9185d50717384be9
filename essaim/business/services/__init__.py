"""Writes of the business flows, one module per entity; every function is a `@service`."""

from essaim.business.services.offers import (  # noqa: F401  (re-exported)
    OFFER_FIELDS,
    buyer_register,
    buyer_update,
    label_remove,
    label_set,
    offer_create,
    offer_update,
)
from essaim.business.services.requests import (  # noqa: F401  (re-exported)
    REQUEST_FIELDS,
    deal_record,
    request_create,
    request_expire,
    request_transition,
    request_update,
    response_create,
    routing_next_batch,
    routing_transition,
    routing_view,
    survey_send,
)
