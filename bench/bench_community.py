"""Community (issue 13 §4): no overbooking and no double booking under concurrency, and the
calendar of a programme with 2,000 events.

    uv run --frozen python bench/bench_community.py                       # SQLite (a file database)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        uv run --frozen python bench/bench_community.py                   # PostgreSQL

On PostgreSQL a throw-away database `essaim_bench_community` is created next to the one named
by DATABASE_URL, migrated, used and dropped. Prints:

1. 200 people register at once (threads released by one barrier, each with its own
   connection) to an event of 50 places: confirmed and waiting counts (goal: exactly 50 / 150);
2. 1,000 booking attempts at once on 20 rooms (random overlapping periods): made, refused,
   unexpected errors, and overlapping confirmed bookings found afterwards (goal: 0);
3. the programme's calendar (ICS feed `/evenements/dispositifs/<slug>/calendrier.ics`) and its
   page with 2,000 public events: median CPU time of 30 requests (goal: median ≤ 100 ms), and the
   wall-clock median and p95 (inflated when other processes share the cores).
"""

import datetime as dt
import faulthandler
import os
import random
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BENCH_DB = "essaim_bench_community"
PEOPLE, SEATS = 200, 50
ROOMS, ATTEMPTS = 20, 1000
EVENTS = 2000


def _setup() -> str:
    url = os.environ.get("DATABASE_URL", "")
    os.environ["DJANGO_SETTINGS_MODULE"] = "essaim.settings"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "k" * 40)
    import django
    from django.core.management import call_command

    if not url:
        # A database of its own (no territories needed), migrated afresh.
        db = Path(__file__).resolve().parent.parent / "var" / "bench" / "community.sqlite3"
        db.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        os.environ["SQLITE_PATH"] = str(db)
        os.environ.setdefault("SQLITE_BUSY_TIMEOUT", "300")  # 200 writers queue on the lock
        django.setup()
        call_command("migrate", verbosity=0)
        return "SQLite"
    import psycopg

    base, _sep, _name = url.rpartition("/")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    os.environ["DATABASE_URL"] = f"{base}/{BENCH_DB}"
    os.environ["DB_CONN_MAX_AGE"] = "0"
    django.setup()
    call_command("migrate", verbosity=0)
    return "PostgreSQL"


def _drop(url: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def _parallel(fn, items, workers: int) -> list[str]:
    """Run fn(item) for every item, `workers` at a time, all released by one barrier."""
    from django.db import connections

    errors: list[str] = []
    barrier = threading.Barrier(min(workers, len(items)))

    def run(chunk):
        try:
            barrier.wait()
            for item in chunk:
                try:
                    fn(item)
                except Exception as exc:  # noqa: BLE001 — every failure is reported
                    errors.append(type(exc).__name__ + ": " + str(exc)[:120])
        finally:
            connections.close_all()

    chunks = [items[i::workers] for i in range(min(workers, len(items)))]
    with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
        list(pool.map(run, chunks))
    return errors


def _people(prefix: str, n: int) -> list:
    """Accounts without a password (hashing 300 passwords would be most of the run)."""
    from essaim.accounts.models import User

    User.objects.bulk_create(
        User(email=f"{prefix}{i}@example.org", full_name=f"Personne {prefix} {i}", password="!")
        for i in range(n)
    )
    return list(User.objects.filter(email__startswith=prefix).order_by("pk"))


def registrations(workers: int) -> None:
    from essaim.events import services
    from essaim.events.models import Registration
    from tests.events.factories import EventFactory

    event = EventFactory(published=True, capacity=SEATS)
    people = _people("inscrit", PEOPLE)
    print(f"  ({PEOPLE} comptes créés)", flush=True)
    start = time.perf_counter()
    errors = _parallel(lambda user: services.registration_create(event=event, by=user), people, workers)
    elapsed = time.perf_counter() - start
    states = list(Registration.objects.filter(event=event).values_list("state", flat=True))
    confirmed, waiting = states.count("confirmed"), states.count("waiting")
    ok = confirmed == SEATS and waiting == PEOPLE - SEATS and not errors
    print(
        f"  inscriptions : {PEOPLE} personnes, {SEATS} places, {workers} fils -> {confirmed} confirmées, "
        f"{waiting} en attente, {len(errors)} erreurs, {elapsed:.1f} s  ({'OK' if ok else 'ÉCHEC'})",
        flush=True,
    )
    for error in errors[:3]:
        print("    ", error)


def bookings(workers: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from essaim.core.errors import ValidationError
    from essaim.places import services
    from essaim.places.models import Booking, BookingPolicy
    from tests.places.factories import PlaceFactory, ResourceFactory

    place = PlaceFactory()
    rooms = [ResourceFactory(programme=place, policy=BookingPolicy.SIGNED_IN) for _ in range(ROOMS)]
    people = _people("reserve", 100)
    rng = random.Random(13)
    day0 = timezone.localdate() + dt.timedelta(days=1)
    attempts = []
    for i in range(ATTEMPTS):
        day = day0 + dt.timedelta(days=rng.randrange(3))
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(8))) + dt.timedelta(
            minutes=30 * rng.randrange(20)
        )
        attempts.append(
            (
                rng.choice(rooms),
                people[i % len(people)],
                start,
                start + dt.timedelta(minutes=30 * rng.randint(1, 4)),
            )
        )
    refused = []

    def book(attempt):
        room, user, start, end = attempt
        try:
            services.booking_create(resource=room, by=user, starts_at=start, ends_at=end)
        except ValidationError:
            refused.append(1)

    begin = time.perf_counter()
    errors = _parallel(book, attempts, workers)
    elapsed = time.perf_counter() - begin
    made = Booking.objects.filter(resource__programme=place, state="confirmed").count()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM places_booking a JOIN places_booking b ON a.resource_id = b.resource_id "
            "AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at "
            "WHERE a.state = 'confirmed' AND b.state = 'confirmed'"
        )
        overlaps = cursor.fetchone()[0]
    ok = overlaps == 0 and not errors and made + len(refused) == ATTEMPTS
    print(
        f"  réservations : {ATTEMPTS} tentatives sur {ROOMS} salles, {workers} fils -> {made} faites, "
        f"{len(refused)} refusées, {len(errors)} erreurs, {overlaps} chevauchements, {elapsed:.1f} s  "
        f"({'OK' if ok else 'ÉCHEC'})",
        flush=True,
    )
    for error in errors[:3]:
        print("    ", error)


