"""Staff pages of shared places, under /espace/lieux/: the resources of the places their
organisation runs, and each resource's bookings, which they may cancel. Another organisation's
resource is a 404; a booking is read through its resource's scoped rows."""

import datetime as dt

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from essaim.core.errors import PermissionDenied, ValidationError
from essaim.places import selectors, services
from essaim.places.models import BookingState


@require_GET
def staff_list(request):
    places = selectors.managed_places(request.user)
    if not places.exists():
        raise PermissionDenied
    now = timezone.now()
    resources = (
        selectors.managed_resources(request.user)
        .select_related("programme")
        .annotate(
            upcoming=Count(
                "bookings", filter=Q(bookings__state=BookingState.CONFIRMED, bookings__ends_at__gt=now)
            )
        )
    )
    context = {
        "places": places.order_by("name", "pk"),
        "resources": resources.order_by("programme__name", "kind", "name", "pk"),
    }
    return render(request, "web/places/staff_list.html", context)


@require_GET
def staff_bookings(request, pk):
    resource = selectors.resource_for(request.user, pk, manage=True)
    today = timezone.localdate()
    bookings = selectors.resource_bookings(
        resource, today, today + dt.timedelta(days=resource.max_days_ahead)
    )
    return render(request, "web/places/staff_bookings.html", {"resource": resource, "bookings": bookings})


@require_POST
def staff_cancel(request, pk, booking_pk):
    booking = selectors.booking_for(request.user, booking_pk, resource_pk=pk)
    try:
        services.booking_cancel(booking=booking, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Réservation annulée."))
    return redirect("places:staff_bookings", pk=pk)
