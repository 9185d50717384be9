"""Spreadsheet import of 5,000 projects (issue 10 §4): the limit of one file (docs/imports.md).

A CSV as Excel FR writes it (semicolons, a BOM), 5,000 projects of an incubator of the Hérault
with varied names, stages, communes (names and INSEE codes), dates, one to three carriers each
(new e-mail addresses: each becomes a carrier account) and a telephone column that is not
imported. Prints the time of each step as a person lives it: the upload read and kept
(`import_stage`), the check the page shows (`selectors.plan_for`), the worker's
all-or-nothing apply (`tasks.apply_staged_import`), then the same file imported again (nothing
changes: every row unchanged) and a file with one bad row (refused whole, nothing written).

    uv run --frozen python bench/bench_imports.py [--rows 5000]
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import setup  # noqa: E402

HEADERS = [
    "Référence",
    "Nom du projet",
    "Modèle",
    "Étape",
    "Commune",
    "Secteur",
    "Résumé",
    "Date d'entrée",
    "Porteurs",
    "Courriels des porteurs",
    "Téléphone",
]
KINDS = ["Épicerie", "Recyclerie", "Tiers-lieu", "Conciergerie", "Atelier vélo", "Cantine", "Ressourcerie"]
PLACES = ["solidaire", "du Faubourg", "des Cévennes", "du Lodévois", "partagée", "de quartier", "du Pic"]
STAGES = ["Sélection", "Opportunité et faisabilité", "Incubation", "Création", "incubation", "CREATION"]
COMMUNES = ["Montpellier", "34142", "Béziers", "Sète", "34172", "Lodève", "Agde", "Pézenas", "Lunel"]
SECTORS = ["Alimentation", "Réemploi", "Mobilité", "Culture", "Services à la personne"]
FIRST = ["Awa", "Louis", "Inès", "Jules", "Camille", "Nadia", "Hugo", "Léa", "Yanis", "Chloé"]
LAST = ["Diallo", "Martin", "Benali", "Roux", "Garcia", "Nguyen", "Petit", "Moreau"]


def spreadsheet(rows: int, seed: int = 10, *, bad_line: int | None = None) -> bytes:
    rng = random.Random(seed)
    lines = [";".join(HEADERS)]
    for i in range(rows):
        people = [(rng.choice(FIRST), rng.choice(LAST), f"porteur.{i}.{k}") for k in range(rng.randint(1, 3))]
        date = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2015, 2025)}"
        if bad_line is not None and i == bad_line:
            date = "31/02/2024"
        lines.append(
            ";".join(
                [
                    f"P-{i:05d}",
                    f"{rng.choice(KINDS)} {rng.choice(PLACES)} n° {i}",
                    "Accompagnement de porteurs",
                    rng.choice(STAGES),
                    rng.choice(COMMUNES),
                    rng.choice(SECTORS),
                    "Un projet d'utilité sociale du territoire, décrit en une phrase.",
                    date,
                    ", ".join(f"{first} {last}" for first, last, _e in people),
                    ", ".join(f"{email}@example.org" for _f, _l, email in people),
                    "06 12 34 56 78",
                ]
            )
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    setup("imports")

    from essaim.accompaniment.models import Project
    from essaim.accounts.models import Membership, User
    from essaim.directory.enums import AccompanimentModel, LegalForm, LifeStage, ProgrammeKind
    from essaim.directory.models import Organisation, Programme, ZoneItem
    from essaim.imports import selectors, services, tasks
    from essaim.imports.columns import guess
    from essaim.imports.models import StagedImport

    organisation = Organisation.objects.create(
        name="Incubateur du banc", slug="banc", legal_form=LegalForm.ASSOCIATION
    )
    programme = Programme.objects.create(
        organisation=organisation,
        slug="banc",
        name="Incubateur du banc",
        kind=ProgrammeKind.INCUBATOR,
        model=AccompanimentModel.CARRIER,
        stages=[LifeStage.EMERGENCE, LifeStage.CREATION],
    )
    ZoneItem.objects.create(programme=programme, level="departement", code="34")
    staff = User.objects.create_user(email="equipe@banc.example.org", full_name="Équipe du banc")
    Membership.objects.create(user=staff, organisation=organisation, role=Membership.Role.ADMIN)

    def run(data: bytes, name: str):
        timings = {}
        started = time.perf_counter()
        staged = services.import_stage(
            by=staff, programme=programme, kind="projects", filename=name, data=data
        )
        timings["lecture"] = time.perf_counter() - started
        mapping = guess(staged.headers, staged.kind)
        started = time.perf_counter()
        checked = selectors.plan_for(staged, mapping)
        timings["vérification"] = time.perf_counter() - started
        services.import_queue(by=staff, staged=staged, mapping=mapping)
        started = time.perf_counter()
        state = tasks.apply_staged_import.call(staged.pk)
        timings["application"] = time.perf_counter() - started
        return timings, checked, state, StagedImport.objects.get(pk=staged.pk)

    data = spreadsheet(args.rows)
    print(f"{args.rows} projets, {len(data) / 1e6:.1f} Mo, SQLite ; secondes par étape")
    print(f"{'fichier':34} {'lecture':>8} {'vérif.':>8} {'appli.':>8} {'état':>8}  rapport")
    for label, payload in (
        ("premier import", data),
        ("même fichier, une seconde fois", data),
        ("une ligne fausse (refusé entier)", spreadsheet(args.rows, bad_line=args.rows // 2)),
    ):
        before = Project.objects.count()
        timings, _checked, state, staged = run(payload, "projets.csv")
        report = staged.report or {}
        counts = report.get("counts") or {}
        summary = ", ".join(f"{k} {v}" for k, v in counts.items() if v) or "; ".join(staged.problems[:1])
        print(
            f"{label:34} {timings['lecture']:8.1f} {timings['vérification']:8.1f} "
            f"{timings['application']:8.1f} {state:>8}  {summary} (projets : {before} → {Project.objects.count()})"
        )


if __name__ == "__main__":
    main()
