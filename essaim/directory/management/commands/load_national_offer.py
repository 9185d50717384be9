import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from essaim.directory.national_offer import DATA_FILE, NationalOfferError, national_offer_load


class Command(BaseCommand):
    help = (
        "Charge ou met à jour l'offre nationale : France services, chambres consulaires, France Travail, "
        "missions locales, greffes, Apec, services data·inclusion et tiers-lieux (données ouvertes réelles)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DATA_FILE, help="fichier national_offer.json.gz")
        parser.add_argument(
            "--dry-run", action="store_true", help="montre ce qui changerait, sans rien enregistrer"
        )

    def handle(self, *args, file: Path, dry_run: bool, verbosity: int = 1, **options):
        start = time.perf_counter()
        say = (lambda m: self.stdout.write(f"  {m}")) if verbosity else (lambda _m: None)
        try:
            report = national_offer_load(path=file, dry_run=dry_run, progress=say)
        except NationalOfferError as exc:
            raise CommandError(f"{exc} Base de données inchangée.") from exc
        if report.changed and not dry_run:
            # The orientation index of every process sharing the cache is rebuilt on its next read.
            from essaim.orientation.index import bump_version

            bump_version()
        if verbosity == 0:
            return
        for line in report.lines():
            say(line)
        elapsed = time.perf_counter() - start
        prefix = "Simulation (rien n'est enregistré) — " if dry_run else ""
        if report.changed:
            message = f"{prefix}Offre nationale chargée ({elapsed:.1f} s)."
        else:
            message = f"{prefix}Offre nationale déjà à jour : aucun changement ({elapsed:.1f} s)."
        self.stdout.write(self.style.SUCCESS(message))
