"""Business flows (docs/business.md): suppliers' offers, buyers' requests, what suppliers receive
and answer. Every operation needs an account (`required_auth`); reads go through
`business.selectors`, so a buyer sees only its own requests and a supplier only the requests
routed to its offers (a 404 otherwise); writes are the web pages' services (a refusal is a 422).
"""

from datetime import date, datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from essaim.api.auth import required_auth
from essaim.api.errors import bad_request, unprocessable
from essaim.api.pagination import paginate, parse_page
from essaim.api.routers.params import PAGE, PAGE_SIZE
from essaim.api.schemas.common import ERRORS
from essaim.api.schemas.types import Amount, Body, Date, Id, StrictBool, bounded_int, one_of, text
from essaim.business import selectors, services
from essaim.business.enums import AmountBand, DeclineReason, LabelKind, RequestKind, Reserved, Sector
from essaim.business.models import BuyerRequest, Response, Routing, SupplierOffer
from essaim.core import bounds
from essaim.territories import resolver
from essaim.territories.models import Commune

router = Router(tags=["flux d'affaires"], auth=required_auth)

SectorKey = one_of(Sector.values, _("Secteur inconnu."))
LabelKey = one_of(LabelKind.values, _("Label inconnu."))
# The offers' filters: one of the list, or empty (no filter).
SectorFilter = one_of(["", *Sector.values], _("Secteur inconnu."))
LabelFilter = one_of(["", *LabelKind.values], _("Label inconnu."))


class OfferOut(Schema):
    id: int
    organisation: str
    source: str
    summary: str
    sectors: list[str]
    zones: list[str] = Field(..., description="Territoires servis, `niveau:code`.")
    neighbours: bool
    capacity_band: str
    labels: list[dict] = Field(..., description="`kind` et `provenance` de chaque label.")
    contact_name: str
    contact_email: str
    contact_phone: str


class OfferPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[OfferOut]


class OfferQuery(Schema):
    sector: SectorFilter = Field("", description="Un secteur de la liste (vide : tous).")
    place: str = Field("", description="Un territoire : nom, code postal, code INSEE ou `niveau:code`.")
    label: LabelFilter = Field("", description="Un label (vide : tous).")
    page: PAGE = None
    page_size: PAGE_SIZE = None


class RequestIn(Body):
    buyer: Id
    kind: one_of(RequestKind.values, _("Type de demande inconnu."))
    title: text(max_length=200, required=True)
    description: text(max_length=bounds.LONG_TEXT, required=True)
    sectors: list[SectorKey] = Field(..., min_length=1, max_length=len(Sector.values))
    amount_band: one_of(AmountBand.values, _("Tranche de montant inconnue."))
    commune: str = Field(..., description="Code INSEE de la commune de livraison.", max_length=5)
    deadline: Date
    labels_wanted: list[LabelKey] = []
    reserved: one_of(Reserved.values, _("Réservation inconnue.")) = ""
    insertion_hours: bounded_int(1, 1_000_000) | None = None


class RequestOut(Schema):
    id: int
    buyer: int
    kind: str
    title: str
    description: str
    sectors: list[str]
    amount_band: str
    commune: str
    deadline: date
    labels_wanted: list[str]
    reserved: str
    insertion_hours: int | None
    state: str
    published_at: datetime | None


class BusinessTransitionIn(Body):
    action: text(max_length=20, required=True)
    comment: text(max_length=bounds.COMMENT) = ""
    reason: one_of(["", *DeclineReason.values], _("Raison inconnue.")) = ""


class RoutingOut(Schema):
    id: int
    offer: int
    state: str
    reason: str
    batch: int
    notified_at: datetime
    request: RequestOut


class ResponseIn(Body):
    message: text(max_length=bounds.LONG_TEXT, required=True)
    amount: Amount | None = None
    partners: list[Id] = Field([], max_length=10)


class ResponseOut(Schema):
    id: int
    request: int
    lead: int
    partners: list[int]
    message: str
    amount: Decimal | None
    created_at: datetime


