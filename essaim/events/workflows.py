"""The two state machines of events, on the kernel (essaim/core/workflow.py).

An event is drafted, published (registrations open within its window), then cancelled (its
registrants are told) or closed. A registration is pending (a public registration until its
e-mail is confirmed), confirmed or waiting; a waiting person is offered a freed place, held
until a deadline, which they accept or decline, or which expires; anyone may cancel. The
services choose the move (a seat or the list) under the event's row lock; the waiting list's
own moves are made by the platform (`rules.is_scheduler`).
"""

from django.utils.translation import gettext_lazy as _

from essaim.core.workflow import Transition, Workflow
from essaim.events import rules
from essaim.events.models import ACTIVE_STATES, SEATED_STATES, EventState, RegistrationState
from essaim.events.notices import event_cancelled_notice, place_offered_notice

E = EventState
R = RegistrationState
DENIED = _("Seule l'équipe qui organise cet événement peut faire cela.")


def _has_sessions(event, ctx):
    if not event.sessions.exists():
        return _("Ajoutez au moins une séance avant de publier l'événement.")
    return None


EVENT = Workflow(
    "events.event",
    states=EventState,
    transitions=[
        Transition(
            "publish",
            (E.DRAFT,),
            E.PUBLISHED,
            _("Publier"),
            permission=rules.can_manage_event,
            guards=(_has_sessions,),
            denied_message=DENIED,
        ),
        Transition(
            "close",
            (E.PUBLISHED,),
            E.CLOSED,
            _("Clore l'événement"),
            permission=rules.can_manage_event,
            denied_message=DENIED,
        ),
        Transition(
            "cancel",
            (E.DRAFT, E.PUBLISHED),
            E.CANCELLED,
            _("Annuler l'événement"),
            permission=rules.can_manage_event,
            effects=(event_cancelled_notice,),
            needs_comment=True,
            is_negative=True,
            denied_message=DENIED,
            comment_message=_("Indiquez aux inscrits pourquoi l'événement est annulé."),
        ),
    ],
)


def _set_hold(registration, ctx):
    registration.hold_expires_at = ctx.params["hold_until"]


def _clear_hold(registration, ctx):
    registration.hold_expires_at = None


def _hold_still_valid(registration, ctx):
    if registration.hold_expires_at is None or registration.hold_expires_at <= ctx.params["now"]:
        return _("Le délai pour accepter cette place est dépassé.")
    return None


REGISTRATION = Workflow(
    "events.registration",
    states=RegistrationState,
    transitions=[
        Transition(
            "confirm",
            (R.PENDING,),
            R.CONFIRMED,
            _("Confirmer mon inscription"),
            permission=rules.is_registrant,
        ),
        Transition(
            "queue",
            (R.PENDING,),
            R.WAITING,
            _("Rejoindre la liste d'attente"),
            permission=rules.is_registrant,
        ),
        Transition(
            "offer",
            (R.WAITING,),
            R.OFFERED,
            _("Proposer la place libérée"),
            permission=rules.is_scheduler,
            prepare=(_set_hold,),
            effects=(place_offered_notice,),
        ),
        Transition(
            "accept",
            (R.OFFERED,),
            R.CONFIRMED,
            _("Accepter la place"),
            permission=rules.is_registrant,
            guards=(_hold_still_valid,),
            prepare=(_clear_hold,),
        ),
        Transition(
            "decline",
            (R.OFFERED,),
            R.CANCELLED,
            _("Refuser la place"),
            permission=rules.is_registrant,
            prepare=(_clear_hold,),
            is_negative=True,
        ),
        Transition(
            "expire",
            (R.OFFERED,),
            R.EXPIRED,
            _("Laisser expirer la proposition"),
            permission=rules.is_scheduler,
            prepare=(_clear_hold,),
        ),
        Transition(
            "cancel",
            tuple(ACTIVE_STATES),
            R.CANCELLED,
            _("Annuler l'inscription"),
            permission=rules.can_act_on_registration,
            prepare=(_clear_hold,),
            is_negative=True,
            state_message=_("Cette inscription est déjà annulée ou terminée."),
        ),
    ],
)

__all__ = ["EVENT", "REGISTRATION", "SEATED_STATES"]
