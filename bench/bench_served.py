"""Served throughput of the public endpoints, as a ratio to a bare Django view (issue 15).

Method (the same for every endpoint, in one run):
- app server: gunicorn `gthread`, 1 worker × 4 threads, pinned to core 0 (`taskset -c 0`);
- load: `wrk`, 1 thread, 16 connections, 10 s, pinned to core 1, on 127.0.0.1 only;
- baseline: `bench/bare/`, a minimal Django project with one JSON view and Django's default
  middleware (security, sessions, common, CSRF, auth, messages, clickjacking), served the same way;
- data: SQLite with 10,000 synthetic programmes (`generate_synthetic --programmes 10000 --seed 1`),
  `DEBUG=false`, static files collected;
- inputs: 5,000 distinct communes of every département × the four stages, shuffled: no URL is
  requested twice in a row and no per-URL cache exists in the project.
- warm-up: before measuring, each endpoint is loaded for BENCH_WARM_UP (10 s) with 5,000 *other*
  communes × the four stages, so that the memos kept per programme (cards, links, doors) are
  filled as in a server that has been running, without any measured URL having been asked.
Environment: BENCH_DURATION (10s), BENCH_WARM_UP (10s), BENCH_CONNECTIONS (16), BENCH_PORT (8765),
BENCH_ONLY (labels).

`--in-process [N]`: no server, no wrk; N requests per endpoint to warm up, then N others (default 2,000) through
Django's test client (the whole middleware stack), CPU time per request (`time.process_time`,
not moved by the other work on the machine), and with `--profile` the top of cProfile for each.
"""

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _common import BENCH_DIR, ROOT, setup

HERE = Path(__file__).resolve().parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
WARM_UP = os.environ.get("BENCH_WARM_UP", "10s")  # per endpoint, on other communes
GOALS = {
    "API orientation": 0.50,
    "page de résultats d'orientation": 0.25,
    "API annuaire (programmes)": 0.25,
    "page annuaire": 0.20,
}


def ensure_wrk() -> bool:
    if shutil.which("wrk"):
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], capture_output=True)
        if not shutil.which("wrk"):
            subprocess.run(["apt-get", "update", "-q"], capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], capture_output=True)
    return bool(shutil.which("wrk"))


