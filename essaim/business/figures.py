"""What the business flows produce, per territory, sector, programme and buyer.

For each group: requests diffused, suppliers reached (distinct offers a routing went to),
responses, deals made and their amount, and for a buyer the share of its yearly purchases
(as it declared them) that went to ESS suppliers through the platform.

A group is a département or a région of delivery (`territory`), a sector (a request with two
sectors counts in both), the programme that accompanied the supplier (`programme`: the
routings, responses and deals of its enterprises, and the requests that reached them) or a
buyer. The meetings of trade fairs that took place and were followed by a quote or a deal count
in every breakdown where they belong (the fair's commune, the supplier's sectors and programme,
the buyer record of the buyer participant): as a request, with their supplier (when it has an
offer) as a supplier reached, and a deal as a deal with its amount. Outside the platform team (`inside=False`), counts
of enterprises (suppliers reached, responses, deals) under 5 are hidden with `evidence.privacy` (decision 0018), the amount and the
share with the deals they rest on; in a breakdown, complementary suppression hides one more row
when a hidden one could be recomputed from the total — for départements, also from their
région's row of the breakdown by région. A table whose rows would all be hidden and yet each
deducible from its total (five départements of one deal each under Occitanie's 5) reads "masqué"
in every row of that column, zeros included, so that nobody knows which rows hold one.

`deal_revenue(scope, period, inside=)` (in `essaim.business.revenue`, importable from here) gives
the evidence reports the revenue accompanied enterprises made through platform deals: deals won
as lead contractor (the co-contractors' shares are not known) and deals made at trade fairs,
counted on the projects of the
report's scope, protected outside against differencing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from essaim.business.enums import Sector
from essaim.business.models import Buyer, BuyerRequest, Deal, Response, Routing
from essaim.business.revenue import deal_revenue  # noqa: F401  (re-exported)
from essaim.directory.models import Programme
from essaim.evidence.privacy import MASKED, SMALL, is_suppressed, protect, table_is_recomputable
from essaim.fairs.models import FollowUp, Meeting, MeetingState
from essaim.territories.models import Departement
from essaim.territories.resolver import name_of

GROUPS = {
    "departement": _("Département de livraison"),
    "region": _("Région de livraison"),
    "sector": _("Secteur"),
    "programme": _("Dispositif qui accompagne le fournisseur"),
    "buyer": _("Acheteur"),
}


@dataclass
class Row:
    key: str
    label: str
    requests: object = 0
    suppliers: object = 0
    responses: object = 0
    deals: object = 0
    amount: object = Decimal(0)
    ess_share: object = None  # percent of the buyer's yearly purchases (buyers only)
    _requests: set = field(default_factory=set, repr=False)
    _suppliers: set = field(default_factory=set, repr=False)


def _facts():
    """Every published request's routings, responses and deals, as plain rows (four queries)."""
    requests = {
        r["pk"]: r
        for r in BuyerRequest.objects.filter(published_at__isnull=False).values(
            "pk", "buyer_id", "sectors", "commune__departement_id", "commune__region_id"
        )
    }
    routings = list(
        Routing.objects.filter(request_id__in=requests).values(
            "request_id", "offer_id", "offer__project__programme_id"
        )
    )
    responses = list(
        Response.objects.filter(request_id__in=requests).values(
            "request_id", "lead_id", "lead__project__programme_id"
        )
    )
    deals = list(
        Deal.objects.filter(request_id__in=requests, made=True).values(
            "request_id", "amount", "response__lead_id", "response__lead__project__programme_id"
        )
    )
    return requests, routings, responses, deals


def _keys(by: str, request: dict, programme_id) -> list:
    if by == "departement":
        return [request["commune__departement_id"]]
    if by == "region":
        return [request["commune__region_id"]]
    if by == "sector":
        return list(request["sectors"])
    if by == "buyer":
        return [request["buyer_id"]]
    return [programme_id] if programme_id else []


def _labels(by: str, keys) -> dict:
    if by in ("departement", "region"):
        return {k: name_of(by, k) for k in keys}
    if by == "sector":
        return {k: str(Sector(k).label) if k in Sector.values else k for k in keys}
    if by == "programme":
        return dict(Programme.objects.filter(pk__in=keys).values_list("pk", "name"))
    return {
        b.pk: b.organisation.name for b in Buyer.objects.filter(pk__in=keys).select_related("organisation")
    }


