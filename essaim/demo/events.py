"""Demo events, run by `manage.py seed_demo`: a training of Alter'Incub (online, full, with a
waiting list), a public workshop in Montpellier, and a past network meeting with attendance.

Deterministic (fixed titles, dates relative to today) and idempotent (each event is looked up by
its title first). Everything goes through the services, as the programme's demo staff and the
demo carriers, so the activity log is the one a real journey would leave.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from essaim.accounts.models import User
from essaim.directory.models import Programme
from essaim.events import services, tokens
from essaim.events.models import Event, Session
from essaim.territories.models import Commune

DOMAIN = "demo.essaim.fr"
TRAINING = "Formation — construire son prévisionnel financier"
WORKSHOP = "Atelier — choisir le statut de son entreprise sociale"
MEETING = "Rencontre du réseau des porteurs de projet"


def _day(days: int, hour: int) -> dt.datetime:
    base = timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0)
    return base + dt.timedelta(days=days)


def _event(staff, programme, title: str, start: dt.datetime, **fields) -> Event | None:
    if Event.objects.filter(title=title).exists():
        return None
    event = services.event_create(
        by=staff,
        programme=programme,
        title=title,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        **fields,
    )
    return services.event_transition(event=event, by=staff, action="publish")


def seed(*, stdout=None) -> None:
    programme = Programme.objects.filter(slug="alter-incub").first()
    staff = User.objects.filter(email=f"alter-incub@{DOMAIN}").first()
    if programme is None or staff is None:
        if stdout is not None:
            stdout.write("  Événements : dispositif de démonstration absent, rien à faire.")
        return
    people = list(User.objects.filter(email__endswith=f"@{DOMAIN}", is_carrier=True).order_by("email")[:4])
    made = 0
    with transaction.atomic():
        training = _event(
            staff,
            programme,
            TRAINING,
            _day(12, 9),
            kind="training",
            place_kind="online",
            online_url="https://visio.example.org/previsionnel",
            capacity=2,
            audience="public",
            description="Trois heures pour bâtir un prévisionnel sur trois ans, avec un tableur fourni.",
        )
        if training is not None:
            made += 1
            for person in people:
                services.registration_create(event=training, by=person)
        commune = Commune.objects.filter(pk="34172").first()
        if commune is not None:
            workshop = _event(
                staff,
                programme,
                WORKSHOP,
                _day(20, 14),
                kind="workshop",
                place_kind="address",
                address="12 rue de l'Économie sociale",
                commune=commune,
                capacity=25,
                audience="public",
                description="Association, SCOP, SCIC : les questions à se poser avant de choisir.",
            )
            if workshop is not None:
                made += 1
                services.registration_request(
                    event=workshop,
                    by=tokens.PUBLIC_FORM,
                    name="Camille Durand",
                    email="camille.durand@example.org",
                )
        past = _event(
            staff,
            programme,
            MEETING,
            _day(3, 18),
            kind="network_meeting",
            place_kind="online",
            online_url="https://visio.example.org/reseau",
            capacity=40,
            audience="public",
        )
        if past is not None:
            made += 1
            for person in people[:2]:
                services.registration_create(event=past, by=person)
            # Moved to last week once registered: the demo shows a past event with its attendance.
            session = past.sessions.get()
            Session.objects.filter(pk=session.pk).update(
                starts_at=session.starts_at - dt.timedelta(days=10),
                ends_at=session.ends_at - dt.timedelta(days=10),
            )
            Event.objects.filter(pk=past.pk).update(
                starts_at=session.starts_at - dt.timedelta(days=10),
                ends_at=session.ends_at - dt.timedelta(days=10),
            )
            session.refresh_from_db()
            for registration in past.registrations.all():
                services.attendance_mark(registration=registration, session=session, by=staff)
            services.event_transition(event=past, by=staff, action="close")
    if stdout is not None:
        stdout.write(f"  Événements : {made} créé(s).")
