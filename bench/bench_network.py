"""The referral network and the conductor's dashboard of a région, SQLite.

Data: the evidence bench's database (2,000 synthetic programmes, `generate_synthetic --projects
200000` over every département, cached in var/bench/), plus 20,000 consented referrals between
programmes for projects located in Occitanie (région 76), with their consent and decision moves in
the activity log (60 % accepted, 20 % refused with one of six reasons, 15 % still proposed, 5 %
withdrawn), and 3,000 contact requests from Occitanie's communes.

Figures: `network.network` for the région; `conductor.dashboard` for the région; the conductor
page and the network page through Django's test client (full request) — goal ≤ 300 ms median.
Set BENCH_PROJECTS to try another size (read by bench_evidence).
"""

import datetime as dt
import os
import random
import shutil
from pathlib import Path

from _common import BENCH_DIR, median_line, timed
from bench_evidence import PROJECTS, prepared_database

REFERRALS = int(os.environ.get("BENCH_REFERRALS", "20000"))
CONTACTS = 3000
REGION = "76"
GOAL_MS = 300
REASONS = [
    "Projet hors de notre zone",
    "Complet pour cette session",
    "Projet trop avancé pour l'incubation",
    "Pas de modèle économique identifié",
    "Porteur déjà accompagné ailleurs",
    "",
]


def seed_flows() -> None:
    from django.db import connection
    from django.utils import timezone

    from essaim.accompaniment.enums import ReferralStatus
    from essaim.accompaniment.models import Project, Referral
    from essaim.audit.models import Action, Event
    from essaim.orientation.models import ContactRequest, Recipient

    rng = random.Random(11)
    projects = list(
        Project.objects.filter(commune__region_id=REGION).values_list("pk", "programme_id", "commune_id")[
            :200000
        ]
    )
    programmes = sorted({programme for _pk, programme, _c in projects})
    print(
        f"Projets en Occitanie : {len(projects)}, dispositifs qui y accompagnent : {len(programmes)}",
        flush=True,
    )
    now = timezone.now()
    statuses = (
        [ReferralStatus.ACCEPTED] * 60
        + [ReferralStatus.REFUSED] * 20
        + [ReferralStatus.PROPOSED] * 15
        + [ReferralStatus.WITHDRAWN] * 5
    )
    referrals, plans = [], []
    for _i in range(REFERRALS):
        pk, source, _commune = rng.choice(projects)
        target = rng.choice(programmes)
        while target == source:
            target = rng.choice(programmes)
        status = rng.choice(statuses)
        consented = now - dt.timedelta(days=rng.uniform(1, 700))
        answered = consented + dt.timedelta(days=rng.expovariate(1 / 9))
        reason = rng.choice(REASONS) if status == ReferralStatus.REFUSED else ""
        referrals.append(
            Referral(
                project_id=pk,
                from_programme_id=source,
                to_programme_id=target,
                message="Orientation synthétique",
                status=status,
                decision_reason=reason,
                consented_at=None if status == ReferralStatus.WITHDRAWN else consented,
                decided_at=answered if status in (ReferralStatus.ACCEPTED, ReferralStatus.REFUSED) else None,
            )
        )
        plans.append((status, consented, answered))
    with connection.cursor():
        Referral.objects.bulk_create(referrals, batch_size=2000)
    events = []
    for referral, (status, consented, answered) in zip(referrals, plans, strict=True):
        if status == ReferralStatus.WITHDRAWN:
            continue
        base = {
            "object_type": "accompaniment.referral",
            "object_id": referral.pk,
            "action": Action.TRANSITION,
        }
        events.append(Event(at=consented, workflow="referral", to_state=ReferralStatus.PROPOSED, **base))
        if status in (ReferralStatus.ACCEPTED, ReferralStatus.REFUSED):
            events.append(Event(at=answered, workflow="referral", to_state=status, **base))
    Event.objects.bulk_create(events, batch_size=4000)
    communes = sorted({c for _pk, _p, c in projects if c})
    ContactRequest.objects.bulk_create(
        [
            ContactRequest(
                recipient=Recipient.PROGRAMME,
                programme_id=rng.choice(programmes),
                name="Personne synthétique",
                email="synthetique@example.org",
                message="Bonjour",
                commune_id=rng.choice(communes),
                consent_at=now,
            )
            for _i in range(CONTACTS)
        ],
        batch_size=2000,
    )
    connection.cursor().execute("ANALYZE")
    print(
        f"Passerelles : {len(referrals)}, événements du journal : {len(events)}, demandes : {CONTACTS}",
        flush=True,
    )


def main() -> None:
    data = prepared_database()
    db = BENCH_DIR / f"network-{PROJECTS}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    shutil.copy(data, db)
    os.environ["SQLITE_PATH"] = str(db)
    os.environ["DJANGO_SETTINGS_MODULE"] = "essaim.settings"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.ALLOWED_HOSTS = ["*"]
    from django.test import Client

    from essaim.accounts.models import TerritoryScope, User
    from essaim.network.conductor import dashboard
    from essaim.network.network import network
    from essaim.network.selectors import territory_subject

    seed_flows()
    viewer, _created = User.objects.get_or_create(email="bench-occitanie@example.org")
    TerritoryScope.objects.get_or_create(user=viewer, level="region", code=REGION)
    subject = territory_subject("region", REGION)
    net = network(subject, user=viewer)
    print(
        f"  Occitanie : {len(net.graph.nodes)} acteurs, {len(net.graph.edges)} liens, "
        f"{net.graph.referral_total} passerelles consenties, {len(net.alerts)} alertes",
        flush=True,
    )
    median_line(
        "Réseau d'une région (network.network)", timed(lambda: network(subject, user=viewer), 15), GOAL_MS
    )
    median_line(
        "Tableau de bord d'une région (conductor.dashboard)",
        timed(lambda: dashboard(subject, user=viewer), 15),
        GOAL_MS,
    )
    client = Client()
    client.force_login(viewer)

    def get(path):
        response = client.get(path)
        assert response.status_code == 200, response.status_code

    median_line(
        "Page du réseau d'Occitanie (requête complète)",
        timed(lambda: get("/espace/territoires/region/76/reseau/"), 15),
        GOAL_MS,
    )
    median_line(
        "Page du tableau de bord d'Occitanie (requête complète)",
        timed(lambda: get("/espace/territoires/region/76/pilotage/"), 15),
        GOAL_MS,
    )


if __name__ == "__main__":
    main()
