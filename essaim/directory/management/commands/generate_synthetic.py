"""Deterministic synthetic data for benchmarks and scale tests.

Each Essaim app may contribute a generator in `essaim/demo/<app>.py` (see essaim/demo/__init__.py
for the protocol); its OPTION becomes `--<option> N`.
"""

import importlib
import time
from types import ModuleType

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError


def generator_modules() -> list[ModuleType]:
    """The `essaim.demo` modules of installed Essaim apps that define a generator, in their ORDER."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("essaim."):
            continue
        name = f"essaim.demo.{config.label}"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and (name == exc.name or name.startswith(exc.name + ".")):
                continue
            raise
        if hasattr(module, "OPTION"):
            modules.append(module)
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))


class Command(BaseCommand):
    help = (
        "Crée des données synthétiques déterministes (dispositifs, organisations, zones…) sur tous les "
        "départements, marquées comme synthétiques. Jamais incluses dans la démonstration sauf demande."
    )

    def add_arguments(self, parser):
        for module in generator_modules():
            parser.add_argument(f"--{module.OPTION}", type=int, default=0, metavar="N", help=module.HELP)
        parser.add_argument("--seed", type=int, default=1, help="graine du générateur (défaut : 1)")
        parser.add_argument(
            "--clear", action="store_true", help="supprime d'abord toutes les données synthétiques"
        )

    def handle(self, *args, seed: int, clear: bool, **options):
        modules = generator_modules()
        counts = {m.OPTION: options.get(m.OPTION.replace("-", "_")) or 0 for m in modules}
        if any(count < 0 for count in counts.values()):
            raise CommandError("Les nombres demandés doivent être positifs.")
        start = time.perf_counter()
        if clear:
            for module in reversed(modules):
                module.clear(stdout=self.stdout)
        created = 0
        for module in modules:
            if counts[module.OPTION]:
                try:
                    created += module.generate(count=counts[module.OPTION], seed=seed, stdout=self.stdout)
                except (ValueError, RuntimeError) as exc:
                    raise CommandError(str(exc)) from exc
        elapsed = time.perf_counter() - start
        self.stdout.write(self.style.SUCCESS(f"Données synthétiques : {created} créés en {elapsed:.1f} s."))
