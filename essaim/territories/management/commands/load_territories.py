import time
import tracemalloc
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from essaim.territories.services import DATA_FILE, TerritoryDataError, load_territories


class Command(BaseCommand):
    help = "Charge ou met à jour les territoires (régions, départements, EPCI, communes, codes postaux)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DATA_FILE, help="fichier territories.json.gz")
        parser.add_argument("--measure", action="store_true", help="affiche la mémoire de pointe (Python)")

    def handle(self, *args, file: Path, measure: bool, **options):
        start = time.perf_counter()
        if measure:
            tracemalloc.start()
        try:
            report = load_territories(path=file, progress=lambda m: self.stdout.write(f"  {m}"))
        except TerritoryDataError as exc:
            raise CommandError(f"{exc} Base de données inchangée.") from exc
        for line in report.lines():
            self.stdout.write(f"  {line}")
        elapsed = time.perf_counter() - start
        if report.changed:
            self.stdout.write(self.style.SUCCESS(f"Territoires chargés en {elapsed:.1f} s."))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Territoires déjà à jour : aucun changement ({elapsed:.1f} s).")
            )
        if measure:
            _current, peak = tracemalloc.get_traced_memory()
            self.stdout.write(f"Mémoire Python de pointe : {peak / 1e6:.0f} Mo")
