"""Reads of the business flows, scoped to who asks (web and API alike).

- Offers: every signed-in person searches the published ones (sector × territory × label);
  an unpublished offer is seen only by those who manage it.
- Requests: a buyer's staff see its own; moderators those sent to them (never a draft);
  a supplier sees a request only through its routing (`routing_for`).
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.http import Http404

from essaim.accounts.rules import is_platform_admin
from essaim.accounts.selectors import staff_organisation_ids
from essaim.business.enums import RequestState
from essaim.business.models import Buyer, BuyerRequest, Label, Response, Routing, SupplierOffer
from essaim.business.routing import labels_q, sector_q, serving_q
from essaim.business.rules import can_manage_offer, can_manage_request, can_moderate_request
from essaim.core.errors import PermissionDenied

OFFER_RELATED = ("organisation",)


def _offer_prefetch(queryset):
    return queryset.select_related(*OFFER_RELATED).prefetch_related(
        Prefetch("labels", queryset=Label.objects.order_by("kind")), "zones"
    )


def offer_search(*, sector: str = "", place: tuple[str, str] | None = None, label: str = ""):
    """Published offers, by sector, territory served (level, code) and label; by name."""
    offers = SupplierOffer.objects.filter(is_published=True)
    if sector:
        offers = offers.filter(sector_q([sector]))
    if place:
        offers = offers.filter(serving_q(*place))
    if label:
        offers = offers.filter(labels_q([label]))
    return _offer_prefetch(offers).order_by("organisation__name", "pk")


def managed_offers(user):
    """Offers `user` manages: their organisations' and their accompanied projects'."""
    if not user.is_authenticated:
        return SupplierOffer.objects.none()
    if is_platform_admin(user):
        return SupplierOffer.objects.all()
    return SupplierOffer.objects.filter(
        Q(organisation_id__in=staff_organisation_ids(user)) | Q(project__carriers=user)
    ).distinct()


def offer_for(user, pk: int, *, manage: bool = False) -> SupplierOffer:
    offer = _offer_prefetch(SupplierOffer.objects.filter(pk=pk)).first()
    if offer is None or not (offer.is_published or can_manage_offer(user, offer)):
        raise Http404
    if manage and not can_manage_offer(user, offer):
        raise PermissionDenied
    return offer


def buyers_of(user):
    if not user.is_authenticated:
        return Buyer.objects.none()
    return Buyer.objects.filter(organisation_id__in=staff_organisation_ids(user)).select_related(
        "organisation"
    )


def requests_of(user):
    """The requests of the buyers whose staff `user` is on, newest first."""
    return BuyerRequest.objects.filter(buyer__in=buyers_of(user)).select_related(
        "buyer__organisation", "commune"
    )


def moderation_queue(user):
    """Requests waiting for `user`'s moderation: all for platform admins; else those whose
    ecosystem is led by one of their organisations."""
    pending = BuyerRequest.objects.filter(state=RequestState.PENDING).select_related(
        "buyer__organisation", "commune", "ecosystem"
    )
    if is_platform_admin(user):
        return pending.order_by("created_at", "pk")
    return pending.filter(ecosystem__leader_id__in=staff_organisation_ids(user)).order_by("created_at", "pk")


def request_for(user, pk: int, *, manage: bool = False) -> BuyerRequest:
    """A request its buyer's staff, its moderators (once submitted) or platform admins may see;
    404 for anyone else (a routed supplier reads it through `routing_for`)."""
    request = (
        BuyerRequest.objects.filter(pk=pk)
        .select_related("buyer__organisation", "commune", "ecosystem")
        .first()
    )
    if request is None:
        raise Http404
    mine = can_manage_request(user, request)
    moderates = request.state != RequestState.DRAFT and can_moderate_request(user, request)
    if not (mine or moderates):
        raise Http404
    if manage and not mine:
        raise PermissionDenied
    return request


def responses_to(request: BuyerRequest):
    return (
        Response.objects.filter(request=request)
        .select_related("lead__organisation")
        .prefetch_related(Prefetch("partners", queryset=SupplierOffer.objects.select_related("organisation")))
        .order_by("created_at", "pk")
    )


def routings_of(user):
    """The requests routed to the offers `user` manages, newest first."""
    return (
        Routing.objects.filter(offer__in=managed_offers(user))
        .select_related("request__buyer__organisation", "request__commune", "offer__organisation")
        .order_by("-notified_at", "-pk")
    )


def routing_for(user, pk: int, *, manage: bool = False) -> Routing:
    """A routing (a request as its supplier sees it): 404 unless `user` manages its offer."""
    routing = routings_of(user).filter(pk=pk).first()
    if routing is None:
        raise Http404
    return routing


def responses_joined(user):
    """Responses where one of `user`'s offers is a co-contractor."""
    return (
        Response.objects.filter(partners__in=managed_offers(user))
        .select_related("request", "lead__organisation")
        .distinct()
        .order_by("-created_at", "-pk")
    )


def response_of(routing: Routing) -> Response | None:
    return responses_to(routing.request).filter(lead=routing.offer).first()
