"""Load test: simulated people on a production-like server, on SQLite and on PostgreSQL (issue 16).

    python bench/load_test.py [--db sqlite|postgres|both] [--users 50] [--duration 60] [--writes 0.10]

For each database: a fresh database with the territories and the demo data (`seed_demo`), served by
gunicorn (gthread, LOAD_WORKERS × LOAD_THREADS, DEBUG=false, static files collected) on
127.0.0.1 only. `--users` threads each play one person in a closed loop (think time `--think`):
visitors (public pages and the public API), carriers (signed in) and programme staff (API token).
A share `--writes` of the requests are writes: contact requests to a programme (web form, visitors
and carriers) and meetings logged on a project (API, staff). Printed per database: requests,
throughput, p50/p95/max latency per kind, errors (non-2xx/3xx or failed connections) and the
number of "database is locked" lines in the server's log.

Bounded: at most 200 users, 300 s and 500,000 requests; loopback only. PostgreSQL: a throw-away
database `essaim_load_<pid>` on LOAD_PG (default postgres://postgres@127.0.0.1:5432), dropped at
the end. Figures: docs/performance.md, "Load test".
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import math
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path

from _common import BENCH_DIR, ROOT, base_database

PASSWORD = "essaim-demo"
PORT = int(os.environ.get("LOAD_PORT", "8777"))
WORKERS = os.environ.get("LOAD_WORKERS", "2")
THREADS = os.environ.get("LOAD_THREADS", "4")
PG = os.environ.get("LOAD_PG", "postgres://postgres@127.0.0.1:5432")
MAX_USERS, MAX_SECONDS, MAX_REQUESTS = 200, 300, 500_000
# INSEE codes that are nobody else's postal code (65440, Tarbes, is also a postal code: a 422).
COMMUNES = ["34172", "31555", "30189", "66136", "11069", "81004", "12202", "46042", "09122", "65286"]
STAGES = ["emergence", "creation", "consolidation", "developpement"]
CARRIERS = ["porteur", "porteuse.cantine", "porteuse.numerique", "porteur.mobilite"] + [
    f"porteuse.demo.{i}" for i in range(6)
]
STAFF = ["alter-incub", "antropia", "apeas", "la-ruche", "realis", "replic", "coventis", "inter-made"]


class Client:
    """One person's connection: keep-alive, cookies, CSRF token."""

    def __init__(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(self, method: str, path: str, *, form=None, payload=None) -> tuple[int, bytes, str]:
        headers = {"Accept-Language": "fr"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        body = None
        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{PORT}{path}"
        elif payload is not None:
            body = json.dumps(payload).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                if attempt == 2:
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _sep, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, content, response.getheader("Location", "")

    def login(self, email: str) -> None:
        self.request("GET", "/compte/connexion/")
        status, _body, location = self.request(
            "POST", "/compte/connexion/", form={"email": email, "password": PASSWORD}
        )
        if status != 302 or "connexion" in location:
            raise RuntimeError(f"connexion refusée pour {email} ({status})")


class Person(threading.Thread):
    def __init__(self, n: int, role: str, args, stop: threading.Event, results: list, budget: list):
        super().__init__(daemon=True)
        self.n, self.role, self.args, self.stop, self.results, self.budget = (
            n,
            role,
            args,
            stop,
            results,
            budget,
        )
        self.rng = random.Random(n)
        self.client = Client()
        self.projects: list[int] = []

    def prepare(self) -> None:
        if self.role == "carrier":
            self.client.login(f"{CARRIERS[self.n % len(CARRIERS)]}@demo.essaim.fr")
        elif self.role == "staff":
            email = f"{STAFF[self.n % len(STAFF)]}@demo.essaim.fr"
            status, body, _ = self.client.request(
                "POST", "/api/v1/auth/token", payload={"email": email, "password": PASSWORD, "name": "charge"}
            )
            if status != 201:
                raise RuntimeError(f"jeton refusé pour {email} ({status}) {body[:200]!r}")
            self.client.token = json.loads(body)["token"]
            _status, body, _ = self.client.request("GET", "/api/v1/projects?page_size=100")
            self.projects = [p["id"] for p in json.loads(body)["results"]]

    def _orientation(self) -> str:
        return f"place={self.rng.choice(COMMUNES)}&stage={self.rng.choice(STAGES)}"

    def read(self) -> tuple[str, str]:
        pick = self.rng.random()
        if self.role == "staff" and self.projects:
            project = self.rng.choice(self.projects)
            return "lecture API projet", f"/api/v1/projects/{project}/meetings"
        if pick < 0.3:
            return "page de résultats d'orientation", f"/orientation/resultats/?{self._orientation()}"
        if pick < 0.5:
            return "API orientation", f"/api/v1/orientation?{self._orientation()}"
        if pick < 0.7:
            return "page annuaire", f"/annuaire/?stage={self.rng.choice(STAGES)}"
        if pick < 0.85:
            return "API annuaire", f"/api/v1/programmes?stage={self.rng.choice(STAGES)}"
        return "page d'accueil", "/"

    def write(self):
        if self.role == "staff" and self.projects:
            project = self.rng.choice(self.projects)
            payload = {"date": dt.date.today().isoformat(), "duration_minutes": 30, "topics": "charge"}
            return "écriture API rendez-vous", "POST", f"/api/v1/projects/{project}/meetings", None, payload
        form = {
            "name": f"Personne {self.n}",
            "email": f"p{self.n}@example.org",
            "message": "Bonjour",
            "consent": "on",
        }
        slug = self.rng.choice(self.args.slugs)
        return "écriture demande de contact", "POST", f"/orientation/contact/{slug}/", form, None

    def run(self) -> None:
        while not self.stop.is_set():
            with budget_lock:
                if self.budget[0] <= 0:
                    return
                self.budget[0] -= 1
            if self.rng.random() < self.args.writes:
                kind, method, path, form, payload = self.write()
            else:
                (kind, path), method, form, payload = self.read(), "GET", None, None
            if form is not None and "csrftoken" not in self.client.cookies:
                self.client.request("GET", "/compte/connexion/")
            started = time.perf_counter()
            try:
                status, _body, _loc = self.client.request(method, path, form=form, payload=payload)
            except Exception as exc:  # noqa: BLE001 — a failed connection is an error of the run
                status = f"{type(exc).__name__}"
            self.results.append((kind, status, (time.perf_counter() - started) * 1000))
            if self.args.think:
                time.sleep(self.rng.uniform(0, 2 * self.args.think))


budget_lock = threading.Lock()


def _env(db: str, database_url: str, sqlite_path: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "essaim.settings",
        "DEBUG": "false",
        "HTTPS": "false",
        "SECRET_KEY": "load-test-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(BENCH_DIR / "static"),
        "TWO_FACTOR_DEMO_EXEMPT": "true",  # staff demo accounts get API tokens without a second factor
        "ORIENTATION_CONTACT_RATE_LIMIT": "1000000",  # every simulated person shares 127.0.0.1
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if db == "postgres":
        env["DATABASE_URL"] = database_url
    else:
        env["SQLITE_PATH"] = str(sqlite_path)
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def prepare_database(db: str) -> tuple[dict, str]:
    name = f"essaim_load_{os.getpid()}"
    sqlite_path = BENCH_DIR / "load.sqlite3"
    url = f"{PG.rstrip('/')}/{name}"
    env = _env(db, url, sqlite_path)
    started = time.monotonic()
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(str(sqlite_path) + suffix).unlink(missing_ok=True)
        shutil.copy(base_database(), sqlite_path)
    else:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_territories")
    manage(env, "createcachetable")
    manage(env, "seed_demo")
    static = BENCH_DIR / "static" / "staticfiles.json"
    if not static.exists():
        manage(env, "collectstatic", "--no-input", "-v", "0")
    print(f"  base {db} prête en {time.monotonic() - started:.0f} s", flush=True)
    return env, name


def _pg_admin(*statements: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(PG)
    with psycopg.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username or "postgres", dbname="postgres",
        password=parts.password, autocommit=True,
    ) as conn:  # fmt: skip
        for statement in statements:
            conn.execute(statement)


def serve(env: dict, log: Path) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", "essaim.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
        "--worker-class", "gthread", "--workers", WORKERS, "--threads", THREADS, "--timeout", "60",
        "--error-logfile", str(log),
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            status, _b, _l = Client().request("GET", "/ping")
            if status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError(f"gunicorn n'a pas démarré : {log.read_text()[-2000:]}")


def slugs_of(env: dict) -> list[str]:
    client = Client()
    _status, body, _ = client.request("GET", "/orientation/resultats/?place=34172&stage=emergence")
    found = sorted(set(re.findall(rb'href="/orientation/contact/([\w-]+)/', body)))
    return [s.decode() for s in found] or ["alter-incub"]


def run(db: str, args) -> dict:
    print(
        f"\n=== {db} : {args.users} personnes, {args.duration} s, {args.writes:.0%} d'écritures", flush=True
    )
    env, name = prepare_database(db)
    log = BENCH_DIR / f"load-{db}.log"
    server = serve(env, log)
    try:
        args.slugs = slugs_of(env)
        stop, results, budget = threading.Event(), [], [MAX_REQUESTS]
        roles = ["visitor"] * (args.users * 4 // 10) + ["carrier"] * (args.users * 3 // 10)
        roles += ["staff"] * (args.users - len(roles))
        people = [Person(n, role, args, stop, results, budget) for n, role in enumerate(roles)]
        for person in people:
            person.prepare()
        started = time.monotonic()
        for person in people:
            person.start()
        time.sleep(args.duration)
        stop.set()
        for person in people:
            person.join(35)
        elapsed = time.monotonic() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
        if db == "postgres":
            _pg_admin(f'DROP DATABASE IF EXISTS "{name}"')
    locked = log.read_text(errors="replace").count("database is locked")
    # The machine is shared: its load says how much of the 2 cores the server had.
    print(f"  charge de la machine (1 min) à la fin : {os.getloadavg()[0]:.1f}", flush=True)
    return report(db, results, elapsed, locked)


def _pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * q) - 1)]


def report(db: str, results: list, elapsed: float, locked: int) -> dict:
    errors = [r for r in results if not isinstance(r[1], int) or r[1] >= 400]
    writes = [r for r in results if r[0].startswith("écriture")]
    latencies = [r[2] for r in results]
    print(
        f"{db} : {len(results)} requêtes en {elapsed:.0f} s = {len(results) / elapsed:.0f} req/s, "
        f"dont {len(writes)} écritures ({len(writes) / max(1, len(results)):.1%}) ; "
        f"p50 {statistics.median(latencies):.0f} ms, p95 {_pct(latencies, 0.95):.0f} ms ; "
        f"erreurs {len(errors)} ; « database is locked » {locked}",
        flush=True,
    )
    by_kind = defaultdict(list)
    for kind, _status, ms in results:
        by_kind[kind].append(ms)
    for kind, values in sorted(by_kind.items()):
        print(
            f"  {kind:<34} n={len(values):>6}  p50 {statistics.median(values):>6.0f} ms  p95 {_pct(values, 0.95):>6.0f} ms"
        )
    if errors:
        print(
            "  erreurs : "
            + ", ".join(
                f"{k} {s} × {n}" for (k, s), n in Counter((e[0], e[1]) for e in errors).most_common(8)
            )
        )
    return {"db": db, "requests": len(results), "errors": len(errors), "locked": locked}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--writes", type=float, default=0.10)
    parser.add_argument("--think", type=float, default=0.1, help="Average pause between two requests (s).")
    args = parser.parse_args()
    if not (1 <= args.users <= MAX_USERS and 1 <= args.duration <= MAX_SECONDS and 0 <= args.writes <= 1):
        parser.error(f"bornes : 1–{MAX_USERS} personnes, 1–{MAX_SECONDS} s, écritures entre 0 et 1")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    outcomes = [run(db, args) for db in (["sqlite", "postgres"] if args.db == "both" else [args.db])]
    return 1 if any(o["errors"] or o["locked"] for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
