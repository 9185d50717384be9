"""A report as tables (CSV, XLSX) and as a PDF document.

The same `tables()` feed the HTML data tables, the CSV and the workbook, so the three always
agree. The PDF is the HTML report template rendered by WeasyPrint with DejaVu fonts embedded.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from essaim.accompaniment.pipelines import TEMPLATES
from essaim.core.spreadsheet import csv_cell, xlsx_append
from essaim.evidence import charts
from essaim.evidence.privacy import is_suppressed
from essaim.evidence.selectors import REFERENCE_MONTHS, REFERENCE_SHORT, REFERENCE_SOURCE, Report

# WeasyPrint and fontTools log every rendering step at INFO: keep warnings only.
for _name in ("weasyprint", "fontTools"):
    logging.getLogger(_name).setLevel(logging.WARNING)


BREAKDOWN_NAMES = {
    "cohort": gettext_lazy("cohorte (année d'entrée)"),
    "programme": gettext_lazy("dispositif"),
    "territory": gettext_lazy("territoire"),
    "model": gettext_lazy("modèle d'accompagnement"),
}


@dataclass
class Table:
    slug: str
    title: str
    headers: list[str]
    rows: list[list]


def stage_names() -> dict[str, str]:
    return {stage.key: str(stage.name) for template in TEMPLATES.values() for stage in template.stages}


def _pct(value) -> object:
    return value if isinstance(value, str) or is_suppressed(value) else round(value * 100, 1)


def _money(value, display: bool):
    """Euros: raw numbers for files, grouped digits ("1 875 540") for pages and the PDF."""
    if not display or value is None or isinstance(value, str) or is_suppressed(value):
        return value
    from django.utils.formats import number_format

    return number_format(value, decimal_pos=0, force_grouping=True)


def tables(report: Report, *, display: bool = False) -> list[Table]:
    names = stage_names()
    key = Table(
        "chiffres_cles",
        _("Chiffres clés"),
        [_("Indicateur"), _("Valeur")],
        [
            [_("Projets accompagnés"), report.projects],
            [_("Entreprises créées"), report.created],
            [_("Entreprises en activité"), report.active],
            [_("Entreprises ayant cessé"), report.ceased],
            [_("Emplois (ETP) dans les entreprises en activité"), report.fte],
            [_("dont emplois d'insertion (ETP)"), report.integration_fte],
            [_("Financements publics obtenus (€)"), _money(report.leverage["public"], display)],
            [_("Financements privés et bancaires obtenus (€)"), _money(report.leverage["private"], display)],
            [_("Effet levier (€ privés par € public)"), report.leverage["ratio"]],
        ]
        + (
            [
                [_("Coût par emploi (€)"), _money(report.cost_per_job, display)],
                [_("Coût par entreprise créée (€)"), _money(report.cost_per_enterprise, display)],
            ]
            if report.scope.kind == "programme"
            else []
        ),
    )
    survival_rows = []
    for curve in report.curves:
        if curve.suppressed:
            survival_rows.append([curve.label, "", curve.n, "", "", curve.n])
            continue
        for p in curve.points:
            survival_rows.append(
                [curve.label, int(p.t), _pct(p.estimate), _pct(p.lower), _pct(p.upper), p.at_risk]
            )
    survival = Table(
        "survie",
        _("Survie des entreprises créées (Kaplan–Meier)"),
        [
            _("Groupe"),
            _("Mois"),
            _("Survie (%)"),
            _("Borne basse 95 % (%)"),
            _("Borne haute 95 % (%)"),
            _("Exposées"),
        ],
        survival_rows,
    )
    five = Table(
        "survie_5_ans",
        _("Survie à 5 ans comparée à l'étude"),
        [_("Groupe"), _("Survie à 5 ans (%)"), _("Borne basse (%)"), _("Borne haute (%)")],
        [
            [c.label, c.n, "", ""]
            if c.suppressed
            else (
                [c.label, _pct(c.five_year.estimate), _pct(c.five_year.lower), _pct(c.five_year.upper)]
                if c.five_year
                else [c.label, _("recul insuffisant"), "", ""]
            )
            for c in report.curves
        ]
        + [[str(label), round(float(share) * 100), "", ""] for share, label in report.references],
    )
    funnel = Table(
        "parcours",
        _("Parcours par étape"),
        [_("Étape"), _("Entrés"), _("Passés"), _("Abandons"), _("En cours"), _("Durée médiane (jours)")],
        [
            [
                names.get(r["stage"], r["stage"]),
                r["entered"],
                r["passed"],
                r["dropped"],
                r["ongoing"],
                r["median_days"],
            ]
            for r in report.funnel
        ],
    )
    jobs = Table(
        "emplois",
        _("Emplois au 31 décembre (ETP)"),
        [_("Année"), _("Emplois (ETP)"), _("dont insertion (ETP)"), _("Entreprises")],
        [[r["year"], r["fte"], r["integration_fte"], r["enterprises"]] for r in report.jobs],
    )
    result = [key, five, survival, funnel]
    if report.funnel_groups:
        result.append(
            Table(
                "parcours_ventile",
                _("Parcours par étape, par %(by)s") % {"by": BREAKDOWN_NAMES[report.by]},
                [
                    _("Groupe"),
                    _("Étape"),
                    _("Entrés"),
                    _("Passés"),
                    _("Abandons"),
                    _("En cours"),
                    _("Durée médiane (jours)"),
                ],
                [
                    [
                        group["label"],
                        names.get(r["stage"], r["stage"]),
                        r["entered"],
                        r["passed"],
                        r["dropped"],
                        r["ongoing"],
                        r["median_days"],
                    ]
                    for group in report.funnel_groups
                    for r in group["stages"]
                ],
            )
        )
    result.append(jobs)
    if report.indicators:
        result.append(
            Table(
                "indicateurs",
                _("Indicateurs d'impact suivis"),
                [
                    _("Indicateur"),
                    _("Unité"),
                    _("Projets mesurés"),
                    _("Total des mesures"),
                    _("Dernière mesure"),
                ],
                [
                    [i["indicator"].name, i["indicator"].unit, i["projects"], i["total"], i["last"]]
                    for i in report.indicators
                ],
            )
        )
    if report.deals is not None:
        result.append(_deals_table(report.deals, display))
    if report.budget_shares is not None:
        result.append(_shares_table(report.budget_shares, display))
    return result


def _shares_table(shares, display: bool) -> Table:
    """The reader's share of each programme's budget and its leverage (funding_shares)."""

    def cells(figures, years: str, cost) -> list:
        if display:
            t = figures.texts
            return [years, t["total"], t["contribution"], t["share"], t["leverage"], cost]
        share = None if figures.share is None else round(figures.share * 100, 1)
        return [years, figures.total, figures.contribution, share, figures.leverage, cost]

    rows = []
    for row in shares.rows:
        if row.total is None:
            rows.append([row.name, _("budget non détaillé par source pour ces années"), *[None] * 5])
            continue
        cost = row.texts["cost_per_enterprise"] if display else row.cost_per_enterprise
        rows.append([row.name, *cells(row, row.years_label, cost)])
    if shares.total:
        rows.append([_("Ensemble"), *cells(shares, "", None)])
    return Table(
        "parts_budgets",
        _("Part des budgets des dispositifs (%(sources)s)") % {"sources": shares.source_labels},
        [
            _("Dispositif"),
            _("Années"),
            _("Budget (€)"),
            _("Contribution (€)"),
            _("Part (%)"),
            _("Effet levier"),
            _("Coût par entreprise créée (€)"),
        ],
        rows,
    )


def _deals_table(deals: dict, display: bool) -> Table:
    """The platform's business deals won as lead contractor (essaim/business/revenue.py)."""
    return Table(
        "marches",
        _("Marchés passés par la plateforme"),
        [_("Indicateur"), _("Valeur")],
        [
            [_("Entreprises accompagnées titulaires d'un marché"), deals["enterprises"]],
            [_("Marchés remportés"), deals["deals"]],
            [_("Montant des marchés (€)"), _money(deals["amount"], display)],
        ],
    )


