"""Enqueue the periodic jobs whose turn has come (essaim/core/schedule.py); run it every minute."""

from django.core.management.base import BaseCommand

from essaim.core.schedule import tick


class Command(BaseCommand):
    help = (
        "Met en file les tâches périodiques dont l'heure est venue (relances, purge, événements). "
        "À lancer chaque minute : la boucle de make demo et de scripts/run_production.sh le fait."
    )

    def handle(self, *args, **options):
        enqueued = tick()
        for job in enqueued:
            self.stdout.write(f"{job.name} : mise en file ({job.task_id}).")
        if not enqueued and options["verbosity"] > 1:
            self.stdout.write("Aucune tâche périodique à lancer.")
