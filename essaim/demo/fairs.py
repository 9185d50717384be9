"""Demo trade fair (issue 14 §3), run by `manage.py seed_demo` after the events and the business
flows: a fair of Alter'Incub in Montpellier where the two demo buyers of the business demo meet
its six ESS suppliers, with their meeting requests, three slots and the schedule built.

Fictitious and said so: the title ends with « (démo) » and the description opens with the demo
notice; the participants are the business demo's organisations (no SIRET) and their contacts
the demo accounts of `essaim.business.demo` (`mairie-clapiers@demo.essaim.fr`…), so that each can
sign in and read its schedule. Deterministic (dates relative to today) and idempotent (the fair
is looked up by its title; everything is written in one transaction, or nothing).
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from essaim.accounts.models import User
from essaim.directory.models import Organisation, Programme
from essaim.events import services as events
from essaim.events.models import Event, EventKind
from essaim.fairs import services
from essaim.fairs.models import Priority, Side
from essaim.territories.models import Commune

DOMAIN = "demo.essaim.fr"
TITLE = "Salon des achats responsables de l'Hérault (démo)"
NOTICE = (
    "Salon de démonstration : les acheteurs, les fournisseurs, leurs demandes de rendez-vous et le "
    "planning sont fictifs."
)
# (slug of the business demo's organisation, side, contact's name)
PARTICIPANTS = [
    ("demo-mairie-clapiers", Side.BUYER, "Service des achats (démo)"),
    ("demo-chu-montpellier", Side.BUYER, "Direction des achats (démo)"),
    ("demo-scic-proprete", Side.SUPPLIER, "Équipe commerciale (démo)"),
    ("demo-ei-jardins", Side.SUPPLIER, "Chargée d'affaires (démo)"),
    ("demo-esat-blanchisserie", Side.SUPPLIER, "Responsable commercial (démo)"),
    ("demo-scop-batiment", Side.SUPPLIER, "Gérante (démo)"),
    ("demo-traiteur", Side.SUPPLIER, "Cheffe de cuisine (démo)"),
    ("demo-numerique", Side.SUPPLIER, "Chargé de clientèle (démo)"),
]
H, N, L = Priority.HIGH, Priority.NORMAL, Priority.LOW
# (requester's slug, target's slug, priority): ten requests for six meetings' worth of tables.
REQUESTS = [
    ("demo-mairie-clapiers", "demo-scic-proprete", H),
    ("demo-mairie-clapiers", "demo-ei-jardins", H),
    ("demo-mairie-clapiers", "demo-traiteur", N),
    ("demo-mairie-clapiers", "demo-scop-batiment", L),
    ("demo-chu-montpellier", "demo-esat-blanchisserie", H),
    ("demo-chu-montpellier", "demo-scic-proprete", N),
    ("demo-chu-montpellier", "demo-numerique", L),
    ("demo-esat-blanchisserie", "demo-mairie-clapiers", N),
    ("demo-traiteur", "demo-chu-montpellier", L),
    ("demo-ei-jardins", "demo-chu-montpellier", L),
]
SLOTS = 3  # of 30 minutes from 9:30, two tables each


def _fair_day() -> dt.datetime:
    base = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    return base + dt.timedelta(days=25)


def _skip(stdout, why: str) -> None:
    if stdout is not None:
        stdout.write(f"  Salon d'affaires : {why}, rien à faire.")


def seed(*, stdout=None) -> None:
    if Event.objects.filter(title=TITLE, kind=EventKind.TRADE_FAIR).exists():
        _skip(stdout, "déjà présent")
        return
    programme = Programme.objects.filter(slug="alter-incub").first()
    staff = User.objects.filter(email=f"alter-incub@{DOMAIN}").first()
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=[p[0] for p in PARTICIPANTS])}
    commune = Commune.objects.filter(pk="34172").first()
    if programme is None or staff is None or commune is None or len(organisations) < len(PARTICIPANTS):
        _skip(stdout, "dispositif ou structures de démonstration absents")
        return
    start = _fair_day()
    with transaction.atomic():
        fair = events.event_create(
            by=staff,
            programme=programme,
            title=TITLE,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            kind=EventKind.TRADE_FAIR,
            place_kind="address",
            address="Hôtel de la Métropole, salle des rencontres (adresse fictive)",
            commune=commune,
            capacity=40,
            audience="public",
            description=f"{NOTICE} Acheteurs publics et fournisseurs de l'ESS se rencontrent en "
            "rendez-vous de trente minutes.",
        )
        fair = events.event_transition(event=fair, by=staff, action="publish")
        participants = {}
        for slug, side, contact in PARTICIPANTS:
            organisation = organisations[slug]
            participants[slug] = services.participant_add(
                event=fair,
                by=staff,
                side=side,
                name=organisation.name,
                contact_name=contact,
                email=f"{slug.removeprefix('demo-')}@{DOMAIN}",
                organisation=organisation,
            )
        for requester, target, priority in REQUESTS:
            services.request_create(
                requester=participants[requester], target=participants[target], by=staff, priority=priority
            )
        for index in range(SLOTS):
            begins = start + dt.timedelta(minutes=30 * (index + 1))
            services.slot_add(
                event=fair, by=staff, starts_at=begins, ends_at=begins + dt.timedelta(minutes=30), tables=2
            )
        run = services.schedule_run(event=fair, by=staff)
    if stdout is not None:
        stdout.write(
            f"  Salon d'affaires : {len(participants)} participants, {run.requests} demandes, "
            f"{run.meetings} rendez-vous planifiés."
        )