def report_charts(report: Report, *, for_pdf: bool = False) -> dict:
    names = stage_names()
    return {
        "survival": charts.survival_chart(
            report.curves, references=REFERENCE_SHORT, reference_months=REFERENCE_MONTHS, for_pdf=for_pdf
        ),
        "funnel": charts.funnel_chart(report.funnel, stage_names=names, for_pdf=for_pdf),
        "jobs": charts.bar_chart(
            [(str(r["year"]), r["fte"]) for r in report.jobs],
            title=_("Emplois en équivalent temps plein, au 31 décembre"),
            desc=_("Emplois (ETP) des entreprises créées encore en activité, année par année."),
            x_label=_("Année"),
            chart_id="emplois",
            for_pdf=for_pdf,
        ),
    }


# The same words as the report pages' notice (reports/_demo_notice.html), for the files.
DEMO_NOTICE = gettext_lazy(
    "Chiffres de démonstration : ils sont calculés sur des projets, des entreprises et des montants "
    "fictifs, et ne décrivent l'activité d'aucun dispositif réel."
)


def to_csv(report: Report) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")

    def write(row):
        writer.writerow([csv_cell("" if v is None else v) for v in row])

    write([_("Rapport"), report.scope.label, report.period.label])
    write([_("Source des repères"), str(REFERENCE_SOURCE)])
    if settings.DEMO:
        write([_("Démonstration"), str(DEMO_NOTICE)])
    for table in tables(report):
        write([])
        write([table.title])
        write(table.headers)
        for row in table.rows:
            write(row)
    # A BOM so that spreadsheet software opens the accents right.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table in tables(report):
        sheet = book.create_sheet(table.title[:31].replace("/", "-"))
        xlsx_append(sheet, [table.title])
        sheet["A1"].font = Font(bold=True)
        xlsx_append(sheet, [str(h) for h in table.headers])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            xlsx_append(
                sheet, [str(v) if v is not None and not isinstance(v, int | float) else v for v in row]
            )
        sheet.column_dimensions["A"].width = 48
    info = book.create_sheet(_("Source"))
    xlsx_append(info, [_("Rapport"), report.scope.label])
    xlsx_append(info, [_("Période"), report.period.label])
    xlsx_append(info, [_("Repères"), str(REFERENCE_SOURCE)])
    if settings.DEMO:  # the notice first: the sheet a reader opens
        xlsx_append(info, [_("Démonstration"), str(DEMO_NOTICE)])
        book.move_sheet(info, offset=-(len(book.sheetnames) - 1))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# DejaVu (Debian's fonts-dejavu) covers French accents and typographic signs; WeasyPrint
