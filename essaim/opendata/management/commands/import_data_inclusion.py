"""manage.py import_data_inclusion FILE [FILE …] [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError

from essaim.opendata.importer import ImportFileError, import_records, read_records


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
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        report = import_records(records, dry_run=dry_run)
        for line in report.lines:
            self.stdout.write(str(line))
        self.stdout.write(self.style.SUCCESS(report.summary()))