class DealIn(Body):
    made: StrictBool
    amount: Amount | None = None
    response: Id | None = None


class DealOut(Schema):
    request: int
    made: bool
    amount: Decimal | None
    response: int | None


def _offer(o: SupplierOffer) -> dict:
    return {
        **{k: getattr(o, k) for k in ("id", "source", "summary", "sectors", "neighbours", "capacity_band")},
        "organisation": o.organisation.name,
        "zones": [z.ref for z in o.zones.all()],
        "labels": [{"kind": label.kind, "provenance": label.provenance} for label in o.labels.all()],
        **{k: getattr(o, k) for k in ("contact_name", "contact_email", "contact_phone")},
    }


def _request(r: BuyerRequest) -> dict:
    fields = {f: getattr(r, f) for f in RequestOut.model_fields if f not in ("buyer", "commune")}
    return {**fields, "buyer": r.buyer_id, "commune": r.commune_id}


def _response(r: Response) -> dict:
    fields = {f: getattr(r, f) for f in ("id", "message", "amount", "created_at")}
    return {
        **fields,
        "request": r.request_id,
        "lead": r.lead_id,
        "partners": [p.pk for p in r.partners.all()],
    }


def _routing(r: Routing) -> dict:
    fields = {f: getattr(r, f) for f in ("id", "state", "reason", "batch", "notified_at")}
    return {**fields, "offer": r.offer_id, "request": _request(r.request)}


@router.get(
    "/offers", response={200: OfferPage, **ERRORS}, url_name="business-offers", summary="Fournisseurs"
)
def offer_list(request, params: Query[OfferQuery]):
    """Offres publiées, par secteur × territoire servi × label, paginées."""
    errors: dict[str, str] = {}
    page = parse_page(request.GET, errors)
    place = None
    if params.place:
        found = resolver.resolve(params.place, levels=resolver.ZONES)
        if found.place is None:
            errors["place"] = found.explained
        place = found.place and found.place.key
    if set(errors) - {"place"}:
        raise bad_request(errors)
    if errors:  # the document cannot say which places exist (decision 0021)
        raise unprocessable(errors)
    body = paginate(
        request, selectors.offer_search(sector=params.sector, place=place, label=params.label), page
    )
    body["results"] = [_offer(o) for o in body["results"]]
    return body


@router.get(
    "/offers/{offer_id}", response={200: OfferOut, **ERRORS}, url_name="business-offer", summary="Une offre"
)
def offer_detail(request, offer_id: int):
    return _offer(selectors.offer_for(request.user, offer_id))


@router.get(
    "/requests",
    response={200: list[RequestOut], **ERRORS},
    url_name="business-requests",
    summary="Nos demandes",
)
def request_list(request):
    """Les demandes des acheteurs dont vous êtes dans l'équipe (jamais celles des autres)."""
    return [_request(r) for r in selectors.requests_of(request.user).order_by("-created_at", "-pk")[:200]]


@router.post(
    "/requests",
    response={201: RequestOut, **ERRORS},
    url_name="business-request-create",
    summary="Nouvelle demande",
)
def request_create(request, payload: RequestIn):
    """Une demande en brouillon ; `submit` l'envoie en modération."""
    buyer = selectors.buyers_of(request.user).filter(pk=payload.buyer).first()
    if buyer is None:
        raise unprocessable({"buyer": _("Choisissez un acheteur dont vous êtes dans l'équipe.")})
    commune = Commune.objects.filter(pk=payload.commune).first()
    if commune is None:
        raise unprocessable({"commune": _("Commune inconnue : « %(code)s ».") % {"code": payload.commune}})
    fields = payload.dict(exclude={"buyer", "commune"})
    created = services.request_create(buyer=buyer, by=request.user, commune=commune, **fields)
    return Status(201, _request(created))


@router.get(
    "/requests/{request_id}",
    response={200: RequestOut, **ERRORS},
    url_name="business-request",
    summary="Une demande",
)
def request_detail(request, request_id: int):
    return _request(selectors.request_for(request.user, request_id))


