"""A participant's sheet for the day, as a PDF (WeasyPrint, as the events' certificates): its
meetings in time order, each with the table and the other party."""

from django.conf import settings
from django.template.loader import render_to_string

from essaim.events import certificates  # noqa: F401 — quiets WeasyPrint's logging, as for certificates
from essaim.fairs.selectors import schedule_of

CSS = """
@page { size: A4; margin: 20mm 18mm; }
body { font-family: sans-serif; font-size: 11pt; line-height: 1.45; color: #1b1b1b; }
h1 { font-size: 18pt; margin-bottom: 4mm; }
table { width: 100%; border-collapse: collapse; margin-top: 6mm; }
th, td { text-align: left; padding: 2mm; border-bottom: 0.3mm solid #999; vertical-align: top; }
"""


def sheet_context(participant) -> dict:
    return {"participant": participant, "event": participant.event, "meetings": schedule_of(participant)}


def sheet_pdf(participant) -> bytes:
    from weasyprint import CSS as StyleSheet  # heavy import (fonts, cairo): only when a PDF is asked for
    from weasyprint import HTML

    html = render_to_string("web/fairs/sheet_pdf.html", sheet_context(participant))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[StyleSheet(string=CSS)])
