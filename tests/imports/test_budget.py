"""Import of budget lines (essaim/imports/plan_budget.py, `import_budget_lines`): through
`budget_line_set`, all or nothing, a second run changes nothing, only the author's programmes."""

from decimal import Decimal

import pytest

from essaim.audit.models import Event
from essaim.core.actors import SYSTEM
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.evidence.models import ProgrammeBudget, ProgrammeBudgetLine
from essaim.evidence.services import budget_line_set, programme_budget_set
from essaim.imports import samples
from essaim.imports.models import ImportRun
from essaim.imports.selectors import plan_for
from essaim.imports.services import import_budget_lines, import_stage
from tests.factories.accounts import MembershipFactory
from tests.factories.directory import ProgrammeFactory
from tests.imports.conftest import rows_of

pytestmark = pytest.mark.django_db

HEADER = "Dispositif;Année;Source;Montant\r\n"


def csv(*lines: str) -> bytes:
    return (HEADER + "".join(f"{line}\r\n" for line in lines)).encode()


def run(world, data, *, name="budget.csv", by=None, programme=None):
    rows, columns = rows_of(data, "budget", name=name)
    return import_budget_lines(
        by=by or world.member_a, programme=programme or world.programme_a, rows=rows, columns=columns
    )


def lines_of(programme) -> dict:
    return {
        (line.budget.year, line.source): line.amount
        for line in ProgrammeBudgetLine.objects.filter(budget__programme=programme).select_related("budget")
    }


FILE = csv(
    "incubateur-a;2023;Subvention de l'État;30 000",
    "incubateur-a;2023;region;12 500,50",
    "incubateur-a;2024;Prestations vendues;8000",
    ";2024;Cotisations;1 200",  # empty: the programme the file is imported into
)


def test_lines_are_created_through_the_service_and_the_totals_follow(world):
    report = run(world, FILE)
    assert report["counts"] == {"created": 4, "updated": 0, "unchanged": 0, "skipped": 0}
    assert lines_of(world.programme_a) == {
        (2023, "state"): Decimal("30000"),
        (2023, "region"): Decimal("12500.50"),
        (2024, "services"): Decimal("8000"),
        (2024, "contributions"): Decimal("1200"),
    }
    totals = dict(ProgrammeBudget.objects.filter(programme=world.programme_a).values_list("year", "amount"))
    assert totals == {2023: Decimal("42500.50"), 2024: Decimal("9200")}
    line_events = Event.objects.filter(object_type="evidence.programmebudgetline")
    assert line_events.count() == 4
    assert [item["outcome"] for item in report["items"]] == ["created"] * 4
    assert "Incubateur A — 2023 — Subvention de l'État : 30\u202f000 €" in report["items"][0]["label"]


def test_a_second_run_changes_nothing_and_says_so(world):
    run(world, FILE)
    events = Event.objects.count()
    report = run(world, FILE)
    assert report["counts"] == {"created": 0, "updated": 0, "unchanged": 4, "skipped": 0}
    assert report["changes_nothing"] is True
    assert Event.objects.count() == events + 1  # the summary only
    assert ImportRun.objects.count() == 2


def test_a_changed_amount_updates_that_line_only(world):
    run(world, FILE)
    changed = FILE.replace(b"8000", b"9000")
    report = run(world, changed)
    assert report["counts"] == {"created": 0, "updated": 1, "unchanged": 3, "skipped": 0}
    updated = next(item for item in report["items"] if item["outcome"] == "updated")
    assert updated["notes"] == ["Montant précédent : 8\u202f000 €."]
    assert lines_of(world.programme_a)[(2024, "services")] == Decimal("9000")
    assert ProgrammeBudget.objects.get(programme=world.programme_a, year=2024).amount == Decimal("10200")


def test_the_workbook_sample_imports_and_the_csv_one_then_changes_nothing(world):
    report = run(world, samples.to_xlsx("budget"), name="modele.xlsx")
    assert report["counts"]["created"] == 2
    assert lines_of(world.programme_a) == {
        (2024, "region"): Decimal("42000"),
        (2024, "services"): Decimal("18500.50"),
    }
    assert run(world, samples.to_csv("budget"))["changes_nothing"] is True


