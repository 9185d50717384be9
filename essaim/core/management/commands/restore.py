"""`manage.py restore <file>`: check a backup, then (with --apply) restore it and check again."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from essaim.core import backup


class Command(BaseCommand):
    help = (
        "Vérifie une sauvegarde (manifeste, SHA-256, intégrité) et, avec --apply, la restaure puis "
        "recompte les lignes de chaque table. Arrêtez les serveurs et le worker avant --apply."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Fichier de sauvegarde (son manifeste <fichier>.json à côté).")
        parser.add_argument("--database", default="default", help="Alias de la base (défaut : default).")
        parser.add_argument("--apply", action="store_true", help="Restaurer (sans : vérification seule).")
        parser.add_argument(
            "--no-safety-backup",
            action="store_true",
            help="Ne pas sauvegarder la base actuelle avant de la remplacer.",
        )

    def handle(self, *args, **options):
        db = settings.DATABASES.get(options["database"])
        if db is None:
            raise CommandError(f"Base inconnue : {options['database']}.")
        path = Path(options["path"])
        try:
            manifest = backup.verify(db, path)
            self.stdout.write(
                f"Sauvegarde vérifiée : {path} ({manifest.vendor}, {manifest.created_at}, "
                f"{len(manifest.tables)} tables, {sum(manifest.tables.values())} lignes, SHA-256 conforme)."
            )
            if not options["apply"]:
                self._preview(db, manifest)
                return
            if not options["no_safety_backup"] and backup.current_tables(db):
                safety = Path(settings.BACKUP_DIR) / (
                    "avant-restauration-" + backup.default_name(manifest.vendor)
                )
                backup.backup(db, safety)
                self.stdout.write(f"Base actuelle sauvegardée d'abord : {safety}")
            counts = backup.restore(db, path)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restauration terminée et contrôlée : {len(counts)} tables, {sum(counts.values())} lignes, "
            "identiques au manifeste. Lancez `manage.py migrate` si le code est plus récent que la sauvegarde."
        )

    def _preview(self, db, manifest) -> None:
        current = backup.current_tables(db)
        changed = sorted(
            t for t in set(current) | set(manifest.tables) if current.get(t) != manifest.tables.get(t)
        )
        self.stdout.write(
            f"Essai à blanc : {len(changed)} table(s) changeraient. Relancez avec --apply pour restaurer."
        )
        for table in changed[:30]:
            self.stdout.write(f"  {table} : {current.get(table, 0)} → {manifest.tables.get(table, 0)} lignes")
