"""Demo shared place, run by `manage.py seed_demo`: three resources of La Ruche (a meeting room,
an open-space desk, a video projector) open on weekdays, the demo carrier made a member with ten
hours of meeting rooms a month, and one booking of theirs next week.

Deterministic (fixed names, dates relative to today) and idempotent (each resource is looked up
by its name first; the booking is made only with the room). Everything goes through the
services, as the place's demo staff and the demo carrier.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from essaim.accounts.models import User
from essaim.directory.models import Programme
from essaim.places import services
from essaim.places.models import Resource

DOMAIN = "demo.essaim.fr"
WEEKDAYS = {day: (dt.time(9), dt.time(19)) for day in range(5)}
RESOURCES = [
    {
        "name": "Salle Ada Lovelace",
        "kind": "room",
        "capacity": 12,
        "policy": "members_projects",
        "max_duration_minutes": 240,
        "max_days_ahead": 60,
        "description": "Salle de réunion avec écran, au premier étage.",
    },
    {
        "name": "Poste en open space",
        "kind": "desk",
        "capacity": 1,
        "policy": "signed_in",
        "max_duration_minutes": 600,
        "max_days_ahead": 14,
        "description": "Un bureau à la journée, wifi et café compris.",
    },
    {
        "name": "Vidéoprojecteur",
        "kind": "equipment",
        "capacity": 1,
        "policy": "members",
        "max_duration_minutes": 480,
        "max_days_ahead": 30,
        "description": "À retirer à l'accueil.",
    },
]


def _next_weekday(days: int) -> dt.date:
    day = timezone.localdate() + dt.timedelta(days=days)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def seed(*, stdout=None) -> None:
    place = Programme.objects.filter(slug="la-ruche").first()
    staff = User.objects.filter(email=f"la-ruche@{DOMAIN}").first()
    carrier = User.objects.filter(email=f"porteur@{DOMAIN}").first()
    if place is None or staff is None:
        if stdout is not None:
            stdout.write("  Lieux partagés : lieu de démonstration absent, rien à faire.")
        return
    made = 0
    with transaction.atomic():
        for fields in RESOURCES:
            if Resource.objects.filter(programme=place, name=fields["name"]).exists():
                continue
            resource = services.resource_create(programme=place, by=staff, hours=WEEKDAYS, **fields)
            made += 1
            if carrier is not None and fields["kind"] == "room":
                services.membership_set(
                    programme=place, user=carrier, by=staff, monthly_allowance_minutes=600
                )
                day = _next_weekday(7)
                start = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
                services.booking_create(
                    resource=resource,
                    by=carrier,
                    starts_at=start,
                    ends_at=start + dt.timedelta(hours=2),
                    note="Point d'étape avec l'équipe",
                )
    if stdout is not None:
        stdout.write(f"  Lieux partagés : {made} ressources créées à La Ruche.")