# finds it through fontconfig and embeds the subset used.
PDF_CSS = """
@page { size: A4; margin: 16mm 14mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-family: "DejaVu Sans"; font-size: 8pt; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; color: #1b1b1f; line-height: 1.4; }
h1 { font-size: 17pt; } h2 { font-size: 13pt; break-after: avoid; }
.visually-hidden, .report-details > summary { display: none; }
.key-figures { display: flex; flex-wrap: wrap; gap: 3mm; }
.key-figures > div { border: 1px solid #c4c4cc; padding: 2mm 3mm; width: 38mm; }
.key-figures dt { font-size: 7.5pt; color: #4a4a55; } .key-figures dd { margin: 0; font-size: 13pt; font-weight: bold; }
.chart-figure { margin: 0 0 3mm; } .chart-figure figcaption { font-size: 7.5pt; color: #4a4a55; }
svg.chart { width: 16cm; height: 8cm; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; margin-bottom: 4mm; }
caption { text-align: left; font-weight: bold; padding: 1mm 0; }
th, td { border-bottom: 1px solid #c4c4cc; padding: 1mm 2mm; text-align: left; }
tr { break-inside: avoid; }
.hint { font-size: 8pt; color: #4a4a55; }
"""


def pdf_html(report: Report, *, generated_on=None) -> str:
    """The standalone HTML the PDF is made from (charts carry their own styles)."""
    from django.utils import timezone

    return render_to_string(
        "reports/report_pdf.html",
        {
            "report": report,
            "deals": report.deals,
            "budget_shares": report.budget_shares,
            "tables": {t.slug: t for t in tables(report, display=True)},
            "charts": report_charts(report, for_pdf=True),
            "reference_source": REFERENCE_SOURCE,
            "generated_on": generated_on or timezone.localdate(),
        },
    )


def to_pdf(report: Report, *, generated_on=None) -> bytes:
    from weasyprint import CSS, HTML

    html = pdf_html(report, generated_on=generated_on)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[CSS(string=PDF_CSS)])
