"""Who may do what in the business flows, as named predicates (django-rules).

- A supplier's offer is managed by the staff of its organisation and, for an accompanied
  enterprise, by the carriers of its project; platform admins manage every offer.
- A buyer acts through the staff of its organisation: it writes, submits and closes its requests,
  reads their responses and answers the survey.
- A request is moderated by the platform admins, or by the staff of the leader of the ecosystem
  the buyer chose to moderate it.
- A supplier sees a request only through a routing to its offer (or as a co-contractor named in
  a response).
"""

import rules

from essaim.accompaniment.rules import can_run_programme, is_project_carrier
from essaim.accounts.rules import is_org_admin, is_org_staff, is_platform_admin, is_territory_viewer
from essaim.business.models import Buyer, BuyerRequest, Deal, Response, Routing, SupplierOffer
from essaim.ecosystems.rules import is_leader_staff


def _buyer(obj) -> Buyer | None:
    if isinstance(obj, Buyer):
        return obj
    if isinstance(obj, BuyerRequest):
        return obj.buyer
    if isinstance(obj, Deal | Response):
        return obj.request.buyer
    return None


def _offer(obj) -> SupplierOffer | None:
    if isinstance(obj, SupplierOffer):
        return obj
    if isinstance(obj, Routing):
        return obj.offer
    if isinstance(obj, Response):
        return obj.lead
    return None


@rules.predicate
def is_buyer_staff(user, obj=None) -> bool:
    """A member of the staff of the buyer (obj: a buyer, one of its requests, responses or deals)."""
    buyer = _buyer(obj)
    return buyer is not None and is_org_staff(user, buyer)


@rules.predicate
def is_supplier_staff(user, obj=None) -> bool:
    """Staff of the offer's organisation, or a carrier of its accompanied project (obj: an offer,
    a routing to it, or a response it leads)."""
    offer = _offer(obj)
    if offer is None:
        return False
    return bool(is_org_staff(user, offer) or (offer.project_id and is_project_carrier(user, offer.project)))


@rules.predicate
def is_request_moderator(user, request=None) -> bool:
    """Staff of the leader of the ecosystem chosen to moderate the request."""
    return bool(request is not None and request.ecosystem_id and is_leader_staff(user, request.ecosystem))


@rules.predicate
def may_register_buyer(user, organisation=None) -> bool:
    return organisation is not None and is_org_admin(user, organisation)


@rules.predicate
def may_add_supplier(user, organisation=None) -> bool:
    """An organisation's admins publish its own offer (an ecosystem's member, checked by the
    service); platform admins add any ESS enterprise."""
    return organisation is not None and is_org_admin(user, organisation)


@rules.predicate
def is_figures_reader(user) -> bool:
    """Whoever reads aggregated figures of the flows (hidden below 5 outside the platform team)."""
    return bool(is_territory_viewer(user) or is_org_staff(user))


can_manage_offer = is_platform_admin | is_supplier_staff
can_add_supplier = is_platform_admin | may_add_supplier
can_add_accompanied_supplier = can_run_programme | is_project_carrier  # obj: the project
can_register_buyer = is_platform_admin | may_register_buyer
can_manage_request = is_platform_admin | is_buyer_staff
can_moderate_request = is_platform_admin | is_request_moderator
can_answer_routing = is_platform_admin | is_supplier_staff
can_read_figures = is_platform_admin | is_figures_reader

rules.add_perm("business.manage_offer", can_manage_offer)
rules.add_perm("business.manage_request", can_manage_request)
rules.add_perm("business.moderate_request", can_moderate_request)
rules.add_perm("business.answer_routing", can_answer_routing)
