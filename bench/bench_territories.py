"""load_territories on an empty database: wall time and peak memory (whole process), then a re-run."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = ROOT / "var" / "bench" / "territories.sqlite3"


def run(args: list[str], env: dict) -> tuple[str, float, int]:
    result = subprocess.run(
        ["/usr/bin/time", "-f", "TIME %e RSS %M", sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    match = re.search(r"TIME ([\d.]+) RSS (\d+)", result.stderr)
    return result.stdout, float(match.group(1)), int(match.group(2))


def main() -> None:
    DB.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(DB) + suffix).unlink(missing_ok=True)
    env = {**os.environ, "SQLITE_PATH": str(DB), "DJANGO_SETTINGS_MODULE": "essaim.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    _out, seconds, rss = run(["load_territories"], env)
    print(
        f"load_territories (base vide) : {seconds:.1f} s, mémoire de pointe {rss / 1024:.0f} Mo "
        f"(objectifs : < 15 s, < 500 Mo : {'OK' if seconds < 15 and rss < 500 * 1024 else 'NON ATTEINT'})"
    )
    out, seconds, rss = run(["load_territories"], env)
    print(
        f"load_territories (second passage) : {seconds:.1f} s, mémoire de pointe {rss / 1024:.0f} Mo — "
        f"{out.strip().splitlines()[-1]}"
    )


if __name__ == "__main__":
    main()
