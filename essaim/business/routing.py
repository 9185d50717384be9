"""Which suppliers a request reaches, and in which batches.

A published offer matches a request when it names one of the request's sectors, serves its
place of delivery (one of its zones contains the commune — the five keys of
`territories.selectors.containing_keys`, looked up on the indexed `(level, code)` of the zones —
or, for an offer that says so, a zone covers a neighbouring département), can take its amount
band, and holds the labels the request asks for (a reserved contract asks for the SIAE or the
EA/ESAT label). The buyer's own organisation is never a match.

Batches: the first `BATCH_SIZE` matches are notified when the request is approved; another
batch follows (`reminders.due_next_batches`, or a moderator) while fewer than `ENOUGH_INTERESTED`
suppliers are interested or have responded, until `CAP` suppliers were reached. Within a batch,
suppliers reached least often over the last `FAIRNESS_DAYS` days come first, so that the same
few do not get every request; then those with more labels, then the oldest offers.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Q
from django.utils import timezone

from essaim.audit import recorder
from essaim.audit.models import Action
from essaim.business import notices
from essaim.business.enums import AMOUNT_BANDS, RESERVED_LABEL, RoutingState, band_rank
from essaim.business.models import BuyerRequest, Routing, ServedZone, SupplierOffer
from essaim.territories.neighbours import departement_neighbours
from essaim.territories.selectors import TerritoryNotFound, containing_keys

BATCH_SIZE = 10
CAP = 30
ENOUGH_INTERESTED = 3
NEXT_BATCH_AFTER = dt.timedelta(days=3)
FAIRNESS_DAYS = 90


def serving_q(level: str, code: str) -> Q:
    """Offers whose zones contain the territory (level, code), or reach it as a neighbour."""
    try:
        keys = containing_keys(level, code)
    except TerritoryNotFound:
        return Q(pk__in=[])
    zone_q = Q()
    for key_level, key_code in keys:
        zone_q |= Q(level=key_level, code=key_code)
    served = ServedZone.objects.filter(zone_q).values("offer_id")
    departement = next((c for lv, c in keys if lv == "departement"), None)
    q = Q(pk__in=served)
    if departement:
        near = departement_neighbours(departement)
        if near:
            q |= Q(
                neighbours=True,
                pk__in=ServedZone.objects.filter(level="departement", code__in=near).values("offer_id"),
            )
    return q


def sector_q(sectors) -> Q:
    """Offers naming one of these sectors (the JSON list's text holds the quoted key)."""
    q = Q()
    for key in sectors:
        q |= Q(sectors__icontains=f'"{key}"')
    return q if sectors else Q(pk__in=[])


def labels_q(labels) -> Q:
    q = Q()
    for kind in labels:
        q &= Q(pk__in=SupplierOffer.objects.filter(labels__kind=kind).values("pk"))
    return q


def wanted_labels(request: BuyerRequest) -> list[str]:
    wanted = list(request.labels_wanted)
    if request.reserved in RESERVED_LABEL:
        wanted.append(str(RESERVED_LABEL[request.reserved]))
    return sorted(set(wanted))


def matching_offers(request: BuyerRequest):
    """Published offers matching the request (see the module), not yet reached by it."""
    commune = request.commune_id
    return (
        SupplierOffer.objects.filter(is_published=True)
        .filter(sector_q(request.sectors), serving_q("commune", commune), labels_q(wanted_labels(request)))
        .filter(capacity_band__in=AMOUNT_BANDS[max(band_rank(request.amount_band), 0) :])
        .exclude(organisation_id=request.buyer.organisation_id)
        .exclude(routings__request=request)
    )


def _ranked(offers, now):
    since = now - dt.timedelta(days=FAIRNESS_DAYS)
    return offers.annotate(
        recent=Count("routings", filter=Q(routings__notified_at__gte=since), distinct=True),
        n_labels=Count("labels", distinct=True),
    ).order_by("recent", "-n_labels", "pk")


def reached(request: BuyerRequest) -> int:
    return request.routings.count()


def route_batch(request: BuyerRequest, *, by) -> list[Routing]:
    """Notify the next batch of matching suppliers (at most BATCH_SIZE, never beyond CAP in all).

    Side effects: one routing per supplier (state "notified"), one e-mail to each supplier's
    contact and staff, one activity-log event on the request (how many, which batch). To be
    called inside a service (it writes)."""
    now = timezone.now()
    room = CAP - reached(request)
    if room <= 0:
        return []
    offers = list(
        _ranked(matching_offers(request), now).select_related("organisation")[: min(BATCH_SIZE, room)]
    )
    if not offers:
        return []
    batch = (request.routings.aggregate(m=Max("batch"))["m"] or 0) + 1
    routings = Routing.objects.bulk_create(
        [
            Routing(request=request, offer=o, batch=batch, notified_at=now, state_changed_at=now)
            for o in offers
        ]
    )
    for routing in routings:
        notices.request_routed(routing)
    recorder.record(
        actor=by,
        obj=request,
        action=Action.UPDATE,
        verb="route_batch",
        changes={"batch": batch, "offers": [o.pk for o in offers]},
    )
    return routings


def interested_count(request: BuyerRequest) -> int:
    return request.routings.filter(state__in=(RoutingState.INTERESTED, RoutingState.RESPONDED)).count()
