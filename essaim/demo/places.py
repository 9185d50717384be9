"""Demo shared place, run by `manage.py seed_demo`: three resources of La Ruche (a meeting room,
an open-space desk, a video projector) open on weekdays, the demo carrier made a member with ten
hours of meeting rooms a month, and one booking of theirs next week; the domiciliation register
(three enterprises, one contract ended, mail waiting and handed over) and, for the demo carrier's
project, a desk and room credits granted by the platform's demo admin (who runs both the project's
programme and the place).

Deterministic (fixed names and SIRET, dates relative to today) and idempotent (each resource is
looked up by its name first, the booking made only with the room; each domiciliation by its
name, its mail only with it; the entitlements only when the project has none at the place).
Everything goes through the services, as the place's demo staff, the demo admin and the carrier.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from essaim.accompaniment.enums import ProjectStatus
from essaim.accompaniment.models import Project
from essaim.accounts.models import User
from essaim.directory.models import Programme
from essaim.places import services
from essaim.places.models import Domiciliation, Entitlement, Resource

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


# Fictitious enterprises, SIRET valid by their checksum (SIREN and SIRET), none of them real.
DOMICILIATIONS = [
    {
        "name": "Les Ateliers du Canal SCOP",
        "siret": "89214510300016",
        "starts": 400,
        "years": 3,
        "mail": [("letter", "URSSAF", 3, None), ("registered", "Tribunal de commerce", 12, 10)],
    },
    {
        "name": "Graines de quartier SAS",
        "siret": "51230980800016",
        "starts": 120,
        "years": 1,
        "mail": [("parcel", "La Poste", 1, None)],
    },
    {
        "name": "Cuisine partagée Belleville",
        "siret": "44187720600017",
        "starts": 800,
        "ended": 30,
        "mail": [],
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
    with transaction.atomic():
        domiciled = _domiciliations(place, staff)
        granted = _entitlements(place, carrier)
    if stdout is not None:
        stdout.write(
            f"  Lieux partagés : {made} ressources, {domiciled} domiciliations et {granted} droits créés à La Ruche."
        )


def _domiciliations(place, staff) -> int:
    today, made = timezone.localdate(), 0
    for fields in DOMICILIATIONS:
        if Domiciliation.objects.filter(place=place, name=fields["name"]).exists():
            continue
        starts_on = today - dt.timedelta(days=fields["starts"])
        ends_on = starts_on + dt.timedelta(days=365 * fields["years"]) if "years" in fields else None
        domiciliation = services.domiciliation_create(
            place=place,
            by=staff,
            name=fields["name"],
            siret=fields["siret"],
            starts_on=starts_on,
            ends_on=ends_on,
        )
        made += 1
        for kind, sender, days_ago, handed_after in fields["mail"]:
            received_on = today - dt.timedelta(days=days_ago)
            item = services.mail_receive(
                domiciliation=domiciliation, by=staff, kind=kind, sender=sender, received_on=received_on
            )
            if handed_after is not None:
                services.mail_hand_over(item=item, by=staff, on=received_on + dt.timedelta(days=handed_after))
        if "ended" in fields:
            services.domiciliation_end(
                domiciliation=domiciliation, by=staff, on=today - dt.timedelta(days=fields["ended"])
            )
    return made


def _entitlements(place, carrier) -> int:
    admin = User.objects.filter(email=f"admin@{DOMAIN}", is_superuser=True).first()
    if admin is None or carrier is None:
        return 0
    project = Project.objects.filter(carriers=carrier, status=ProjectStatus.ACTIVE).order_by("pk").first()
    desk = Resource.objects.filter(programme=place, kind="desk").order_by("pk").first()
    if project is None or desk is None or Entitlement.objects.filter(place=place, project=project).exists():
        return 0
    since = timezone.localdate().replace(day=1)
    services.entitlement_grant(
        place=place, project=project, by=admin, kind="desk", resource=desk, starts_on=since
    )
    services.entitlement_grant(
        place=place, project=project, by=admin, kind="credits", monthly_minutes=300, starts_on=since
    )
    return 2
