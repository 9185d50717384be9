"""Rebuild the reporting facts of every project (or of some programmes)."""

import time

from django.core.management.base import BaseCommand

from essaim.accompaniment.models import Project
from essaim.evidence.facts import facts_refresh


class Command(BaseCommand):
    help = "Recalcule les faits des rapports d'impact (tous les projets, ou ceux des dispositifs donnés)."

    def add_arguments(self, parser):
        parser.add_argument("programmes", nargs="*", metavar="SLUG", help="identifiants de dispositifs")

    def handle(self, *args, programmes, **options):
        start = time.perf_counter()
        ids = None
        if programmes:
            ids = list(Project.objects.filter(programme__slug__in=programmes).values_list("pk", flat=True))
        count = facts_refresh(ids)
        self.stdout.write(
            self.style.SUCCESS(
                f"Faits recalculés pour {count} projets en {time.perf_counter() - start:.1f} s."
            )
        )
