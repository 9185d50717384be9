"""The attendance certificate of a training, as a PDF (WeasyPrint), for a person who came."""

import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from essaim.core.french import count_words

# WeasyPrint and fontTools log every rendering step at INFO: keep warnings only.
for _name in ("weasyprint", "fontTools"):
    logging.getLogger(_name).setLevel(logging.WARNING)

CSS = """
@page { size: A4; margin: 25mm 20mm; }
body { font-family: sans-serif; font-size: 12pt; line-height: 1.5; color: #1b1b1b; }
h1 { font-size: 20pt; margin-bottom: 12mm; }
.signature { margin-top: 20mm; }
"""


def certificate_context(registration) -> dict:
    sessions = [
        a.session for a in registration.attendances.select_related("session").order_by("session__starts_at")
    ]
    minutes = sum(s.minutes for s in sessions)
    hours, rest = divmod(minutes, 60)
    duration = f"{hours}\u00a0h\u00a0{rest:02d}" if rest else count_words(hours, "heure", "heures")
    return {
        "registration": registration,
        "event": registration.event,
        "sessions": sessions,
        "duration": duration,
        "issued_on": timezone.localdate(),
    }


def certificate_pdf(registration) -> bytes:
    from weasyprint import CSS as StyleSheet  # heavy import (fonts, cairo): only when a PDF is asked for
    from weasyprint import HTML

    html = render_to_string("web/events/certificate_pdf.html", certificate_context(registration))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[StyleSheet(string=CSS)])
