"""A person's bookings and place memberships: export (JSON-ready) and erasure on account
deletion, and the anonymisation the retention policy applies to bookings long over.

Erasure keeps the anonymous facts of a booking (resource, period, state: the occupancy counts)
and wipes its link to the account and its free-text purpose; memberships are deleted. The
activity log loses the booking's name (`audit.scrub_objects`).
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from essaim.audit import recorder
from essaim.core.retention import anonymise_in_batches, purger
from essaim.places.models import Booking, PlaceMembership


def _iso(value):
    return value.isoformat() if value is not None else None


def export_for(*, user) -> dict:
    bookings = (
        Booking.objects.filter(user=user).select_related("resource__programme").order_by("starts_at", "pk")
    )
    memberships = PlaceMembership.objects.filter(user=user).select_related("programme").order_by("pk")
    return {
        "bookings": [
            {
                "place": b.resource.programme.name,
                "resource": b.resource.name,
                "starts_at": _iso(b.starts_at),
                "ends_at": _iso(b.ends_at),
                "state": b.state,
                "note": b.note,
            }
            for b in bookings
        ],
        "memberships": [
            {
                "place": m.programme.name,
                "kind": m.kind,
                "monthly_allowance_minutes": m.monthly_allowance_minutes,
                "starts_on": _iso(m.starts_on),
                "ends_on": _iso(m.ends_on),
            }
            for m in memberships
        ],
    }


def anonymise(bookings) -> int:
    """Wipe the personal data of these bookings (a queryset); returns how many."""
    ids = list(bookings.values_list("pk", flat=True))
    Booking.objects.filter(pk__in=ids).update(user=None, note="", is_anonymised=True)
    recorder.scrub_objects(Booking, ids, replacement="Réservation anonymisée")
    return len(ids)


@transaction.atomic
def erase_for(*, user) -> int:
    done = anonymise(Booking.objects.filter(user=user))
    deleted, _rows = PlaceMembership.objects.filter(user=user).delete()
    return done + deleted


@purger(
    "place_bookings",
    _("réservations des lieux partagés (anonymisées, pas supprimées)"),
    _("après la fin de la réservation"),
    dispose=anonymise_in_batches(anonymise),
)
def _past_bookings(cutoff):
    return [Booking.objects.filter(ends_at__lt=cutoff, is_anonymised=False)]