def wrk(paths: list[str], duration: str = DURATION) -> tuple[float, int]:
    """(requests per second, non-2xx count) for a rotation over `paths`."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        quoted = ",".join('"' + p.replace('"', '\\"') + '"' for p in paths)
        script.write(
            f"local paths = {{{quoted}}}\nlocal i = 0\n"
            "request = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n"
        )
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{duration}", "--timeout", "10s", "-s", script.name]
    if shutil.which("taskset") and (os.cpu_count() or 1) > 1:
        command = ["taskset", "-c", "1", *command]
    out = subprocess.run(
        [*command, f"http://127.0.0.1:{PORT}"], capture_output=True, text=True, check=True
    ).stdout
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), int(non2xx.group(1)) if non2xx else 0


def gunicorn(app: str, cwd: Path, env: dict) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{PORT}",
        "--worker-class", "gthread", "--workers", "1", "--threads", "4", "--log-level", "warning",
    ]  # fmt: skip
    if shutil.which("taskset") and (os.cpu_count() or 1) > 1:
        command = ["taskset", "-c", "0", *command]
    server = subprocess.Popen(command, cwd=cwd, env=env)
    return server


def wait_ready(path: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server not ready on {path}")


def stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)


def endpoints(warm_up: bool = False) -> dict[str, list[str]]:
    """The measured URLs: 5,000 communes × 4 stages. With `warm_up`, the same endpoints for
    5,000 *other* communes: requested before measuring, they fill the per-programme memos (cards,
    links, doors) without ever asking a measured URL."""
    from essaim.directory.enums import LifeStage
    from essaim.territories.models import Commune

    rng = random.Random(15)
    by_dep: dict[str, list[str]] = {}
    for code, dep in Commune.objects.order_by("code").values_list("code", "departement_id"):
        by_dep.setdefault(dep, []).append(code)
    communes: list[str] = []
    while len(communes) < 10000 and any(by_dep.values()):  # round-robin: every département
        for codes in by_dep.values():
            if codes:
                communes.append(codes.pop(rng.randrange(len(codes))))
    communes = communes[5000:10000] if warm_up else communes[:5000]
    pairs = [(c, s) for c in communes for s in LifeStage.values]
    rng.shuffle(pairs)
    return {
        "API orientation": [f"/api/v1/orientation?place=commune:{c}&stage={s}" for c, s in pairs],
        "page de résultats d'orientation": [
            f"/orientation/resultats/?place=commune:{c}&stage={s}" for c, s in pairs
        ],
        "API annuaire (programmes)": [
            f"/api/v1/programmes?territory=commune:{c}&stage={s}" for c, s in pairs
        ],
        "page annuaire": [f"/annuaire/?territory=commune:{c}&stage={s}" for c, s in pairs],
    }


def environment(db: Path) -> dict:
    return {
        **os.environ,
        "SQLITE_PATH": str(db),
        "DEBUG": "false",
        "STATIC_ROOT": str(ROOT / "var" / "bench" / "static"),
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-served-" + "x" * 40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    }


def prepare() -> Path:
    """The database with 10,000 synthetic programmes, static files collected. BENCH_DATABASE:
    a database already prepared so (a copy of var/bench/served.sqlite3), used as it is."""
    given = os.environ.get("BENCH_DATABASE")
    os.environ.update(
        environment(Path(given) if given else BENCH_DIR / "served.sqlite3")
    )  # read by the settings
    if given:
        import django

        os.environ["DJANGO_SETTINGS_MODULE"] = "essaim.settings"
        os.environ.pop("DATABASE_URL", None)
        django.setup()
        db = Path(given)
    else:
        db = setup("served")
        from django.core.management import call_command

        call_command("generate_synthetic", programmes=10000, seed=1, verbosity=0)
    env = environment(db)
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    return db


def in_process(count: int, profile: bool) -> int:
    """CPU time per request of each endpoint, in this process (see the module docstring)."""
    import cProfile
    import pstats

    prepare()
    from django.test import Client

    client = Client()
    rows = [("/ping (middleware du projet)", ["/ping"] * 2 * count)]
    rows += list(endpoints().items())
    for label, every in rows:
        paths = every[count : 2 * count]
        for p in every[:count]:  # build the indexes, warm the memos (other URLs than those measured)
            assert client.get(p).status_code == 200, p
        profiler = cProfile.Profile() if profile else None
        start = time.process_time()
        if profiler:
            profiler.enable()
        for p in paths:
            client.get(p)
        if profiler:
            profiler.disable()
        cpu = (time.process_time() - start) / len(paths) * 1e6
        print(f"{label} : {cpu:.0f} µs CPU par requête ({len(paths)} requêtes)", flush=True)
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
    return 0


def main() -> int:
    if "--in-process" in sys.argv:
        rest = [a for a in sys.argv[sys.argv.index("--in-process") + 1 :] if a.isdigit()]
        return in_process(int(rest[0]) if rest else 2000, "--profile" in sys.argv)
    if not ensure_wrk():
        print("wrk introuvable (apt-get install wrk) : mesure servie impossible.")
        return 1
    db = prepare()
    env = environment(db)
    env.pop("DATABASE_URL", None)
    targets = endpoints()
    only = {s.strip() for s in os.environ.get("BENCH_ONLY", "").split(",") if s.strip()}
    print(
        f"gunicorn gthread 1×4 (cœur 0), wrk 1 fil {CONNECTIONS} connexions {DURATION} (cœur 1)", flush=True
    )

    def bare_rate() -> float:
        bare = gunicorn("bare.wsgi:application", HERE, {**env, "DJANGO_SETTINGS_MODULE": "bare.settings"})
        try:
            wait_ready("/hello")
            return wrk(["/hello"])[0]
        finally:
            stop(bare)

    # The machine is shared: the bare view is measured before and after the project, and the
    # ratios use the mean, so that a change of load during the run does not bias them one way.
    before = bare_rate()
    print(f"vue Django nue (bench/bare), avant : {before:.0f} req/s", flush=True)
    server = gunicorn("essaim.wsgi:application", ROOT, env)
    failures = 0
    try:
        wait_ready("/ping")
        for paths in targets.values():  # build the indexes
            for p in paths[:5]:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}{p}", timeout=60).read()
        for label, paths in endpoints(warm_up=True).items():  # fill the memos, other communes
            if not only or label in only:
                wrk(paths, duration=WARM_UP)
        rows = [("/ping (middleware du projet)", ["/ping"])] + list(targets.items())
        measured = []
        for label, paths in rows:
            if only and label not in only and not label.startswith("/ping"):
                continue
            rps, errors = wrk(paths)
            print(f"{label} : {rps:.0f} req/s", flush=True)
            measured.append((label, rps, errors))
            failures += bool(errors)
    finally:
        stop(server)
    after = bare_rate()
    baseline = (before + after) / 2
    print(f"vue Django nue (bench/bare), après : {after:.0f} req/s — moyenne {baseline:.0f} req/s, ratio 1")
    for label, rps, errors in measured:
        ratio = rps / baseline
        goal = GOALS.get(label)
        verdict = f"  (objectif ≥ {goal:.2f} : {'OK' if ratio >= goal else 'NON ATTEINT'})" if goal else ""
        warn = f"  ATTENTION : {errors} réponses non-2xx" if errors else ""
        print(f"{label} : {rps:.0f} req/s — ratio {ratio:.2f}{verdict}{warn}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