def test_a_bare_total_becomes_the_sum_of_the_lines_and_the_row_says_so(world):
    programme_budget_set(programme=world.programme_a, year=2022, amount="50000", by=SYSTEM)
    report = run(world, csv("incubateur-a;2022;state;20000"))
    assert (
        "Le budget global de 2022 (50\u202f000 €) devient la somme de ses lignes."
        in report["items"][0]["notes"]
    )
    assert ProgrammeBudget.objects.get(programme=world.programme_a, year=2022).amount == Decimal("20000")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("incubateur-a;2023;Loterie;100", "« Loterie » n'est pas une valeur attendue"),
        ("incubateur-a;2023;state;-100", "Le montant ne peut pas être négatif."),
        ("incubateur-a;1890;state;100", "Année attendue entre 1990 et"),
        ("incubateur-a;2200;state;100", "Année attendue entre 1990 et"),
        ("incubateur-a;deux mille;state;100", "Année attendue entre 1990 et"),
        ("incubateur-a;2023;state;12,345", "Deux décimales au plus"),
        ("incubateur-a;2023;state;10000000000", "Le montant doit être inférieur à"),
        ("incubateur-a;2024;state;9999999999", "le budget de 2024 dépasserait le plafond"),
        ("incubateur-a;2023;state;", "Cette cellule est obligatoire."),
        ("pepiniere-b;2023;state;100", "vous ne faites pas partie de l'équipe du dispositif « pepiniere-b »"),
        ("inconnu;2023;state;100", "aucun dispositif n'a l'identifiant « inconnu »"),
    ],
)
def test_a_bad_row_refuses_the_whole_file_and_nothing_is_saved(world, line, message):
    data = csv("incubateur-a;2024;services;5000", line)
    with pytest.raises(ValidationError) as raised:
        run(world, data)
    assert any(m.startswith("Ligne 3, colonne") and message in m for m in raised.value.messages), (
        raised.value.messages
    )
    assert not ProgrammeBudgetLine.objects.exists()
    assert not ProgrammeBudget.objects.exists()
    assert not ImportRun.objects.exists()


def test_the_same_line_twice_in_a_file_is_a_problem(world):
    with pytest.raises(ValidationError) as raised:
        run(world, csv("incubateur-a;2024;services;5000", ";2024;Prestations;6000"))
    assert "même clé « incubateur-a|2024|services » que la ligne 2" in raised.value.messages[0]
    assert not ProgrammeBudgetLine.objects.exists()


def test_rows_may_name_another_programme_the_author_runs(world):
    other = ProgrammeFactory(organisation=world.org_a, slug="fabrique-a")
    report = run(world, csv("fabrique-a;2024;services;5000", "incubateur-a;2024;state;100"))
    assert report["counts"]["created"] == 2
    assert lines_of(other) == {(2024, "services"): Decimal("5000")}


def test_only_the_programme_staff_import(world):
    with pytest.raises(PermissionDenied):
        run(world, FILE, by=world.staff_b)
    with pytest.raises(PermissionDenied):
        run(world, FILE, by=world.viewer)
    assert not ProgrammeBudgetLine.objects.exists()


def test_another_programme_s_staff_cannot_slip_lines_into_programme_a(world):
    """B's staff importing into their own programme a file that names A's programme."""
    with pytest.raises(ValidationError) as raised:
        run(world, csv("incubateur-a;2024;state;100"), by=world.staff_b, programme=world.programme_b)
    assert "incubateur-a" in raised.value.messages[0]
    assert not ProgrammeBudgetLine.objects.exists()


def test_an_existing_line_entered_on_the_page_is_unchanged_when_the_file_says_the_same(world):
    budget_line_set(programme=world.programme_a, year=2024, source="services", amount="5000", by=SYSTEM)
    report = run(world, csv(";2024;services;5 000,00"))
    assert report["counts"]["unchanged"] == 1


def test_the_staged_check_uses_the_author_s_rights(world):
    colleague = MembershipFactory(organisation=world.org_b).user
    assert colleague  # B's staff are not A's
    staged = import_stage(
        by=world.member_a, programme=world.programme_a, kind="budget", filename="b.csv", data=FILE
    )
    plan = plan_for(staged, ["programme", "year", "source", "amount"])
    assert plan.counts()["created"] == 4 and not plan.problems
    bad = import_stage(
        by=world.member_a,
        programme=world.programme_a,
        kind="budget",
        filename="b.csv",
        data=csv("pepiniere-b;2024;state;100"),
    )
    assert plan_for(bad, ["programme", "year", "source", "amount"]).problems


def test_the_documented_example_imports(world):
    from tests.imports.conftest import sample

    report = run(world, sample("budget-exemple.csv"))
    assert report["counts"]["created"] == 11
    totals = dict(ProgrammeBudget.objects.filter(programme=world.programme_a).values_list("year", "amount"))
    assert totals == {2023: Decimal("86300"), 2024: Decimal("92600.50")}
    assert lines_of(world.programme_a)[(2024, "eu")] == Decimal("15000")
    assert lines_of(world.programme_a)[(2024, "companies")] == Decimal("5000")
