"""Enqueue the daily reminders of unanswered contact requests (run it from cron, like send_reminders)."""

from django.core.management.base import BaseCommand

from essaim.orientation.tasks import send_contact_reminders


class Command(BaseCommand):
    help = "Met en file la relance des demandes de contact restées sans réponse."

    def handle(self, *args, **options):
        result = send_contact_reminders.enqueue()
        self.stdout.write(f"Relance des demandes de contact mise en file ({result.id}).")
