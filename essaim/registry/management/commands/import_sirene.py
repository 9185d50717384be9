"""Import a SIRENE stock file: `manage.py import_sirene <file> --kind historique --as-of 2026-11-01
[--territory departement:69 ...] [--dry-run]`. Resumes an unfinished import of the same file."""

import contextlib
import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from essaim.core.actors import IMPORT
from essaim.registry import services, stock
from essaim.registry.enums import StockKind


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = "Importe un fichier stock SIRENE (StockUniteLegale, StockEtablissement, StockEtablissementHistorique)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--kind", required=True, choices=StockKind.values)
        parser.add_argument("--as-of", required=True, help="date du stock (AAAA-MM-JJ)")
        parser.add_argument("--territory", action="append", default=[], help="commune:69384, departement:69")
        parser.add_argument("--batch", type=int, default=stock.BATCH)
        parser.add_argument("--dry-run", action="store_true", help="lit et compte, n'écrit rien")

    def handle(self, *args, path, kind, as_of, territory, batch, dry_run, **options):
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError as exc:
            raise CommandError(f"--as-of: {exc}") from exc
        for item in territory:
            if not item.startswith(("commune:", "departement:")):
                raise CommandError(f"--territory: {item} (commune:<code> ou departement:<code>)")
        report = {}
        try:
            # Batches commit one by one (resumable), unless nothing is to be written at all.
            with transaction.atomic() if dry_run else contextlib.nullcontext():
                run = stock.import_stock(
                    path, kind=kind, as_of=day, territories=territory, batch=batch, progress=self._progress
                )
                found = services.import_recorded(by=IMPORT, run=run)
                report = {
                    "rows": run.rows_done,
                    "kept": run.rows_kept,
                    "refused": run.rows_refused,
                    "conflicts": len(found),
                }
                if dry_run:
                    raise _DryRun
        except _DryRun:
            self.stdout.write("Essai : rien n'a été écrit.")
        except (stock.StockFormatError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(" ".join(f"{k}={v}" for k, v in report.items()))

    def _progress(self, run, fraction: float) -> None:
        self.stdout.write(f"{fraction:6.1%}  {run.rows_done} lignes, {run.rows_kept} retenues")