@router.post(
    "/requests/{request_id}/transitions",
    response={200: RequestOut, **ERRORS},
    url_name="business-request-move",
    summary="Envoyer, valider, refuser, clôturer",
)
def request_move(request, request_id: int, payload: BusinessTransitionIn):
    """`action` : `submit` (l'acheteur), `approve` ou `reject` (avec `comment`, la modération), `close`."""
    buyer_request = selectors.request_for(request.user, request_id)
    moved = services.request_transition(
        request=buyer_request, action=payload.action, by=request.user, comment=payload.comment
    )
    return _request(moved)


@router.get(
    "/requests/{request_id}/responses",
    response={200: list[ResponseOut], **ERRORS},
    url_name="business-request-responses",
    summary="Réponses reçues",
)
def request_responses(request, request_id: int):
    buyer_request = selectors.request_for(request.user, request_id, manage=True)
    return [_response(r) for r in selectors.responses_to(buyer_request)]


@router.put(
    "/requests/{request_id}/deal",
    response={200: DealOut, **ERRORS},
    url_name="business-request-deal",
    summary="Ce qui a suivi",
)
def request_deal(request, request_id: int, payload: DealIn):
    """Le questionnaire après la date limite : une affaire conclue ou non, son montant, la réponse retenue."""
    buyer_request = selectors.request_for(request.user, request_id, manage=True)
    response = payload.response and get_object_or_404(Response, pk=payload.response, request=buyer_request)
    deal = services.deal_record(
        request=buyer_request,
        by=request.user,
        made=payload.made,
        amount=payload.amount,
        response=response or None,
    )
    deal.refresh_from_db()  # the amount as stored (two decimals)
    return {
        "request": deal.request_id,
        "made": deal.made,
        "amount": deal.amount,
        "response": deal.response_id,
    }


@router.get(
    "/routings",
    response={200: list[RoutingOut], **ERRORS},
    url_name="business-routings",
    summary="Demandes reçues",
)
def routing_list(request):
    """Les demandes envoyées aux offres que vous gérez, avec où vous en êtes."""
    return [_routing(r) for r in selectors.routings_of(request.user)[:200]]


@router.get(
    "/routings/{routing_id}",
    response={200: RoutingOut, **ERRORS},
    url_name="business-routing",
    summary="Une demande reçue",
)
def routing_detail(request, routing_id: int):
    return _routing(selectors.routing_for(request.user, routing_id))


@router.post(
    "/routings/{routing_id}/transitions",
    response={200: RoutingOut, **ERRORS},
    url_name="business-routing-move",
    summary="Vue, intéressé, pas intéressé",
)
def routing_move(request, routing_id: int, payload: BusinessTransitionIn):
    """`action` : `view`, `interest`, ou `decline` avec `reason` (capacity, sector, place, deadline, amount, other)."""
    routing = selectors.routing_for(request.user, routing_id)
    if payload.action == "view":
        moved = services.routing_view(routing=routing, by=request.user)
    else:
        moved = services.routing_transition(
            routing=routing,
            action=payload.action,
            by=request.user,
            reason=payload.reason,
            comment=payload.comment,
        )
    return _routing(moved)


@router.post(
    "/routings/{routing_id}/responses",
    response={201: ResponseOut, **ERRORS},
    url_name="business-respond",
    summary="Répondre",
)
def respond(request, routing_id: int, payload: ResponseIn):
    """Répondre seul ou avec des co-traitants (`partners` : identifiants d'offres publiées)."""
    routing = selectors.routing_for(request.user, routing_id)
    partners = list(SupplierOffer.objects.filter(pk__in=payload.partners))
    if len(partners) != len(set(payload.partners)):
        raise unprocessable({"partners": _("Offre inconnue parmi les co-traitants.")})
    response = services.response_create(
        routing=routing, by=request.user, message=payload.message, amount=payload.amount, partners=partners
    )
    return Status(201, _response(response))
