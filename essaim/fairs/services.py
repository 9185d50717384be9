"""Writes of a trade fair: its participants, their meeting requests, the slots, the schedule's
run, and what became of each meeting (docs/fairs.md). Each is a `@service`: keyword-only, checked
by the predicates of `fairs.rules`, one transaction, logged in the activity log.
"""

import time
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from essaim.accounts.models import User
from essaim.audit import record
from essaim.business.models import Buyer
from essaim.business.services import buyer_register
from essaim.core import bounds
from essaim.core.errors import ValidationError
from essaim.core.services import ensure, service
from essaim.events.models import Event, EventKind, EventState
from essaim.fairs import rules, scheduler, selectors
from essaim.fairs.models import (
    MAX_TABLES,
    FairParticipant,
    FollowUp,
    Meeting,
    MeetingRequest,
    MeetingState,
    Priority,
    ScheduleRun,
    Side,
    Slot,
)
from essaim.fairs.workflows import MEETING

OVER = (EventState.CANCELLED, EventState.CLOSED)


def _open_fair(event: Event) -> None:
    if event.kind != EventKind.TRADE_FAIR:
        raise ValidationError(_("Cet événement n'est pas un salon."))
    if event.state in OVER:
        raise ValidationError(_("Ce salon est clos ou annulé : il ne change plus."))


def _clean_text(value: str, field: str, message: str) -> str:
    value = " ".join((value or "").split())
    if not value or len(value) > 200:
        raise ValidationError({field: message})
    return value


@service(permission=rules.is_fair_staff, on="event")
def participant_add(
    *,
    event: Event,
    by,
    side: str,
    name: str,
    contact_name: str,
    email: str,
    organisation=None,
    registration=None,
) -> FairParticipant:
    """Add a buyer or a supplier; its account is the one with the contact's e-mail, if any.

    Side effects: one FairParticipant, one activity-log event.
    """
    _open_fair(event)
    if side not in Side.values:
        raise ValidationError({"side": _("Choisissez acheteur ou fournisseur.")})
    name = _clean_text(
        name or (organisation.name if organisation else ""),
        "name",
        _("Indiquez la structure (200 caractères au plus)."),
    )
    contact_name = _clean_text(
        contact_name, "contact_name", _("Indiquez la personne à contacter (200 caractères au plus).")
    )
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except DjangoValidationError:
        raise ValidationError({"email": _("Indiquez une adresse électronique valide.")}) from None
    if event.fair_participants.filter(email=email).exists():
        raise ValidationError({"email": _("Cette adresse participe déjà à ce salon.")})
    if registration is not None and registration.event_id != event.pk:
        raise ValidationError({"registration": _("Cette inscription est celle d'un autre événement.")})
    participant = FairParticipant.objects.create(
        event=event,
        side=side,
        name=name,
        contact_name=contact_name,
        email=email,
        organisation=organisation,
        registration=registration,
        user=User.objects.filter(email__iexact=email, is_active=True).first(),
        buyer=Buyer.objects.filter(organisation=organisation).first()
        if organisation is not None and side == Side.BUYER
        else None,
    )
    record(actor=by, obj=participant, action="create", changes={"side": [None, side]})
    return participant


@service(permission=rules.can_link_buyer, on="participant")
def participant_link_buyer(*, participant: FairParticipant, by, kind: str = "") -> FairParticipant:
    """Link a buyer participant to its organisation's buyer record of the business flows, so that
    its meetings' follow-ups count in that buyer's figures; with `kind`, register the buyer when
    the organisation is none yet (`business.buyer_register`: its admins or a platform admin).

    Side effects: the link, one activity-log event (and the buyer's, when registered).
    """
    if participant.side != Side.BUYER:
        raise ValidationError({"buyer": _("Seul un participant acheteur a une fiche d'acheteur.")})
    if participant.organisation_id is None:
        raise ValidationError(
            {"buyer": _("Choisissez d'abord la structure de l'annuaire que ce participant représente.")}
        )
    buyer = Buyer.objects.filter(organisation_id=participant.organisation_id).first()
    if buyer is None:
        if not kind:
            raise ValidationError(
                {"kind": _("Cette structure n'est pas encore acheteur : indiquez son type d'acheteur.")}
            )
        buyer = buyer_register(organisation=participant.organisation, kind=kind, by=by)
    if participant.buyer_id == buyer.pk:
        return participant
    before = participant.buyer_id
    participant.buyer = buyer
    participant.save(update_fields=["buyer"])
    record(actor=by, obj=participant, action="update", changes={"buyer": [before, buyer.pk]})
    return participant


@service(permission=rules.is_fair_staff, on="participant")
def participant_remove(*, participant: FairParticipant, by) -> None:
    """Remove a participant, with its requests and meetings.

    Side effects: rows deleted, one activity-log event.
    """
    _open_fair(participant.event)
    record(actor=by, obj=participant, action="delete")
    participant.delete()


@service(permission=rules.can_act_for_participant, on="requester")
def request_create(
    *, requester: FairParticipant, target: FairParticipant, by, priority: int = Priority.NORMAL
) -> MeetingRequest:
    """`requester` asks to meet `target`, on the other side of the same fair.

    Side effects: one MeetingRequest, one activity-log event.
    """
    _open_fair(requester.event)
    if target.event_id != requester.event_id:
        raise ValidationError({"target": _("Ce participant n'est pas de ce salon.")})
    if target.side == requester.side:
        raise ValidationError(
            {"target": _("Un acheteur demande à rencontrer un fournisseur, et inversement.")}
        )
    if priority not in Priority.values:
        raise ValidationError({"priority": _("Choisissez une priorité.")})
    if MeetingRequest.objects.filter(requester=requester, target=target).exists():
        raise ValidationError({"target": _("Vous avez déjà demandé à rencontrer ce participant.")})
    found = MeetingRequest.objects.create(
        event=requester.event, requester=requester, target=target, priority=priority
    )
    record(actor=by, obj=found, action="create", changes={"priority": [None, priority]})
    return found


