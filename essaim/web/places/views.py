"""Pages of shared places for the people who book, under /lieux/: the resources they may book, a
resource's day or week (server-rendered lists, no JavaScript) with the booking form, their own
bookings and their cancellation. Resources and bookings come from `essaim.places.selectors`:
a resource one may not book is a 404, another person's booking too."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from essaim.core.dates import is_plausible
from essaim.core.errors import ValidationError
from essaim.places import allowances, periods, rules, selectors, services
from essaim.places.models import ResourceKind
from essaim.places.workflows import BOOKING
from essaim.web.places.forms import BookingForm


def _day_asked(request) -> dt.date:
    try:
        day = dt.date.fromisoformat(request.GET.get("jour", ""))
    except ValueError:
        return timezone.localdate()
    return day if is_plausible(day) else timezone.localdate()


def _resource_page(request, resource, form, status=200):
    day = _day_asked(request)
    by_day = request.GET.get("vue") == "jour"
    days = [day] if by_day else periods.week_days(day)
    step = dt.timedelta(days=1 if by_day else 7)
    context = {
        "resource": resource,
        "form": form,
        "by_day": by_day,
        "calendar": selectors.calendar(resource, days),
        "day": day,
        "previous": day - step,
        "next": day + step,
        "managing": rules.can_manage_place(request.user, resource),
        "max_duration": periods.duration_words(resource.max_duration_minutes),
        "allowance": _allowance(request.user, resource, day),
    }
    return render(request, "web/places/resource.html", context, status=status)


def _allowance(user, resource, day) -> dict | None:
    """The month's room credit of a capped person (None for the staff, desks, no cap)."""
    if resource.kind != ResourceKind.ROOM or rules.can_manage_place(user, resource):
        return None
    status = allowances.status(user, resource.programme_id, day)
    return status and {**status, "left_words": periods.duration_words(status["left"])}


@require_GET
def resource_list(request):
    resources = selectors.bookable_resources(request.user)
    return render(request, "web/places/list.html", {"resources": resources})


@require_GET
def resource_detail(request, pk):
    resource = selectors.resource_for(request.user, pk)
    form = BookingForm(initial={"day": _day_asked(request), "weeks": 1})
    return _resource_page(request, resource, form)


@require_POST
def book(request, pk):
    resource = selectors.resource_for(request.user, pk)
    form = BookingForm(request.POST)
    if form.is_valid():
        try:
            made = services.booking_create(resource=resource, by=request.user, **form.service_fields())
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Réservation faite : %(what)s.") % {"what": _count(made)})
            day = timezone.localtime(made[0].starts_at).date().isoformat()
            return redirect(f"{reverse('places:resource', args=[resource.pk])}?jour={day}")
    return _resource_page(request, resource, form, status=400)


def _count(made) -> str:
    if len(made) == 1:
        return periods.describe((made[0].starts_at, made[0].ends_at))
    return _("%(count)s séances, chaque semaine à partir du %(first)s") % {
        "count": len(made),
        "first": periods.describe((made[0].starts_at, made[0].ends_at)),
    }


@require_GET
def my_bookings(request):
    bookings = list(selectors.person_bookings(request.user, now=timezone.now()))
    for booking in bookings:
        booking.moves = BOOKING.available(booking, request.user)
    return render(request, "web/places/mine.html", {"bookings": bookings})


@require_POST
def cancel(request, pk):
    booking = selectors.own_booking_for(request.user, pk)
    try:
        services.booking_cancel(booking=booking, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Réservation annulée."))
    return redirect("places:mine")
