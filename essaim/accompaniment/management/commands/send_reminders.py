"""Enqueue the daily reminders task (run it from cron, e.g. every morning)."""

from django.core.management.base import BaseCommand

from essaim.accompaniment.tasks import send_reminders


class Command(BaseCommand):
    help = "Met en file la tâche de relance (porteurs et experts qui n'ont pas répondu)."

    def handle(self, *args, **options):
        result = send_reminders.enqueue()
        self.stdout.write(f"Tâche de relance mise en file ({result.id}).")
