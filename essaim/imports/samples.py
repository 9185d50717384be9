"""Sample files to download from the import page, one per kind, CSV and XLSX (docs/imports.md).

Each holds the columns of its kind under the labels the import recognises (`columns.py`) and two
made-up rows that import without a problem — the carriers and the meetings refer to the sample
projects, so the projects file goes first. The CSV is written as Excel FR reads it without asking: UTF-8 with a
BOM, semicolons, CRLF; the workbook has real date cells. Text goes through the spreadsheet guard
(`essaim.core.spreadsheet`), as everything we write.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import Workbook

from essaim.core.spreadsheet import csv_cell, xlsx_append
from essaim.imports.columns import columns_for
from essaim.imports.models import ImportKind

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FILENAMES = {
    ImportKind.PROJECTS: "modele-projets",
    ImportKind.CARRIERS: "modele-porteurs",
    ImportKind.MEETINGS: "modele-rendez-vous",
    ImportKind.EXPERTS: "modele-experts",
    ImportKind.BUDGET: "modele-budget",
}
# Columns a sample shows even when its rows leave them empty: the budget's programme (empty
# means the programme the file is imported into, so the sample imports anywhere).
ALWAYS_SHOWN = {"programme"}
# field → value, per row; the fields a row leaves out are empty cells.
SAMPLES = {
    ImportKind.PROJECTS: [
        {
            "reference": "P-2025-001",
            "name": "Épicerie solidaire du Faubourg",
            "model": "Accompagnement de porteurs",
            "stage": "Émergence",
            "summary": "Une épicerie à prix choisis, approvisionnée en circuit court.",
            "social_need": "Accès à une alimentation de qualité pour les familles modestes du quartier.",
            "sector": "Alimentation",
            "commune": "Montpellier",
            "started_on": dt.date(2025, 1, 15),
            "carrier_emails": "awa.diallo@example.org",
            "carrier_names": "Awa Diallo",
        },
        {
            "reference": "P-2025-002",
            "name": "Recyclerie du Lodévois",
            "stage": "Émergence",
            "summary": "Collecte, réparation et revente d'objets du quotidien.",
            "sector": "Réemploi",
            "commune": "34142",
            "started_on": dt.date(2025, 3, 4),
            "carrier_emails": "louis.martin@example.org, ines.benali@example.org",
            "carrier_names": "Louis Martin, Inès Benali",
        },
    ],
    ImportKind.CARRIERS: [
        {"project_reference": "P-2025-001", "email": "karim.nasri@example.org", "full_name": "Karim Nasri"},
        {"project_reference": "P-2025-002", "email": "jeanne.roux@example.org", "full_name": "Jeanne Roux"},
    ],
    ImportKind.MEETINGS: [
        {
            "reference": "RDV-001",
            "project_reference": "P-2025-001",
            "date": dt.date(2025, 2, 5),
            "duration_minutes": "90",
            "kind": "Rendez-vous individuel",
            "topics": "Étude de marché, fournisseurs locaux",
            "decisions": "Rencontrer deux maraîchers",
            "next_steps": "Chiffrer le local",
            "next_meeting_on": dt.date(2025, 3, 4),
        },
        {
            "reference": "RDV-002",
            "project_reference": "P-2025-002",
            "date": dt.date(2025, 3, 18),
            "duration_minutes": "60",
            "kind": "Atelier collectif",
            "topics": "Modèle économique d'une recyclerie",
        },
    ],
    ImportKind.EXPERTS: [
        {
            "email": "nadia.haddad@example.org",
            "full_name": "Nadia Haddad",
            "domains": "Juridique, Gouvernance",
            "territories": "Hérault, Gard",
            "availability": "Le mardi après-midi",
            "is_available": "oui",
            "bio": "Juriste en droit des associations et des coopératives.",
        },
        {
            "email": "pierre.lambert@example.org",
            "full_name": "Pierre Lambert",
            "domains": "Financier",
            "territories": "Occitanie",
            "availability": "Deux demi-journées par mois",
            "is_available": "non",
            "bio": "Ancien banquier, bénévole au sein d'un réseau de financement solidaire.",
        },
    ],
    ImportKind.BUDGET: [
        {"year": 2024, "source": "Subvention de la région", "amount": "42 000"},
        {"year": 2024, "source": "Prestations vendues", "amount": "18 500,50"},
    ],
}


def filename(kind: str, fmt: str) -> str:
    return f"{FILENAMES[kind]}.{fmt}"


def table(kind: str) -> tuple[list[str], list[list]]:
    """The header and the rows of a kind's sample: the columns its rows fill, in the order of
    `columns.py` (not the first name: the sample gives full names; not the duration in hours
    beside the one in minutes; not the expert's address, which must name an expert of the pool)."""
    columns = [
        c
        for c in columns_for(kind)
        if c.name in ALWAYS_SHOWN or any(row.get(c.name) for row in SAMPLES[kind])
    ]
    rows = [[row.get(c.name, "") for c in columns] for row in SAMPLES[kind]]
    return [str(c.label) for c in columns], rows


def to_csv(kind: str) -> bytes:
    header, rows = table(kind)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(kind: str) -> bytes:
    header, rows = table(kind)
    book = Workbook()
    sheet = book.active
    sheet.title = str(ImportKind(kind).label)[:31]
    xlsx_append(sheet, header)
    for row in rows:
        xlsx_append(sheet, [v if v != "" else None for v in row])
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
    # A fixed timestamp: the file changes only when its content does.
    book.properties.created = book.properties.modified = dt.datetime(2025, 1, 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render(kind: str, fmt: str) -> tuple[bytes, str]:
    return (to_csv(kind) if fmt == "csv" else to_xlsx(kind)), FORMATS[fmt]
