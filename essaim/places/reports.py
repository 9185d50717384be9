"""Usage reports of a shared place, for its staff: occupancy by resource and month, members,
domiciliations, and — as evidence of the study's claim that a physical place matters — the
survival and jobs of the accompanied enterprises that were resident at the place against those
that were not.

Residents: the projects of the place's organisation whose carrier is a resident member of the
place, that are domiciled there, or that were granted a desk there. Non-residents: the other
projects of the organisation's programmes. Only enterprises created (a creation date) count.
The comparison goes through small-cell protection (essaim/evidence/privacy.py, decision 0018):
a group of fewer than 5 enterprises is hidden with its figures, a survival rate shows only
while at least 5 enterprises are still observed.
"""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from essaim.evidence.models import ProjectFact
from essaim.evidence.privacy import MASKED, MIN_PROJECTS, SMALL, protect
from essaim.evidence.survival import kaplan_meier, survival_at
from essaim.places import periods
from essaim.places.models import (
    Booking,
    BookingState,
    Domiciliation,
    DomiciliationState,
    Entitlement,
    EntitlementKind,
    MailItem,
    MembershipKind,
    PlaceMembership,
    Resource,
)

HORIZONS = (12, 24, 36)


def _open_minutes(hours: list, year: int, month: int) -> int:
    """Minutes the resource is open in that month, from its weekly hours."""
    by_weekday = {
        h.weekday: (h.closes_at.hour * 60 + h.closes_at.minute) - (h.opens_at.hour * 60 + h.opens_at.minute)
        for h in hours
    }
    day = dt.date(year, month, 1)
    total = 0
    while day.month == month:
        total += by_weekday.get(day.weekday(), 0)
        day += dt.timedelta(days=1)
    return total


def occupancy(place, year: int) -> list[dict]:
    """Each resource of the place with twelve months: minutes booked, minutes open, rate (%)."""
    resources = list(
        Resource.objects.filter(programme=place).prefetch_related("hours").order_by("kind", "name", "pk")
    )
    start, _end = periods.day_bounds(dt.date(year, 1, 1), dt.date(year, 1, 1))
    _start, end = periods.day_bounds(dt.date(year, 12, 31), dt.date(year, 12, 31))
    booked = defaultdict(int)
    rows = Booking.objects.filter(
        resource__programme=place, state=BookingState.CONFIRMED, starts_at__gte=start, starts_at__lt=end
    ).values_list("resource_id", "starts_at", "ends_at")
    for resource_id, starts_at, ends_at in rows:
        booked[(resource_id, periods.local(starts_at).month)] += int(
            (ends_at - starts_at).total_seconds() // 60
        )
    result = []
    for resource in resources:
        hours = list(resource.hours.all())
        months = []
        for month in range(1, 13):
            minutes, opened = booked[(resource.pk, month)], _open_minutes(hours, year, month)
            rate = round(100 * minutes / opened) if opened else None
            months.append({"month": dt.date(year, month, 1), "booked": minutes, "open": opened, "rate": rate})
        result.append({"resource": resource, "months": months, "booked": sum(m["booked"] for m in months)})
    return result


def members(place, on: dt.date | None = None) -> dict:
    """Current members by status, and how many have a monthly allowance."""
    on = on or timezone.localdate()
    current = PlaceMembership.objects.filter(programme=place, starts_on__lte=on).exclude(ends_on__lt=on)
    counts = current.aggregate(
        residents=Count("pk", filter=Q(kind=MembershipKind.RESIDENT)),
        members=Count("pk", filter=Q(kind=MembershipKind.MEMBER)),
        capped=Count("pk", filter=Q(monthly_allowance_minutes__isnull=False)),
    )
    counts["entitlements"] = (
        Entitlement.objects.filter(place=place, starts_on__lte=on).exclude(ends_on__lt=on).count()
    )
    return counts


def domiciliations(place, year: int) -> dict:
    rows = Domiciliation.objects.filter(place=place).aggregate(
        active=Count("pk", filter=Q(state=DomiciliationState.ACTIVE)),
        started=Count("pk", filter=Q(starts_on__year=year)),
        ended=Count("pk", filter=Q(ended_on__year=year)),
    )
    mail = MailItem.objects.filter(domiciliation__place=place).aggregate(
        received=Count("pk", filter=Q(received_on__year=year)),
        waiting=Count("pk", filter=Q(handed_over_on__isnull=True)),
    )
    return {**rows, **mail}


def resident_projects(place) -> set[int]:
    """Projects of the place's organisation that were resident at the place (see the docstring)."""
    by_members = PlaceMembership.objects.filter(programme=place, kind=MembershipKind.RESIDENT).values_list(
        "user__carried_projects", flat=True
    )
    domiciled = Domiciliation.objects.filter(place=place, project__isnull=False).values_list(
        "project_id", flat=True
    )
    desks = Entitlement.objects.filter(place=place, kind=EntitlementKind.DESK).values_list(
        "project_id", flat=True
    )
    return {pk for pk in (*by_members, *domiciled, *desks) if pk is not None}


def _group(facts: list) -> dict:
    curve = kaplan_meier([f.survival_months for f in facts], [f.ceased for f in facts]) if facts else []
    survival = {}
    for months in HORIZONS:
        point = survival_at(curve, months)
        observed = sum(1 for f in facts if f.survival_months >= months)  # still followed at that time
        survival[months] = round(100 * point.estimate) if point and observed >= MIN_PROJECTS else SMALL
    jobs = sum((f.fte for f in facts), Decimal(0))
    return {
        "n": len(facts),
        "survival": survival,
        "jobs": jobs,
        "jobs_mean": (jobs / len(facts)).quantize(Decimal("0.1")) if facts else Decimal(0),
    }


def residents_outcomes(place) -> dict:
    """Resident vs non-resident accompanied enterprises of the place's organisation: number,
    survival at 12/24/36 months (Kaplan–Meier, %), jobs (FTE, total and mean), protected."""
    facts = list(
        ProjectFact.objects.filter(
            programme__organisation_id=place.organisation_id,
            created_on__isnull=False,
            survival_months__isnull=False,
        ).only("project_id", "survival_months", "ceased", "fte")
    )
    residents = resident_projects(place)
    groups = [
        [f for f in facts if f.project_id in residents],
        [f for f in facts if f.project_id not in residents],
    ]
    # The organisation's total is shown elsewhere (evidence reports): one group hidden alone could
    # be recomputed from it, so `protect` hides the other too, both reading "masqué".
    hidden, masked = protect([len(g) for g in groups])
    result = {}
    for index, key in enumerate(("residents", "others")):
        figures = _group(groups[index])
        if index in hidden:
            cell = MASKED if masked else SMALL
            figures = {"n": cell, "survival": dict.fromkeys(HORIZONS, cell), "jobs": cell, "jobs_mean": cell}
        result[key] = figures
    return result