@service
def request_withdraw(*, meeting_request: MeetingRequest, by) -> None:
    """Withdraw a request (its requester, or the staff). Side effects: deleted, logged."""
    ensure(rules.can_act_for_participant, by, meeting_request.requester)
    _open_fair(meeting_request.event)
    record(actor=by, obj=meeting_request, action="delete")
    meeting_request.delete()


@service(permission=rules.is_fair_staff, on="event")
def slot_add(*, event: Event, by, starts_at, ends_at, tables: int) -> Slot:
    """A time slot of the fair with its tables; slots never overlap.

    Side effects: one Slot, one activity-log event.
    """
    _open_fair(event)
    if not (isinstance(tables, int) and 1 <= tables <= MAX_TABLES):
        raise ValidationError({"tables": _("Entre 1 et %(max)s tables.") % {"max": MAX_TABLES}})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("La fin doit suivre le début.")})
    for when in (starts_at, ends_at):
        for check in bounds.DATE:
            check(when.date())
    if event.fair_slots.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).exists():
        raise ValidationError({"starts_at": _("Ce créneau chevauche un autre créneau du salon.")})
    slot = Slot.objects.create(event=event, starts_at=starts_at, ends_at=ends_at, tables=tables)
    record(actor=by, obj=slot, action="create")
    return slot


@service(permission=rules.is_fair_staff, on="slot")
def slot_remove(*, slot: Slot, by) -> None:
    """Remove a slot and its planned meetings (refused once one of them is recorded)."""
    _open_fair(slot.event)
    if slot.meetings.exclude(state=MeetingState.PLANNED).exists():
        raise ValidationError(_("Des rendez-vous de ce créneau sont déjà consignés."))
    record(actor=by, obj=slot, action="delete")
    slot.delete()


@service(permission=rules.is_fair_staff, on="event")
def schedule_run(*, event: Event, by) -> ScheduleRun:
    """Build the schedule again from the requests and the slots (docs/fairs.md): the planned
    meetings are replaced; refused once a meeting is recorded as held or missed.

    Side effects: Meeting rows replaced, one ScheduleRun, one activity-log event.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    _open_fair(event)
    if event.fair_meetings.exclude(state=MeetingState.PLANNED).exists():
        raise ValidationError(
            _("Des rendez-vous sont déjà consignés : le planning ne peut plus être refait.")
        )
    slots = list(event.fair_slots.order_by("starts_at", "pk"))
    if not slots:
        raise ValidationError(_("Ajoutez au moins un créneau avant de construire le planning."))
    requests = selectors.scheduler_input(event)
    started = time.perf_counter()
    result = scheduler.schedule(requests, [s.tables for s in slots])
    bound = scheduler.requests_bound(requests, [s.tables for s in slots])
    elapsed = int((time.perf_counter() - started) * 1000)
    event.fair_meetings.all().delete()
    tables = [0] * len(slots)
    rows = []
    for (buyer, supplier), index in sorted(result.placed.items(), key=lambda kv: (kv[1], kv[0])):
        tables[index] += 1
        rows.append(
            Meeting(event=event, slot=slots[index], buyer_id=buyer, supplier_id=supplier, table=tables[index])
        )
    Meeting.objects.bulk_create(rows, batch_size=500)
    run = ScheduleRun.objects.create(
        event=event,
        requests=result.requests,
        honoured=result.requests_honoured,
        requests_bound=bound,
        weight=result.weight,
        weight_bound=result.weight_bound,
        meetings=len(rows),
        milliseconds=elapsed,
    )
    record(actor=by, obj=event, action="update", changes={"meetings": [None, len(rows)]}, verb="schedule_run")
    return run


@service(permission=rules.can_act_on_meeting, on="meeting")
def meeting_transition(*, meeting: Meeting, by, action: str) -> Meeting:
    """Record whether the meeting took place (the meeting's workflow)."""
    return MEETING.apply(meeting, action, by=by)


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"deal_amount": _("Indiquez un montant en euros.")}) from None
    if not bounds.AMOUNT_MIN <= amount <= bounds.AMOUNT_MAX:
        raise ValidationError(
            {"deal_amount": _("Le montant doit être supérieur à 0 et inférieur à 1 000 milliards.")}
        )
    return amount


@service(permission=rules.can_act_on_meeting, on="meeting")
def meeting_follow_up(*, meeting: Meeting, by, follow_up: str, deal_amount=None) -> Meeting:
    """What followed a meeting that took place: nothing, a quote requested, a deal and its amount.

    Side effects: the meeting saved, one activity-log event with the change.
    """
    if meeting.state != MeetingState.HELD:
        raise ValidationError(_("Indiquez d'abord que le rendez-vous a eu lieu."))
    if follow_up not in FollowUp.values:
        raise ValidationError({"follow_up": _("Choisissez la suite donnée.")})
    if follow_up == FollowUp.DEAL:
        if deal_amount in (None, ""):
            raise ValidationError({"deal_amount": _("Indiquez le montant de l'affaire.")})
        amount = _amount(deal_amount)
    else:
        amount = None
    before = [meeting.follow_up, str(meeting.deal_amount) if meeting.deal_amount is not None else None]
    meeting.follow_up, meeting.deal_amount = follow_up, amount
    meeting.save(update_fields=["follow_up", "deal_amount"])
    record(
        actor=by,
        obj=meeting,
        action="update",
        changes={
            "follow_up": [before[0], follow_up],
            "deal_amount": [before[1], str(amount) if amount else None],
        },
    )
    return meeting
