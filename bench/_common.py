"""Shared set-up for the benchmark scripts: a throw-away SQLite database with the territories.

A prepared base database (migrated + all territories) is cached in var/bench/ and copied for
each benchmark so that scripts start in a second. Every script prints its own figures.
"""

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
sys.path.insert(0, str(ROOT))
# Benchmarks run with DEBUG off, like production, which refuses an empty key: a throw-away one.
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "k" * 40)


def base_database() -> Path:
    """Migrated SQLite database holding every territory, rebuilt when migrations change."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    stamp = str(sorted((p.name, p.stat().st_mtime_ns) for p in ROOT.glob("essaim/*/migrations/0*.py")))
    stamp += str((ROOT / "essaim/territories/data/territories.json.gz").stat().st_mtime_ns)
    base = BENCH_DIR / "base.sqlite3"
    stamp_file = BENCH_DIR / "base.stamp"
    if base.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return base
    base.unlink(missing_ok=True)
    env = {**os.environ, "SQLITE_PATH": str(base), "DJANGO_SETTINGS_MODULE": "essaim.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [sys.executable, "manage.py", "load_territories"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    stamp_file.write_text(stamp)
    return base


def setup(name: str) -> Path:
    """Copy the base database to var/bench/<name>.sqlite3 and set up Django on it."""
    db = BENCH_DIR / f"{name}.sqlite3"
    base = base_database()
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    shutil.copy(base, db)
    os.environ["SQLITE_PATH"] = str(db)
    os.environ["DJANGO_SETTINGS_MODULE"] = "essaim.settings"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    return db


def measure(fn, inputs, *, warmup: int = 20) -> list[float]:
    """Milliseconds per call of fn(x) for every x of inputs (after a few warm-up calls)."""
    for x in inputs[:warmup]:
        fn(x)
    timings = []
    for x in inputs:
        start = time.perf_counter()
        fn(x)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def measure_cpu(fn, inputs, *, warmup: int = 20) -> list[float]:
    """CPU milliseconds of this thread per call (SQLite runs in the thread, so its work counts):
    unlike wall time, not inflated when other processes share the cores."""
    for x in inputs[:warmup]:
        fn(x)
    timings = []
    for x in inputs:
        start = time.thread_time()
        fn(x)
        timings.append((time.thread_time() - start) * 1000)
    return timings


def summary(label: str, timings: list[float], goal_ms: float | None = None) -> str:
    ordered = sorted(timings)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    line = f"{label}: n={len(timings)} median={statistics.median(ordered):.2f} ms p95={p95:.2f} ms max={ordered[-1]:.2f} ms"
    if goal_ms is not None:
        line += f"  (objectif p95 ≤ {goal_ms} ms : {'OK' if p95 <= goal_ms else 'NON ATTEINT'})"
    print(line, flush=True)
    return line


def timed(fn, repeat: int) -> list[float]:
    """Milliseconds of `repeat` calls of fn() after one warm-up call (caches, first compilation
    of queries, the orientation index)."""
    fn()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def median_line(label: str, timings: list[float], goal_ms: float) -> None:
    """Print median and max of timings against a goal on the median."""
    median, worst = statistics.median(timings), max(timings)
    verdict = "OK" if median <= goal_ms else "NON ATTEINT"
    print(
        f"{label}: n={len(timings)} median={median:.0f} ms max={worst:.0f} ms  (objectif ≤ {goal_ms:.0f} ms : {verdict})",
        flush=True,
    )
