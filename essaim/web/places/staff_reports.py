"""The usage report of a place, for its staff: occupancy by resource and month, members,
domiciliations, residents against other accompanied enterprises (protected below 5)."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from essaim.places import reports, selectors


def _year(request) -> int:
    try:
        year = int(request.GET.get("annee", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= timezone.localdate().year + 1 else timezone.localdate().year


@require_GET
def report(request, place):
    place = selectors.place_for(request.user, place)
    year = _year(request)
    context = {
        "place": place,
        "year": year,
        "previous": year - 1,
        "next": year + 1,
        "occupancy": reports.occupancy(place, year),
        "members": reports.members(place),
        "domiciliations": reports.domiciliations(place, year),
        "outcomes": reports.residents_outcomes(place),
        "horizons": reports.HORIZONS,
    }
    return render(request, "web/places/staff_report.html", context)
