"""Throughput of served endpoints under concurrent load, against a minimal Django view.

The production app server (gunicorn, sync workers, one per core) serves a SQLite database with
10,000 synthetic programmes; `wrk` (Debian package) loads it from 127.0.0.1 only, bounded in
time. Each endpoint is hit with thousands of distinct URLs (communes of every département,
varied stages and needs) so that no cache answers. The baseline is `/ping`, a view that
returns "ok" through the same middleware stack, in the same run.
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

from _common import ROOT, setup

PORT = int(os.environ.get("BENCH_PORT", "8765"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
WORKERS = os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2))


def wrk(paths: list[str]) -> float:
    """Requests per second for a rotation over `paths`."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        quoted = ",".join('"' + p.replace('"', '\\"') + '"' for p in paths)
        script.write(
            f"local paths = {{{quoted}}}\nlocal i = 0\n"
            "request = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n"
        )
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{DURATION}",
            "--timeout",
            "10s",
            "-s",
            script.name,
            f"http://127.0.0.1:{PORT}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        print(f"  ATTENTION : {non2xx.group(1)} réponses non-2xx", flush=True)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def main() -> None:
    if not shutil.which("wrk"):
        print("wrk introuvable (apt-get install wrk) : mesure servie ignorée.")
        return
    db = setup("served")
    from django.core.management import call_command

    from essaim.directory.enums import LifeStage, Need
    from essaim.territories.models import Commune

    call_command("generate_synthetic", programmes=10000, seed=42, verbosity=0)
    static_root = ROOT / "var" / "bench" / "static"
    env = {**os.environ, "SQLITE_PATH": str(db), "DEBUG": "false", "STATIC_ROOT": str(static_root)}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
    )

    rng = random.Random(3)
    communes = list(Commune.objects.values_list("code", flat=True))
    rng.shuffle(communes)
    stages = LifeStage.values
    needs = Need.values
    endpoints = {
        "API orientation": [
            f"/api/v1/orientation?place=commune:{c}&stage={rng.choice(stages)}&need={rng.choice(needs)}"
            for c in communes[:3000]
        ],
        "API annuaire": [
            f"/api/v1/programmes?territory=commune:{c}&stage={rng.choice(stages)}" for c in communes[:3000]
        ],
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "essaim.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            WORKERS,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/ping", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        for paths in endpoints.values():  # warm every worker's caches and indexes
            for p in paths[:50]:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}{p}", timeout=30).read()
        baseline = wrk(["/ping"])
        print(
            f"vue Django minimale (/ping) : {baseline:.0f} req/s ({WORKERS} workers gunicorn, {CONNECTIONS} connexions, {DURATION})"
        )
        for label, paths in endpoints.items():
            rps = wrk(paths)
            ratio = rps / baseline
            print(
                f"{label} : {rps:.0f} req/s — ratio {ratio:.0%} de la vue minimale"
                + (
                    "  (objectif ≥ 50 % : " + ("OK" if ratio >= 0.5 else "NON ATTEINT") + ")"
                    if "orientation" in label
                    else ""
                ),
                flush=True,
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
