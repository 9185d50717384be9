"""The territorial diagnostic as a PDF (WeasyPrint): the conductor's dashboard on paper."""

import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

# WeasyPrint and fontTools log every rendering step at INFO: keep warnings only.
for _name in ("weasyprint", "fontTools"):
    logging.getLogger(_name).setLevel(logging.WARNING)

CSS = """
@page { size: A4; margin: 18mm 15mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; } }
body { font-family: sans-serif; font-size: 9.5pt; line-height: 1.4; color: #1b1b1b; }
h1 { font-size: 18pt; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; }
.muted { color: #555; }
"""


def diagnostic_pdf(board, *, language: str = "fr") -> bytes:
    from weasyprint import CSS as StyleSheet  # heavy import (fonts, cairo): only when a PDF is asked for
    from weasyprint import HTML

    html = render_to_string(
        "network/diagnostic_pdf.html",
        {"board": board, "issued_on": timezone.localdate(), "language": language},
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[StyleSheet(string=CSS)])
