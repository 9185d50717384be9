"""`manage.py purge`: apply the retention policy (settings.RETENTION_DAYS). Dry run by default."""

from django.core.management.base import BaseCommand, CommandError

from essaim.core import retention
from essaim.core.tasks import purge_expired_data


class Command(BaseCommand):
    help = (
        "Supprime ce que la politique de conservation (RETENTION_DAYS) ne garde plus : sessions, "
        "résultats de tâches, demandes de contact, journal d'activité, fichiers de rapport, comptes de "
        "porteurs inactifs. Essai à blanc par défaut ; --apply pour supprimer ; --enqueue pour confier "
        "la purge au worker (à lancer chaque jour, comme send_reminders)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="Supprimer (sans : affiche ce qui le serait)."
        )
        parser.add_argument("--enqueue", action="store_true", help="Mettre la purge en file pour le worker.")
        parser.add_argument(
            "--only",
            action="append",
            choices=sorted(retention.REGISTRY),
            help="Ne traiter que ce type (répétable).",
        )

    def handle(self, *args, **options):
        if options["enqueue"]:
            if options["apply"] or options["only"]:
                raise CommandError("--enqueue applique toute la politique : sans --apply ni --only.")
            result = purge_expired_data.enqueue()
            self.stdout.write(f"Purge mise en file pour le worker ({result.id}).")
            return
        kinds = options["only"]
        lines = retention.plan(kinds=kinds)
        done = retention.purge(kinds=kinds) if options["apply"] else {}
        verb = "supprimé(s)" if options["apply"] else "à supprimer"
        for line in lines:
            if line.kept_forever:
                self.stdout.write(f"{line.kind:<18} conservés sans limite (RETENTION_DAYS = 0)")
                continue
            count = done.get(line.kind, 0) if options["apply"] else line.count
            self.stdout.write(
                f"{line.kind:<18} {count:>7} {verb} — {line.label}, {line.days} jours {line.rule}"
            )
        if not options["apply"]:
            self.stdout.write("Essai à blanc : rien n'a été supprimé. Relancez avec --apply pour purger.")
