"""`manage.py backup`: a consistent copy of the database while the site runs (docs/deployment.md)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from essaim.core import backup


class Command(BaseCommand):
    help = (
        "Sauvegarde la base (SQLite : API de sauvegarde en ligne ; PostgreSQL : pg_dump) avec un "
        "manifeste (SHA-256, lignes par table), sans arrêter le site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Fichier de sauvegarde (défaut : BACKUP_DIR/essaim-<date>.*).")
        parser.add_argument("--database", default="default", help="Alias de la base (défaut : default).")
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="Ne garder que les N sauvegardes les plus récentes de BACKUP_DIR.",
        )

    def handle(self, *args, **options):
        db = settings.DATABASES.get(options["database"])
        if db is None:
            raise CommandError(f"Base inconnue : {options['database']}.")
        try:
            vendor = backup.vendor_of(db)
            directory = Path(settings.BACKUP_DIR)
            target = Path(options["output"]) if options["output"] else directory / backup.default_name(vendor)
            manifest = backup.backup(db, target)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest.tables.values())
        self.stdout.write(
            f"Sauvegarde {vendor} écrite : {target} ({manifest.size / 1e6:.1f} Mo, {len(manifest.tables)} tables, "
            f"{rows} lignes, {manifest.seconds:.1f} s)\nSHA-256 {manifest.sha256}"
        )
        if options["keep"] > 0:
            for old in backup.prune(directory, keep=options["keep"]):
                self.stdout.write(f"Ancienne sauvegarde supprimée : {old}")
