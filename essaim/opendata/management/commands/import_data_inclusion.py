"""manage.py import_data_inclusion FILE [FILE …] [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError

from essaim.core.actors import IMPORT
from essaim.core.errors import ValidationError
from essaim.opendata.importer import import_records, read_records


class Command(BaseCommand):
    help = (
        "Importe des structures et services data·inclusion (JSON) qui concernent la création "
        "d'entreprise. Atomique et idempotent ; chaque enregistrement est rapporté."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="+", help="fichiers JSON (liste, {items} ou {structures, services})"
        )
        parser.add_argument("--dry-run", action="store_true", help="simule sans rien enregistrer")

    def handle(self, *args, files: list[str], dry_run: bool, **options):
        try:
            records = read_records(files)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        report = import_records(records=records, dry_run=dry_run, by=IMPORT)
        for line in report.lines:
            self.stdout.write(str(line))
        self.stdout.write(self.style.SUCCESS(report.summary()))
