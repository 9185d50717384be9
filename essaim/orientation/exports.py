"""The coverage of every département as CSV (served by the API and the web pages)."""

import csv

from django.conf import settings
from django.http import HttpResponse

from essaim.orientation.index import STAGES
from essaim.orientation.selectors import departement_summaries

COVERAGE_SOURCE = "Essaim — annuaire des dispositifs d'appui à la création d'entreprises sociales"
COVERAGE_HEADER = [
    "code_departement",
    "departement",
    "code_region",
    "region",
    "dispositifs",
    "etapes_couvertes",
    *STAGES,
    "lacunes",
    "source",
    "licence",
]


def coverage_rows() -> list[list]:
    licence = str(settings.ESSAIM_DATA_LICENCE)
    return [
        [
            s.code,
            s.name,
            s.region_code,
            s.region_name,
            s.programmes,
            s.stages_covered,
            *(1 if stage in s.stages else 0 for stage in STAGES),
            " ".join(s.gaps),
            COVERAGE_SOURCE,
            licence,
        ]
        for s in departement_summaries()
    ]


def coverage_csv_response(filename: str = "couverture-departements.csv") -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(COVERAGE_HEADER)
    writer.writerows(coverage_rows())
    return response
