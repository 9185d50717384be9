"""A person's registrations to events: export (JSON-ready) and erasure on account deletion, and the
anonymisation the retention policy applies to registrations of past events.

Erasure keeps the anonymous facts (states, attendance, scores: the counts of reports) and wipes
the name, e-mail, comment and the link to the account; a new key makes every signed link sent
by e-mail worthless. The activity log loses the registration's name (`audit.scrub_objects`).
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from essaim.audit import recorder
from essaim.core.retention import anonymise_in_batches, purger
from essaim.events.models import Feedback, Registration


def _iso(value):
    return value.isoformat() if value is not None else None


def export_for(*, user) -> dict:
    registrations = (
        Registration.objects.filter(user=user)
        .select_related("event")
        .prefetch_related("attendances__session")
        .order_by("created_at", "pk")
    )
    return {
        "registrations": [
            {
                "event": r.event.title,
                "name": r.name,
                "email": r.email,
                "state": r.state,
                "created_at": _iso(r.created_at),
                "attended_sessions": [_iso(a.session.starts_at) for a in r.attendances.all()],
                "feedback": (
                    {
                        "rating": r.feedback.rating,
                        "usefulness": r.feedback.usefulness,
                        "comment": r.feedback.comment,
                    }
                    if hasattr(r, "feedback")
                    else None
                ),
            }
            for r in registrations
        ]
    }


def anonymise(registrations) -> int:
    """Wipe the personal data of these registrations (a queryset); returns how many."""
    ids = list(registrations.values_list("pk", flat=True))
    for pk in ids:
        Registration.objects.filter(pk=pk).update(
            name=f"Inscription anonymisée n° {pk}",
            email=f"anonyme-{pk}@anonyme.invalid",
            user=None,
            key=Registration._meta.get_field("key").default(),
            is_anonymised=True,
        )
    Feedback.objects.filter(registration_id__in=ids).exclude(comment="").update(comment="")
    recorder.scrub_objects(Registration, ids, replacement="Inscription anonymisée")
    return len(ids)


@transaction.atomic
def erase_for(*, user) -> int:
    return anonymise(Registration.objects.filter(user=user))


@purger(
    "event_registrations",
    _("inscriptions aux événements (anonymisées, pas supprimées)"),
    _("après la fin de l'événement"),
    dispose=anonymise_in_batches(anonymise),
)
def _past_registrations(cutoff):
    return [Registration.objects.filter(event__ends_at__lt=cutoff, is_anonymised=False)]