def breakdown(by: str, *, inside: bool) -> list[Row]:
    """One row per group, by name; see the module for what each figure is."""
    if by not in GROUPS:
        raise ValueError(by)
    requests, routings, responses, deals = _facts()
    rows: dict = {}

    def row(key) -> Row:
        return rows.setdefault(key, Row(key=str(key), label=""))

    for r in routings:
        for key in _keys(by, requests[r["request_id"]], r["offer__project__programme_id"]):
            row(key)._requests.add(r["request_id"])
            row(key)._suppliers.add(r["offer_id"])
    for r in responses:
        for key in _keys(by, requests[r["request_id"]], r["lead__project__programme_id"]):
            row(key).responses += 1
    for d in deals:
        for key in _keys(by, requests[d["request_id"]], d["response__lead__project__programme_id"]):
            row(key).deals += 1
            row(key).amount += d["amount"] or Decimal(0)
    _add_fair_follow_ups(by, row)
    if by != "programme":  # a request that reached nobody still counts where it was asked
        for pk, request in requests.items():
            for key in _keys(by, request, None):
                row(key)._requests.add(pk)
    labels = _labels(by, list(rows))
    for key, r in rows.items():
        r.label = labels.get(key, str(key))
        r.requests, r.suppliers = len(r._requests), len(r._suppliers)
    if by == "buyer":
        purchases = dict(Buyer.objects.filter(pk__in=list(rows)).values_list("pk", "annual_purchases"))
        for key, r in rows.items():
            if purchases.get(key):
                r.ess_share = round(float(r.amount / purchases[key] * 100), 1)
    result = sorted(rows.values(), key=lambda r: (r.label.lower(), r.key))
    return result if inside else _protected(result, _tables(by, result))


def _fair_meetings():
    """A trade fair's meetings that took place and were followed by a quote or a deal, with what
    places them in each breakdown (one query): the fair's commune, the buyer participant's
    buyer record (`fairs.FairParticipant.buyer`), the supplier participant's offer (through its
    organisation in the directory) with its sectors and the programme of its project."""
    offer = "supplier__organisation__supplier_offer"
    return (
        Meeting.objects.filter(state=MeetingState.HELD)
        .exclude(follow_up=FollowUp.NONE)
        .values(
            "pk",
            "follow_up",
            "deal_amount",
            "buyer__buyer_id",
            "event__commune__departement_id",
            "event__commune__region_id",
            offer_id=F(f"{offer}__id"),
            offer_sectors=F(f"{offer}__sectors"),
            programme_id=F(f"{offer}__project__programme_id"),
        )
    )


def _add_fair_follow_ups(by: str, row) -> None:
    """Each meeting counts as one request where it belongs (the fair's place, the supplier's
    sectors and programme, the buyer); its supplier, when it has an offer, as one supplier
    reached; a deal also as a deal with its amount. A meeting that belongs nowhere in a
    breakdown (an online fair by place, a supplier without an offer by sector) is left out of
    that breakdown only."""
    for meeting in _fair_meetings():
        where = {  # the meeting placed as a request is (`_keys`)
            "commune__departement_id": meeting["event__commune__departement_id"],
            "commune__region_id": meeting["event__commune__region_id"],
            "sectors": meeting["offer_sectors"] or [],
            "buyer_id": meeting["buyer__buyer_id"],
        }
        for key in (k for k in _keys(by, where, meeting["programme_id"]) if k):
            found = row(key)
            found._requests.add(("fair", meeting["pk"]))
            if meeting["offer_id"]:
                found._suppliers.add(meeting["offer_id"])
            if meeting["follow_up"] == FollowUp.DEAL:
                found.deals += 1
                found.amount += meeting["deal_amount"] or Decimal(0)


def _tables(by: str, rows: list[Row]) -> list[list[int]]:
    """The tables whose totals a reader knows: the whole breakdown, and for départements the
    départements of each région (its total is the région's row of the breakdown by région)."""
    tables = [list(range(len(rows)))]
    if by == "departement":
        regions = dict(
            Departement.objects.filter(code__in=[r.key for r in rows]).values_list("code", "region_id")
        )
        groups: dict = {}
        for i, r in enumerate(rows):
            groups.setdefault(regions.get(r.key), []).append(i)
        tables += [group for region, group in sorted(groups.items(), key=str) if region and len(group) > 1]
    return tables


def _protected(rows: list[Row], tables: list[list[int]]) -> list[Row]:
    for column in ("suppliers", "responses", "deals"):
        counts = [getattr(r, column) for r in rows]
        hidden, masked = set(), False
        for table in tables:
            in_table = [counts[i] for i in table]
            if table_is_recomputable(in_table):
                # every row hidden and yet each deducible from the total (five rows of one
                # enterprise under a total of 5): the whole column of the table reads "masqué",
                # zeros too, so that no row is known to hold at least one
                hidden |= set(table)
                masked = True
                continue
            found, uniform = protect(in_table)
            hidden |= {table[i] for i in found}
            masked = masked or uniform
        for i in hidden:
            setattr(rows[i], column, MASKED if masked else SMALL)
    for r in rows:
        if is_suppressed(r.deals):
            r.amount = r.deals
            r.ess_share = r.deals if r.ess_share is not None else None
    return rows


def buyer_figures(buyer: Buyer) -> Row:
    """One buyer's own figures, in full (its staff and the platform team read them)."""
    for row in breakdown("buyer", inside=True):
        if row.key == str(buyer.pk):
            return row
    return Row(key=str(buyer.pk), label=buyer.organisation.name)
