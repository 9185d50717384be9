"""manage.py orient --place 34172 --stage emergence [--need financing] [--format table|json]"""

import json

from django.core.management.base import BaseCommand, CommandError

from essaim.directory.enums import LifeStage
from essaim.orientation.params import parse_orientation
from essaim.orientation.selectors import RESULTS_LIMIT, orient


class Command(BaseCommand):
    help = "Oriente un porteur : dispositifs pour une commune et une étape, parcours et lacunes."

    def add_arguments(self, parser):
        parser.add_argument("--place", required=True, help="code INSEE, code postal ou nom de la commune")
        parser.add_argument("--stage", default="", help="emergence, creation, consolidation, developpement")
        parser.add_argument("--need", action="append", default=[], help="besoin (répétable)")
        parser.add_argument("--public", default="")
        parser.add_argument("--model", default="", help="carrier ou generator")
        parser.add_argument("--limit", type=int, default=RESULTS_LIMIT)
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **options):
        query = parse_orientation({k: options[k] for k in ("place", "stage", "need", "public", "model")})
        if not query.is_valid:
            lines = [f"{field} : {message}" for field, message in query.errors.items()]
            lines += [f"  - {c['code']} {c['name']} ({c['departement']})" for c in query.choices]
            raise CommandError("\n".join(lines))
        result = orient(
            query.context,
            stage=query.stage,
            needs=query.needs,
            preferences=query.preferences,
            limit=max(1, options["limit"]),
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
            return
        place = result.context.place
        self.stdout.write(f"{place.name} ({place.code})")
        if not result.results:
            self.stdout.write("  Aucun dispositif ici pour cette étape.")
        for match in result.results:
            self.stdout.write(f"{match.score:>5}  {match.fact.name} [{match.fact.slug}]")
            self.stdout.write("       " + " ; ".join(match.reasons))
        for stage, matches in result.parcours.items():
            names = ", ".join(m.fact.slug for m in matches) or "—"
            self.stdout.write(f"Parcours, {LifeStage(stage).label} : {names}")
        for gap in result.gaps:
            alternatives = ", ".join(f.slug for f in gap.alternatives) or "aucune"
            where = f" ({gap.where_label})" if gap.where else ""
            self.stdout.write(f"Lacune, {LifeStage(gap.stage).label} : alternatives {alternatives}{where}")
