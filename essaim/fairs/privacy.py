"""A fair participant's contact: export and erasure with the account, anonymisation by retention
once the fair is over (like the events' registrations, essaim/events/privacy.py).

Erasure keeps the facts (side, meetings, follow-ups and amounts: the figures of the flows) and
wipes the contact person's name and e-mail and the link to the account; the organisation's name
stays (a structure, not a person). The activity log loses the participant's name.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from essaim.audit import recorder
from essaim.core.retention import anonymise_in_batches, purger
from essaim.fairs.models import FairParticipant, Meeting


def export_for(*, user) -> dict:
    participants = FairParticipant.objects.filter(user=user).select_related("event").order_by("pk")
    meetings = Meeting.objects.filter(buyer__user=user) | Meeting.objects.filter(supplier__user=user)
    meetings = meetings.select_related("slot", "buyer", "supplier").order_by("slot__starts_at", "pk")
    return {
        "fair_participations": [
            {
                "event": p.event.title,
                "side": p.side,
                "organisation": p.name,
                "contact_name": p.contact_name,
                "email": p.email,
                "created_at": p.created_at.isoformat(),
            }
            for p in participants
        ],
        "fair_meetings": [
            {
                "starts_at": m.slot.starts_at.isoformat(),
                "buyer": m.buyer.name,
                "supplier": m.supplier.name,
                "state": m.state,
                "follow_up": m.follow_up,
                "deal_amount": str(m.deal_amount) if m.deal_amount is not None else None,
            }
            for m in meetings
        ],
    }


def anonymise(participants) -> int:
    ids = list(participants.values_list("pk", flat=True))
    for pk in ids:
        FairParticipant.objects.filter(pk=pk).update(
            contact_name=f"Contact anonymisé n° {pk}",
            email=f"anonyme-{pk}@anonyme.invalid",
            user=None,
            registration=None,
            is_anonymised=True,
        )
    recorder.scrub_objects(FairParticipant, ids, replacement="Participant anonymisé")
    return len(ids)


@transaction.atomic
def erase_for(*, user) -> int:
    return anonymise(FairParticipant.objects.filter(user=user))


@purger(
    "fair_participants",
    _("contacts des participants aux salons (anonymisés, pas supprimés)"),
    _("après la fin du salon"),
    dispose=anonymise_in_batches(anonymise),
)
def _past_participants(cutoff):
    return [FairParticipant.objects.filter(event__ends_at__lt=cutoff, is_anonymised=False)]
