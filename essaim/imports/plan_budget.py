"""The plan of a budget lines import (issue 11 §3): each row sets one source's amount in a
programme's budget of one year, as `evidence.services.budget_line_set` does from the page.

Columns: the programme (its slug; an empty cell means the programme the file is imported into),
the year, the source (`BudgetSource`: its French label, as the page shows it, its code, or a
short name such as "État", "Région", "EPCI", "Mécénat") and the amount. The key is the programme,
the year and the source; a row is compared with the line Essaim holds now (not with an earlier
file): the same amount is unchanged, another amount an update. So a second run of the same
file changes nothing; a line changed in Essaim since is set back to the file's amount.

A row naming a programme the file's author does not run (`evidence.rules.can_set_budget`) is a
problem of its row, like an unknown programme: the whole file is refused, nothing is written.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from essaim.core.dates import latest_year
from essaim.core.french import format_number
from essaim.directory.models import Programme
from essaim.evidence.enums import BudgetSource
from essaim.evidence.models import ProgrammeBudget, ProgrammeBudgetLine
from essaim.evidence.rules import can_set_budget
from essaim.imports import cells
from essaim.imports.checking import UNCHANGED, UPDATED, Item, Plan, RowReader, duplicate
from essaim.imports.models import ImportKind

FIRST_YEAR = 1990
# What the amount columns hold (10 digits before the comma): a line, and a year's total of lines.
_COLUMN = ProgrammeBudgetLine._meta.get_field("amount")
AMOUNT_BELOW = Decimal(10) ** (_COLUMN.max_digits - _COLUMN.decimal_places)
# Spellings accepted for each source besides its code and its label (compared without case or
# accents): what a finance officer's spreadsheet says.
SPELLINGS = {
    BudgetSource.STATE: ("État", "Etat", "Subvention État", "Subvention d'État", "DREETS", "state"),
    BudgetSource.EU: ("Union européenne", "UE", "Europe", "FSE", "FEDER", "FSE+", "eu"),
    BudgetSource.REGION: ("Région", "Conseil régional", "Subvention région", "Subvention régionale"),
    BudgetSource.DEPARTEMENT: ("Département", "Conseil départemental", "Subvention département"),
    BudgetSource.EPCI: ("EPCI", "Intercommunalité", "Métropole", "Communauté de communes"),
    BudgetSource.COMMUNE: ("Commune", "Ville", "Mairie", "Subvention commune"),
    BudgetSource.SERVICES: ("Prestations", "Ventes", "Prestations de services", "services"),
    BudgetSource.CONTRIBUTIONS: ("Cotisations", "Adhésions", "Cotisations des adhérents"),
    BudgetSource.FOUNDATIONS: ("Fondation", "Fondations privées"),
    BudgetSource.COMPANIES: ("Entreprises", "Mécénat", "Mécénat d'entreprise", "Partenariats"),
    BudgetSource.OTHER: ("Autres", "Autre", "Divers", "other"),
}


def source_options() -> dict[str, tuple[str, ...]]:
    """value → spellings, the label first (the one an error message lists)."""
    return {source.value: (str(source.label), *SPELLINGS[source]) for source in BudgetSource}


def amount(cell) -> Decimal | None:
    """An amount in euros: 0 or more, below 10¹⁰, cents at most (the bounds of a budget line)."""
    value = cells.number(cell)
    if value is None:
        return None
    if value < 0:
        raise cells.CellError(_("Le montant ne peut pas être négatif."))
    if value >= AMOUNT_BELOW:
        raise cells.CellError(
            _("Le montant doit être inférieur à %(max)s €.") % {"max": format_number(AMOUNT_BELOW)}
        )
    if value != value.quantize(Decimal("0.01")):
        raise cells.CellError(_("Deux décimales au plus (les centimes)."))
    return value


def year(cell) -> int | None:
    """A year from 1990 to ten years ahead (the bounds of `ProgrammeBudget.year`)."""
    try:
        value = cells.integer(cell, minimum=FIRST_YEAR, maximum=latest_year())
    except cells.CellError:
        value = -1
    if value == -1:
        raise cells.CellError(
            _("Année attendue entre %(first)s et %(last)s (ici « %(text)s »).")
            % {"first": FIRST_YEAR, "last": latest_year(), "text": cells.as_text(cell)[:40]}
        )
    return value


def _clean(reader: RowReader) -> dict:
    return {
        "programme": reader.read("programme", cells.text, max_length=80) or "",
        "year": reader.read("year", year, required=True),
        "source": reader.read("source", cells.choice, required=True, options=source_options()),
        "amount": reader.read("amount", amount, required=True),
    }


class _Programmes:
    """The programmes the rows name, read in one query, and whether `by` may set their budget."""

    def __init__(self, programme, rows: list[dict], by):
        slugs = {cells.as_text(row.get("programme")).strip().lower() for row in rows} - {""}
        found = Programme.objects.select_related("organisation").filter(slug__in=slugs)
        self.default, self.by = programme, by
        self.known = {p.slug.lower(): p for p in found}
        self.allowed: dict[int, bool] = {programme.pk: True}

    def get(self, slug: str, reader: RowReader):
        if not slug:
            return self.default
        programme = self.known.get(slug.lower())
        if programme is None:
            reader.problem(
                "programme", _("aucun dispositif n'a l'identifiant « %(slug)s ».") % {"slug": slug}
            )
            return None
        if programme.pk not in self.allowed:
            self.allowed[programme.pk] = self.by is not None and can_set_budget(self.by, programme)
        if not self.allowed[programme.pk]:
            reader.problem(
                "programme",
                _(
                    "vous ne faites pas partie de l'équipe du dispositif « %(slug)s » : son budget n'est pas le vôtre."
                )
                % {"slug": slug},
            )
            return None
        return programme


def _existing(programmes: list) -> tuple[dict, dict]:
    """The lines Essaim holds for these programmes, and the bare totals of years without lines."""
    ids = [p.pk for p in programmes]
    lines = {
        (programme_id, year, source): value
        for programme_id, year, source, value in ProgrammeBudgetLine.objects.filter(
            budget__programme_id__in=ids
        ).values_list("budget__programme_id", "budget__year", "source", "amount")
    }
    totals = {
        (programme_id, year): value
        for programme_id, year, value in ProgrammeBudget.objects.filter(programme_id__in=ids).values_list(
            "programme_id", "year", "amount"
        )
    }
    return lines, totals


def plan(*, programme, rows: list[dict], columns: dict[str, str], by=None) -> Plan:
    """What importing `rows` for `programme` (and the other programmes `by` runs) would do."""
    result = Plan(ImportKind.BUDGET)
    programmes = _Programmes(programme, rows, by)
    lines, totals = _existing([programme, *programmes.known.values()])
    with_lines = {(p, y) for p, y, _s in lines}
    after = dict(lines)  # the lines once the file is applied, for the years' totals
    seen: dict[str, int] = {}
    for row in rows:
        reader = RowReader(row, columns, ImportKind.BUDGET, result.problems)
        values = _clean(reader)
        target = programmes.get(values["programme"], reader)
        if reader.failed or target is None:
            continue
        key = f"{target.slug}|{values['year']}|{values['source']}"
        if duplicate(seen, key, reader, "source"):
            continue
        values["programme"] = target
        source = BudgetSource(values["source"])
        label = _("%(programme)s — %(year)s — %(source)s : %(amount)s €") % {
            "programme": target.name,
            "year": values["year"],
            "source": source.label,
            "amount": format_number(values["amount"]),
        }
        after[(target.pk, values["year"], source.value)] = values["amount"]
        total = sum(
            (a for (p, y, _s), a in after.items() if (p, y) == (target.pk, values["year"])), Decimal(0)
        )
        if total >= AMOUNT_BELOW:
            reader.problem(
                "amount",
                _("avec cette ligne, le budget de %(year)s dépasserait le plafond de %(max)s €.")
                % {"year": values["year"], "max": format_number(AMOUNT_BELOW)},
            )
            continue
        item = Item(reader.line, key, label, values, {})
        old = lines.get((target.pk, values["year"], source.value))
        if old is not None:
            item.outcome = UNCHANGED if old == values["amount"] else UPDATED
            if item.outcome == UPDATED:
                item.changed = ["amount"]
                item.notes.append(_("Montant précédent : %(old)s €.") % {"old": format_number(old)})
        elif (target.pk, values["year"]) in totals and (target.pk, values["year"]) not in with_lines:
            item.notes.append(
                _("Le budget global de %(year)s (%(total)s €) devient la somme de ses lignes.")
                % {"year": values["year"], "total": format_number(totals[(target.pk, values["year"])])}
            )
        result.items.append(item)
    return result
