"""The referral network and the conductor's dashboard of a territory or an ecosystem.

Every view fetches its subject through `network.selectors` (404 unknown or not theirs, 403 when
the reader is not a local-authority viewer of the territory or the ecosystem's leader staff);
figures come from `network.network` and `network.conductor`, already protected.
"""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from essaim.core.spreadsheet import csv_cell
from essaim.network.conductor import dashboard
from essaim.network.network import network
from essaim.network.pdf import diagnostic_pdf
from essaim.network.selectors import ecosystem_subject_for, territory_subject_for


def subject_of(request, level: str = "", code: str = "", slug: str = ""):
    if slug:
        return ecosystem_subject_for(request.user, slug)
    return territory_subject_for(request.user, level, code)


def urls_of(subject) -> dict:
    if subject.kind == "ecosystem":
        kind, kwargs = "ecosystem", {"slug": subject.ecosystem.slug}
    else:
        kind, kwargs = "territory", {"level": subject.level, "code": subject.code}
    names = ("conductor", "diagnostic", "network", "network_csv")
    return {name: reverse(f"network:{kind}_{name}", kwargs=kwargs) for name in names}


@require_GET
def conductor(request, **pieces):
    subject = subject_of(request, **pieces)
    board = dashboard(subject, user=request.user)
    context = {"board": board, "subject": subject, "net": board.network, "urls": urls_of(subject)}
    return render(request, "network/conductor.html", context)


@require_GET
def network_page(request, **pieces):
    subject = subject_of(request, **pieces)
    net = network(subject, user=request.user)
    return render(request, "network/network.html", {"net": net, "subject": subject, "urls": urls_of(subject)})


def _filename(subject, suffix: str) -> str:
    return f"essaim-{slugify(subject.label) or subject.kind}-{suffix}"


@require_GET
def network_csv(request, **pieces):
    subject = subject_of(request, **pieces)
    graph = network(subject, user=request.user).graph
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(subject, "reseau.csv")}"'
    response.write("\ufeff")  # spreadsheet software reads the accents right with a BOM
    writer = csv.writer(response, delimiter=";")
    for row in graph.csv_rows():
        writer.writerow([csv_cell(cell) for cell in row])
    return response


@require_GET
def diagnostic(request, **pieces):
    subject = subject_of(request, **pieces)
    board = dashboard(subject, user=request.user)
    response = HttpResponse(diagnostic_pdf(board, language=get_language()), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(subject, "diagnostic.pdf")}"'
    return response
