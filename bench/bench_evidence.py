"""Evidence reports on 200,000 synthetic projects over every département, SQLite.

Figures: a région's report (survival + funnel + jobs + leverage, all of `evidence.selectors.report`)
— goal ≤ 500 ms; the national report — goal ≤ 2 s; the région's PDF (figures + WeasyPrint) —
goal ≤ 5 s; and the région's report page through Django's test client.

The generated database (2,000 synthetic programmes, then `generate_synthetic --projects 200000`)
is cached in var/bench/evidence-data.sqlite3 and rebuilt when migrations or generators change.
Set BENCH_PROJECTS to try another size.
"""

import os
import shutil
import sys
import time
from pathlib import Path

from _common import BENCH_DIR, ROOT, base_database, median_line, timed

PROJECTS = int(os.environ.get("BENCH_PROJECTS", "200000"))
PROGRAMMES = 2000
REGIONS = ["76", "84", "11", "93", "75", "44", "32", "28", "53", "52", "24", "27", "94"]


def prepared_database() -> Path:
    base = base_database()
    sources = [
        ROOT / "essaim/demo/history.py",
        ROOT / "essaim/demo/evidence.py",
        ROOT / "essaim/evidence/facts.py",
    ]
    stamp = f"{PROJECTS}:{base.stat().st_mtime_ns}:" + ":".join(str(p.stat().st_mtime_ns) for p in sources)
    data = BENCH_DIR / f"evidence-data-{PROJECTS}.sqlite3"
    stamp_file = BENCH_DIR / f"evidence-data-{PROJECTS}.stamp"
    if data.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return data
    for suffix in ("", "-wal", "-shm"):
        Path(str(data) + suffix).unlink(missing_ok=True)
    shutil.copy(base, data)
    import subprocess

    env = {**os.environ, "SQLITE_PATH": str(data), "DJANGO_SETTINGS_MODULE": "essaim.settings"}
    env.pop("DATABASE_URL", None)
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "generate_synthetic",
            "--programmes",
            str(PROGRAMMES),
            "--projects",
            str(PROJECTS),
        ],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.db import connection; connection.cursor().execute('ANALYZE')",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    print(f"Base générée en {time.perf_counter() - start:.0f} s ({PROJECTS} projets).", flush=True)
    stamp_file.write_text(stamp)
    return data


def main() -> None:
    data = prepared_database()
    db = BENCH_DIR / "evidence.sqlite3"
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
    from django.test import Client

    from essaim.accounts.models import TerritoryScope, User
    from essaim.evidence.exports import to_pdf
    from essaim.evidence.models import ProjectFact
    from essaim.evidence.selectors import parse_scope, report

    print(
        f"Projets : {ProjectFact.objects.count()}, dont créés : {ProjectFact.objects.filter(created_on__isnull=False).count()}",
        flush=True,
    )
    regions = [parse_scope(f"territory:region:{code}") for code in REGIONS]
    national = parse_scope("territory:national:FR")
    index = iter(range(10**6))

    def region_report():
        return report(regions[next(index) % len(regions)], inside=False)

    median_line("Rapport d'une région (survie + parcours + emplois + levier)", timed(region_report, 26), 500)
    median_line("Rapport national", timed(lambda: report(national, inside=False), 5), 2000)
    figures = report(regions[0], inside=False)
    print(
        f"  Occitanie : {figures.projects} projets, {figures.created} créés, survie à 5 ans "
        f"{figures.curves[0].five_year.estimate:.1%}, levier {figures.leverage['ratio']}",
        flush=True,
    )
    median_line(
        "PDF d'une région (chiffres + WeasyPrint)",
        timed(lambda: to_pdf(report(regions[0], inside=False)), 3),
        5000,
    )
    median_line("PDF national", timed(lambda: to_pdf(report(national, inside=False)), 2), 5000)
    viewer, _created = User.objects.get_or_create(email="bench-occitanie@example.org")
    TerritoryScope.objects.get_or_create(user=viewer, level="region", code="76")
    client = Client()
    client.force_login(viewer)
    median_line(
        "Page du rapport d'Occitanie (requête complète)",
        timed(lambda: client.get("/rapports/territoire/region/76/"), 10),
        500,
    )


if __name__ == "__main__":
    main()