def calendar() -> None:
    from django.conf import settings
    from django.test import Client, override_settings
    from django.utils import timezone

    from essaim.events.models import Event, Session
    from tests.factories.directory import ProgrammeFactory

    programme = ProgrammeFactory(slug="bench-calendrier")
    start = timezone.now() + dt.timedelta(days=1)
    events = Event.objects.bulk_create(
        Event(
            programme=programme,
            organisation_id=programme.organisation_id,
            kind="workshop",
            title=f"Atelier n° {i} : modèle économique",
            description="Construire son modèle économique.",
            place_kind="online",
            online_url="https://visio.example.org/atelier",
            capacity=20,
            audience="public",
            state="published",
            starts_at=start + dt.timedelta(hours=6 * i),
            ends_at=start + dt.timedelta(hours=6 * i + 2),
        )
        for i in range(EVENTS)
    )
    Session.objects.bulk_create(Session(event=e, starts_at=e.starts_at, ends_at=e.ends_at) for e in events)
    client = Client()
    # DEBUG is off, like production: read the static files from the sources, not a manifest.
    plain = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    override = override_settings(STORAGES=plain)
    override.enable()
    for label, url in (
        ("calendrier ICS du dispositif", f"/evenements/dispositifs/{programme.slug}/calendrier.ics"),
        ("page du dispositif", f"/dispositifs/{programme.slug}/"),
    ):
        for _ in range(3):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        timings, cpu = [], []
        for _ in range(30):
            begin, begin_cpu = time.perf_counter(), time.thread_time()
            response = client.get(url)
            timings.append((time.perf_counter() - begin) * 1000)
            cpu.append((time.thread_time() - begin_cpu) * 1000)
        median = statistics.median(cpu)
        p95 = sorted(timings)[28]
        size = len(response.content)
        print(
            f"  {label} ({EVENTS} événements, {size // 1024} Kio) : médiane {median:.1f} ms CPU "
            f"(horloge : médiane {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms)  "
            f"(objectif médiane ≤ 100 ms : {'OK' if median <= 100 else 'NON ATTEINT'})",
            flush=True,
        )


def main() -> None:
    faulthandler.dump_traceback_later(900, exit=False)  # where it stands if a phase hangs
    url = os.environ.get("DATABASE_URL", "")
    vendor = _setup()
    workers = 50 if vendor == "PostgreSQL" else 200  # PostgreSQL: max_connections 100
    print(f"{vendor} :", flush=True)
    try:
        only = os.environ.get("BENCH_ONLY", "")  # "calendar" to run that part alone
        if only != "calendar":
            registrations(PEOPLE if vendor == "SQLite" else workers)
            bookings(workers)
        calendar()
    finally:
        if url:
            _drop(url)


if __name__ == "__main__":
    main()
