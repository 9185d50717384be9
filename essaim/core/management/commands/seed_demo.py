"""Load everything the demo needs: the study's programmes, demo accounts, then each app's demo data.

Later capabilities add demo data by writing `essaim/demo/<app>.py` with a function
`seed(*, stdout)`; the modules of DEMO_MODULES run in order, missing ones are skipped.
"""

import importlib
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count, Max

from essaim.core.actors import DEMO
from essaim.core.errors import ValidationError
from essaim.demo import accounts as accounts_demo
from essaim.demo import directory as directory_synthetic
from essaim.directory.services import study_load

DEMO_MODULES = [
    "essaim.demo.accompaniment",
    "essaim.demo.calls",
    "essaim.demo.financing",
    "essaim.demo.evidence",
    "essaim.demo.ecosystems",
    "essaim.demo.events",
    "essaim.demo.places",
    "essaim.demo.business",
    "essaim.demo.fairs",  # after events (its fair is one) and business (its participants)
    "essaim.demo.replication",
    "essaim.demo.peers",  # after accompaniment (the demo carrier's project and its programme)
    "essaim.demo.library",  # after accompaniment (the reusing programme's pipeline)
]


# The activity log records every service call, even one that finds nothing to change ("validé").
NOT_DEMO_DATA = {"audit.Event"}
INTEGER_PKS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}


def fingerprint() -> dict[str, tuple]:
    """Rows and highest id of every table but the activity log: what a run that creates or
    deletes anything changes (the second run of `make demo` changes nothing and says so)."""
    state = {}
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed or model._meta.db_table not in tables:
            continue
        if model._meta.label in NOT_DEMO_DATA:
            continue
        # MAX of a UUID does not exist on PostgreSQL: such tables (the task results) by rows only.
        integer_pk = model._meta.pk.get_internal_type() in INTEGER_PKS
        aggregates = {"n": Count("pk"), **({"last": Max("pk")} if integer_pk else {})}
        state[model._meta.label] = tuple(model._base_manager.aggregate(**aggregates).values())
    return state


def run_demo_modules(stdout) -> list[str]:
    """Run `seed(stdout=...)` of each existing module of DEMO_MODULES; returns the names run."""
    ran = []
    for name in DEMO_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and (
                name == exc.name or name.startswith(exc.name + ".")
            ):  # the module does not exist (yet): skip silently
                continue
            raise
        module.seed(stdout=stdout)
        ran.append(name)
    return ran


class Command(BaseCommand):
    help = "Charge les données de démonstration (dispositifs de l'étude, comptes de démo) et affiche les identifiants."

    def add_arguments(self, parser):
        parser.add_argument(
            "--synthetic",
            type=int,
            default=0,
            metavar="N",
            help=(
                "ajoute N dispositifs synthétiques (graine 1) à la place des données synthétiques "
                "existantes ; sans cette option la démonstration n'en contient aucun"
            ),
        )

    def handle(self, *args, synthetic: int, **options):
        start = time.perf_counter()
        before = fingerprint()
        try:
            report = study_load(by=DEMO)
        except ValidationError as exc:
            raise CommandError(f"{' '.join(exc.messages)} Base de données inchangée.") from exc
        self.stdout.write(f"  Étude : {report.summary()}.")
        accounts_demo.seed(stdout=self.stdout)
        if synthetic:
            directory_synthetic.clear(stdout=self.stdout)
            directory_synthetic.generate(count=synthetic, seed=1, stdout=self.stdout)
        run_demo_modules(self.stdout)
        self.print_logins()
        seconds = f"{time.perf_counter() - start:.1f} s"
        if fingerprint() == before:
            self.stdout.write(
                self.style.SUCCESS(f"Démonstration déjà chargée : aucun changement ({seconds}).")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Démonstration prête ({seconds})."))

    def print_logins(self) -> None:
        accounts = accounts_demo.demo_accounts()
        width = max(len(a.email) for a in accounts) if accounts else 10
        self.stdout.write("")
        self.stdout.write(f"Comptes de démonstration (mot de passe pour tous : {accounts_demo.PASSWORD})")
        self.stdout.write(f"  {'identifiant'.ljust(width)}  rôle")
        self.stdout.write(f"  {'-' * width}  {'-' * 40}")
        for account in accounts:
            self.stdout.write(f"  {account.email.ljust(width)}  {account.role}")
        self.stdout.write("")
