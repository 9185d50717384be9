"""Registry benchmarks (issue 12 §4): import of a 1,000,000-row StockEtablissementHistorique file
in INSEE's layout (generated here, zipped) in ≤ 60 s with ≤ 300 MB peak memory, and the baseline
survival of a département from it in ≤ 1 s.

The files are generated once in var/bench/registry/ (seeded: the same every run): 400,000
establishments, 250,000 of them in the Rhône (69), the rest in Paris (75, filtered out by the
import), with 2.5 periods each on average. The imports run each in a child process, whose peak
resident memory is read from the kernel (wait4's ru_maxrss), Django and the database included.

Usage: `python bench/bench_registry.py` (or `make bench`).
"""

import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common  # noqa: E402

ESTABLISHMENTS = 400_000
IN_RHONE = 250_000
PERIODS = 1_000_000
AS_OF = dt.date(2026, 11, 5)
FILES = _common.BENCH_DIR / "registry"
COMMUNES_69 = ["69123", "69384", "69381", "69266", "69259", "69029", "69202", "69290"]


def _siret(n: int) -> str:
    # Shape only: the importer checks 14 digits, not the Luhn key.
    return f"{800000000 + n:09d}{n % 99999:05d}"


def _periods_of(rng: random.Random, created: dt.date, count: int):
    """`count` periods from the creation date, the last one open; some end closed."""
    span = (AS_OF - created).days
    days = sorted(rng.sample(range(30, span), min(count - 1, span - 30)))
    starts = [created] + [created + dt.timedelta(days=d) for d in days]
    closed_from = len(starts) - 1 if rng.random() < 0.45 else None
    rows = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - dt.timedelta(days=1) if i + 1 < len(starts) else None
        state = "F" if closed_from is not None and i >= closed_from else "A"
        rows.append((start, end, state))
    return rows


def generate() -> tuple[Path, Path]:
    from essaim.registry.enums import StockKind
    from essaim.registry.formats import write_stock

    FILES.mkdir(parents=True, exist_ok=True)
    stock_path, history_path = (
        FILES / "StockEtablissement_utf8.zip",
        FILES / "StockEtablissementHistorique_utf8.zip",
    )
    if stock_path.exists() and history_path.exists():
        return stock_path, history_path
    rng = random.Random(12)
    counts = [2] * ESTABLISHMENTS
    for _ in range(PERIODS - 2 * ESTABLISHMENTS):  # 2.5 periods on average
        counts[rng.randrange(ESTABLISHMENTS)] += 1
    created = [dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(7300)) for _ in range(ESTABLISHMENTS)]
    plans = [_periods_of(rng, created[n], counts[n]) for n in range(ESTABLISHMENTS)]

    def establishments():
        for n in range(ESTABLISHMENTS):
            siret = _siret(n)
            commune = COMMUNES_69[n % len(COMMUNES_69)] if n < IN_RHONE else "75056"
            last = plans[n][-1]
            yield {
                "siren": siret[:9],
                "nic": siret[9:],
                "siret": siret,
                "statutDiffusionEtablissement": "O",
                "dateCreationEtablissement": created[n].isoformat(),
                "codeCommuneEtablissement": commune,
                "libelleCommuneEtablissement": "LYON" if n < IN_RHONE else "PARIS",
                "dateDebut": last[0].isoformat(),
                "etatAdministratifEtablissement": last[2],
                "activitePrincipaleEtablissement": "62.01Z",
                "nomenclatureActivitePrincipaleEtablissement": "NAFRev2",
            }

    def history():
        for n in range(ESTABLISHMENTS):
            siret = _siret(n)
            previous = None
            for start, end, state in plans[n]:
                yield {
                    "siret": siret,
                    "dateFin": end.isoformat() if end else "",
                    "dateDebut": start.isoformat(),
                    "etatAdministratifEtablissement": state,
                    "changementEtatAdministratifEtablissement": str(previous != state).lower(),
                    "activitePrincipaleEtablissement": "62.01Z",
                    "nomenclatureActivitePrincipaleEtablissement": "NAFRev2",
                    "changementActivitePrincipaleEtablissement": "false",
                    "caractereEmployeurEtablissement": "N",
                    "changementCaractereEmployeurEtablissement": "false",
                }
                previous = state

    write_stock(stock_path, StockKind.ETABLISSEMENT, establishments())
    write_stock(history_path, StockKind.HISTORIQUE, history())
    return stock_path, history_path


def run_child(kind: str, path: Path, db: Path) -> tuple[float, int, int, float]:
    env = {
        **os.environ,
        "SQLITE_PATH": str(db),
        "DJANGO_SETTINGS_MODULE": "essaim.settings",
        "REGISTRY_BENCH_CHILD": "1",
    }
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", kind, str(path)], env=env, stdout=subprocess.PIPE, text=True
    )
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"import of {kind} failed")
    seconds, rows, kept = out.split()[-3:]
    return float(seconds), int(rows), int(kept), usage.ru_maxrss / 1024


def main() -> None:
    # A base database of its own: other benchmarks may be rebuilding the shared one meanwhile.
    _common.BENCH_DIR = FILES
    db = _common.setup("registry")
    start = time.perf_counter()
    stock_path, history_path = generate()
    print(
        f"fichiers générés en {time.perf_counter() - start:.1f} s : {stock_path.stat().st_size / 1e6:.1f} Mo + {history_path.stat().st_size / 1e6:.1f} Mo (zip)"
    )
    seconds, rows, kept, peak = run_child("etablissement", stock_path, db)
    print(
        f"StockEtablissement : {rows} lignes, {kept} retenues (Rhône) en {seconds:.1f} s, pic mémoire {peak:.0f} Mo"
    )
    seconds, rows, kept, peak = run_child("historique", history_path, db)
    ok = "OK" if seconds <= 60 and peak <= 300 else "NON ATTEINT"
    print(
        f"StockEtablissementHistorique : {rows} lignes, {kept} retenues en {seconds:.1f} s, "
        f"pic mémoire {peak:.0f} Mo  (objectif ≤ 60 s et ≤ 300 Mo : {ok})"
    )
    from essaim.registry import survival

    timings = []
    for _ in range(5):
        begin = time.perf_counter()
        curve = survival.baseline(level="departement", code="69", start_year=2005, end_year=2024)
        timings.append(time.perf_counter() - begin)
    five = curve.five_year
    print(
        f"survie de référence du Rhône (créations 2005-2024, n={curve.n}) : médiane {statistics.median(timings) * 1000:.0f} ms, "
        f"max {max(timings) * 1000:.0f} ms ; à 5 ans {five.estimate:.1%}  (objectif ≤ 1 s : "
        f"{'OK' if max(timings) <= 1 else 'NON ATTEINT'})"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        os.environ.pop("DATABASE_URL", None)
        import django

        django.setup()
        from essaim.registry import stock

        begin = time.perf_counter()
        result = stock.import_stock(
            sys.argv[3], kind=sys.argv[2], as_of=AS_OF, territories=["departement:69"]
        )
        print(f"{time.perf_counter() - begin:.2f} {result.rows_done} {result.rows_kept}", flush=True)
    else:
        main()
