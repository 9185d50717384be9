"""The state machine of bookings, on the kernel (essaim/core/workflow.py): a booking is confirmed
when made (the services check the rules and the free periods under the resource's row lock) and
cancelled by its booker or the place's staff, until it ends."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.core.workflow import Transition, Workflow
from essaim.places import rules
from essaim.places.models import BookingState, DomiciliationState

B = BookingState


def _not_over(booking, ctx):
    if booking.ends_at <= ctx.params.get("now", timezone.now()):
        return _("Cette réservation est passée : elle ne peut plus être annulée.")
    return None


def _stamp(booking, ctx):
    booking.cancelled_at = ctx.params.get("now", timezone.now())


BOOKING = Workflow(
    "places.booking",
    states=BookingState,
    transitions=[
        Transition(
            "cancel",
            (B.CONFIRMED,),
            B.CANCELLED,
            _("Annuler la réservation"),
            permission=rules.can_cancel_booking,
            guards=(_not_over,),
            prepare=(_stamp,),
            is_negative=True,
            denied_message=_("Seuls la personne qui a réservé et l'équipe du lieu peuvent l'annuler."),
            state_message=_("Cette réservation est déjà annulée."),
        )
    ],
)


def _end_date(domiciliation, ctx):
    domiciliation.ended_on = ctx.params.get("on") or timezone.localdate()


DOMICILIATION = Workflow(
    "places.domiciliation",
    states=DomiciliationState,
    transitions=[
        Transition(
            "end",
            (DomiciliationState.ACTIVE,),
            DomiciliationState.ENDED,
            _("Mettre fin au contrat"),
            permission=rules.can_manage_place,
            prepare=(_end_date,),
            is_negative=True,
            denied_message=_("Seule l'équipe du lieu met fin à une domiciliation."),
            state_message=_("Ce contrat de domiciliation est déjà terminé."),
        )
    ],
)
