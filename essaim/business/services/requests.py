"""Writes of buyers' requests, their routings, the responses and the deal after the deadline.

A request goes through `workflows.REQUEST` (submit, approve — which routes the first batch —,
reject, close; `expire` by the task worker); each supplier's path through `workflows.ROUTING`.
A response is made by a routed supplier, alone or with partners (co-contracting). The survey
after the deadline is sent by the task worker (`reminders.due_surveys`); the buyer's answer is
the `Deal`.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accompaniment.rules import is_system_actor
from essaim.audit import recorder
from essaim.audit.models import Action
from essaim.business import notices, routing
from essaim.business.checks import check_sectors
from essaim.business.enums import AmountBand, LabelKind, RequestKind, RequestState, Reserved
from essaim.business.models import Buyer, BuyerRequest, Deal, Response, Routing, SupplierOffer
from essaim.business.rules import (
    can_answer_routing,
    can_manage_request,
    can_moderate_request,
    is_supplier_staff,
)
from essaim.business.workflows import REQUEST, ROUTING
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.core.services import service

REQUEST_FIELDS = (
    "kind",
    "title",
    "description",
    "sectors",
    "amount_band",
    "commune",
    "deadline",
    "labels_wanted",
    "reserved",
    "insertion_hours",
    "ecosystem",
)
PARTNERS_MAX = 10
PEOPLE_MOVES = ("submit", "approve", "reject", "close")


def _clean(buyer: Buyer, fields: dict) -> dict:
    unknown = set(fields) - set(REQUEST_FIELDS)
    if unknown:
        raise TypeError(f"unknown request fields: {sorted(unknown)}")
    errors = {}
    if fields.get("kind") not in RequestKind.values:
        errors["kind"] = _("Type de demande inconnu.")
    if fields.get("amount_band") not in AmountBand.values:
        errors["amount_band"] = _("Tranche de montant inconnue.")
    labels = list(dict.fromkeys(fields.get("labels_wanted") or ()))
    if any(k not in LabelKind.values for k in labels):
        errors["labels_wanted"] = _("Label inconnu.")
    fields["labels_wanted"] = labels
    fields["reserved"] = fields.get("reserved") or Reserved.NONE
    if fields["reserved"] not in Reserved.values:
        errors["reserved"] = _("Réservation inconnue.")
    if not buyer.is_public and (fields["reserved"] or fields.get("insertion_hours")):
        errors["reserved"] = _("Seul un acheteur public réserve un marché ou y met une clause d'insertion.")
    deadline = fields.get("deadline")
    if deadline is None or deadline <= timezone.localdate():
        errors["deadline"] = _("La date limite doit être après aujourd'hui.")
    if fields.get("commune") is None:
        errors["commune"] = _("Indiquez le lieu de livraison.")
    for name in ("title", "description"):
        fields[name] = (fields.get(name) or "").strip()
        if not fields[name]:
            errors[name] = _("Ce champ ne peut pas être vide.")
    if errors:
        raise ValidationError(errors)
    fields["sectors"] = check_sectors(fields.get("sectors"))
    return fields


@service(permission=can_manage_request, on="buyer")
def request_create(*, buyer: Buyer, by, **fields) -> BuyerRequest:
    """Write a request as a draft. Side effects: the request, one event."""
    request = BuyerRequest(
        buyer=buyer, created_by=by if getattr(by, "pk", None) else None, **_clean(buyer, fields)
    )
    request.full_clean(exclude=["buyer", "created_by", "commune", "ecosystem"])
    request.save()
    recorder.record(actor=by, obj=request, action=Action.CREATE, changes={"kind": request.kind})
    return request


@service(permission=can_manage_request, on="request")
def request_update(*, request: BuyerRequest, by, **fields) -> BuyerRequest:
    """Change a draft (or a refused request). Side effects: the fields, one event with the diff."""
    if request.state not in (RequestState.DRAFT, RequestState.REJECTED):
        raise ValidationError(_("Une demande envoyée ne se modifie plus."))
    current = {name: getattr(request, name) for name in REQUEST_FIELDS}
    fields = _clean(request.buyer, {**current, **fields})
    before = recorder.snapshot(request, list(fields))
    for name, value in fields.items():
        setattr(request, name, value)
    request.full_clean(exclude=["buyer", "created_by", "commune", "ecosystem"])
    request.save()
    recorder.record(
        actor=by,
        obj=request,
        action=Action.UPDATE,
        changes=recorder.diff(before, recorder.snapshot(request, list(fields))),
    )
    return request


@service
def request_transition(*, request: BuyerRequest, action: str, by, comment: str = "") -> BuyerRequest:
    """One move of `workflows.REQUEST` made by a person (the workflow checks who may).

    Side effects: the state, one event; approving routes the first batch (routings, e-mails to
    the suppliers); moderation e-mails the buyer, submission the moderators."""
    if action not in PEOPLE_MOVES:
        raise ValidationError({"action": _("Action inconnue.")})
    return REQUEST.apply(request, action, by=by, comment=(comment or "")[:2000])


@service(permission=is_system_actor)
def request_expire(*, request: BuyerRequest, by) -> BuyerRequest:
    """Close an open request whose deadline has passed (the task worker). Side effects: one event."""
    return REQUEST.apply(request, "expire", by=by)


@service(permission=is_system_actor)
def survey_send(*, request: BuyerRequest, by) -> int:
    """Ask the buyer whether a deal was made (once). Side effects: the date, one e-mail, one event."""
    updated = BuyerRequest.objects.filter(pk=request.pk, survey_sent_at__isnull=True).update(
        survey_sent_at=timezone.now()
    )
    if updated:
        notices.survey_sent(request)
        recorder.record(actor=by, obj=request, action=Action.UPDATE, verb="survey_send")
    return updated


@service
def routing_next_batch(*, request: BuyerRequest, by) -> list[Routing]:
    """Reach the next batch of matching suppliers (a moderator, or the task worker)."""
    if not (is_system_actor(by) or can_moderate_request(by, request)):
        raise PermissionDenied(_("Seule l'équipe qui modère cette demande l'envoie à d'autres fournisseurs."))
    if request.state != RequestState.OPEN:
        raise ValidationError(_("Cette demande n'est plus ouverte."))
    sent = routing.route_batch(request, by=by)
    if not sent:
        recorder.record(
            actor=by, obj=request, action=Action.UPDATE, verb="route_batch", changes={"offers": []}
        )
    return sent


@service(permission=is_supplier_staff, on="routing")
def routing_view(*, routing: Routing, by) -> Routing:
    """The supplier opened the request it was notified of: the routing becomes viewed.
    Side effects: the move, logged."""
    return ROUTING.apply(routing, "view", by=by)


@service
def routing_transition(*, routing: Routing, action: str, by, reason: str = "", comment: str = "") -> Routing:
    """The supplier says it is interested, or not (with a reason). Side effects: the move, logged."""
    if action not in ("interest", "decline"):
        raise ValidationError({"action": _("Action inconnue.")})
    return ROUTING.apply(routing, action, by=by, comment=(comment or "")[:2000], reason=reason)


def _partners(lead: SupplierOffer, request: BuyerRequest, partners) -> list[SupplierOffer]:
    partners = list({p.pk: p for p in partners}.values())
    if len(partners) > PARTNERS_MAX:
        raise ValidationError({"partners": _("Au plus %(n)s co-traitants.") % {"n": PARTNERS_MAX}})
    for partner in partners:
        if partner.pk == lead.pk:
            raise ValidationError({"partners": _("Vous êtes déjà le mandataire de la réponse.")})
        if not partner.is_published or partner.organisation_id == request.buyer.organisation_id:
            raise ValidationError({"partners": _("Choisissez des fournisseurs visibles des acheteurs.")})
    return partners


@service(permission=can_answer_routing, on="routing")
def response_create(*, routing: Routing, by, message: str, amount=None, partners=()) -> Response:
    """Respond to a request, alone or with partners (co-contracting, the routed supplier leads).

    Side effects: the response, the routing moved to "responded" (logged), an e-mail to the buyer.
    """
    request = routing.request
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Écrivez votre réponse.")})
    partners = _partners(routing.offer, request, partners)
    ROUTING.apply(routing, "respond", by=by)
    response = Response(
        request=request,
        lead=routing.offer,
        message=message,
        amount=amount,
        created_by=by if getattr(by, "pk", None) else None,
    )
    response.full_clean(exclude=["request", "lead", "created_by"])
    response.save()
    response.partners.set(partners)
    recorder.record(
        actor=by, obj=response, action=Action.CREATE, changes={"partners": [p.pk for p in partners]}
    )
    notices.response_received(response)
    return response


@service(permission=can_manage_request, on="request")
def deal_record(
    *, request: BuyerRequest, by, made: bool, amount=None, response: Response | None = None
) -> Deal:
    """The buyer's answer to the survey: a deal or not, with which response, for how much.

    Side effects: the deal (created or corrected), one event."""
    if request.published_at is None:
        raise ValidationError(_("Cette demande n'a pas été diffusée."))
    if request.state == RequestState.OPEN and request.deadline >= timezone.localdate():
        raise ValidationError(_("Clôturez la demande ou attendez sa date limite pour dire ce qui a suivi."))
    if made and amount is None:
        raise ValidationError({"amount": _("Indiquez le montant de l'affaire.")})
    if response is not None and response.request_id != request.pk:
        raise ValidationError({"response": _("Cette réponse n'est pas une réponse à cette demande.")})
    if not made:
        amount, response = None, None
    deal = Deal.objects.filter(request=request).first() or Deal(request=request)
    deal.made, deal.amount, deal.response = made, amount, response
    deal.answered_by = by if getattr(by, "pk", None) else None
    deal.answered_at = timezone.now()
    deal.full_clean(exclude=["request", "response", "answered_by"])
    deal.save()
    recorder.record(actor=by, obj=deal, action=Action.UPDATE, changes={"made": made, "amount": amount})
    return deal
