import time

from django.core.management.base import BaseCommand, CommandError

from essaim.core.actors import IMPORT
from essaim.core.errors import ValidationError
from essaim.directory.services import study_load


class Command(BaseCommand):
    help = (
        "Charge ou met à jour les 14 dispositifs de l'étude CHORUM / CIDES – ODYSSEM, "
        "leurs organisations et les trois écosystèmes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="montre ce qui changerait, sans rien enregistrer"
        )

    def handle(self, *args, dry_run: bool, verbosity: int = 1, **options):
        start = time.perf_counter()
        try:
            report = study_load(dry_run=dry_run, by=IMPORT)
        except ValidationError as exc:
            raise CommandError(f"{' '.join(exc.messages)} Base de données inchangée.") from exc
        if verbosity == 0:
            return
        for line in report.lines():
            self.stdout.write(f"  {line}")
        elapsed = time.perf_counter() - start
        prefix = "Simulation (rien n'est enregistré) — " if dry_run else ""
        message = f"{prefix}Étude chargée : {report.summary()} ({elapsed:.1f} s)."
        if not report.changed:
            message = f"{prefix}Étude déjà à jour : {report.summary()} ({elapsed:.1f} s)."
        self.stdout.write(self.style.SUCCESS(message))
