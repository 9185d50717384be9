"""manage.py export_data_inclusion --output DIR"""

import json
from pathlib import Path

from data_inclusion.schema.v1 import Service, Structure
from django.core.management.base import BaseCommand, CommandError

from essaim.opendata.export import as_csv, as_json, export_records


class Command(BaseCommand):
    help = (
        "Exporte les dispositifs publiés au schéma data·inclusion v1 : structures et services, "
        "en JSON et en CSV, avec licence et source."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="dossier de destination (créé au besoin)")

    def handle(self, *args, output: str, **options):
        directory = Path(output)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"Impossible de créer {directory} : {exc}") from exc
        export = export_records()
        for kind, model in (("structures", Structure), ("services", Service)):
            (directory / f"{kind}.json").write_text(
                json.dumps(as_json(kind, export), ensure_ascii=False, indent=2), encoding="utf-8"
            )
            (directory / f"{kind}.csv").write_text(as_csv(model, getattr(export, kind)), encoding="utf-8")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(export.structures)} structures et {len(export.services)} services exportés dans {directory}."
            )
        )
