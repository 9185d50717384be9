"""Enqueue the periodic task of events (run it from cron, e.g. every 15 minutes)."""

from django.core.management.base import BaseCommand

from essaim.events.tasks import events_tick


class Command(BaseCommand):
    help = (
        "Met en file la tâche périodique des événements (liste d'attente, rappels de la veille, "
        "questionnaires après l'événement)."
    )

    def handle(self, *args, **options):
        result = events_tick.enqueue()
        self.stdout.write(f"Tâche des événements mise en file ({result.id}).")
