"""Allowances per month: how many minutes of a place's rooms a person may book in a calendar
month, and how many they have booked. The cap is their membership's monthly allowance plus the
room credits the programmes accompanying their projects granted them at this place
(`Entitlement` of kind « crédits »). No cap: a membership without an allowance, or neither a
capped membership nor credits. The place's staff are never capped (checked by the services)."""

import datetime as dt

from essaim.places import periods, rules
from essaim.places.models import Booking, BookingState, EntitlementKind, PlaceMembership, ResourceKind


def monthly_cap(user, place_id: int, *, on: dt.date | None = None) -> int | None:
    """Minutes of rooms a month (None: not capped)."""
    membership = PlaceMembership.objects.filter(programme_id=place_id, user=user).first()
    if membership is not None and membership.monthly_allowance_minutes is None:
        return None
    credits = sum(
        rules.current_entitlements(user, place_id, on=on)
        .filter(kind=EntitlementKind.CREDITS)
        .values_list("monthly_minutes", flat=True)
    )
    if membership is None:
        return credits or None
    return membership.monthly_allowance_minutes + credits


def month_bounds(year: int, month: int) -> periods.Period:
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return periods.day_bounds(first, last)


def minutes_used(user, place_id: int, year: int, month: int) -> int:
    """Minutes of the place's rooms booked (confirmed) by the person starting in that month."""
    start, end = month_bounds(year, month)
    rows = Booking.objects.filter(
        user=user,
        state=BookingState.CONFIRMED,
        resource__programme_id=place_id,
        resource__kind=ResourceKind.ROOM,
        starts_at__gte=start,
        starts_at__lt=end,
    ).values_list("starts_at", "ends_at")
    return sum(int((e - s).total_seconds() // 60) for s, e in rows)


def status(user, place_id: int, day: dt.date) -> dict | None:
    """The month of `day`: cap, used, left (None when not capped)."""
    cap = monthly_cap(user, place_id, on=day)
    if cap is None:
        return None
    used = minutes_used(user, place_id, day.year, day.month)
    return {"month": day.replace(day=1), "cap": cap, "used": used, "left": max(0, cap - used)}
