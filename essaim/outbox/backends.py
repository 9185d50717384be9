"""E-mail backend of the demo: keeps every message in the database, sends nothing.

`EMAIL_BACKEND = "essaim.outbox.backends.DemoEmailBackend"` is the default when `DEMO=true`
(docs/configuration.md). It refuses to work outside the demo, so a misconfigured production
server fails loudly instead of silently swallowing its e-mails.
"""

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend

from essaim.outbox.models import SentEmail

logger = logging.getLogger(__name__)
SUBJECT_MAX = SentEmail._meta.get_field("subject").max_length


class DemoEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently: bool = False, **kwargs) -> None:
        if not getattr(settings, "DEMO", False):
            raise ImproperlyConfigured(
                "DemoEmailBackend ne sert qu'à la démonstration (DEMO=true) : "
                "configurez un vrai EMAIL_BACKEND en production."
            )
        super().__init__(fail_silently=fail_silently, **kwargs)

    def send_messages(self, email_messages) -> int:
        rows = [
            SentEmail(
                from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
                recipients=list(message.recipients()),
                subject=str(message.subject)[:SUBJECT_MAX],
                body=str(message.body),
                has_html=any(
                    mimetype == "text/html" for _c, mimetype in getattr(message, "alternatives", [])
                ),
            )
            for message in email_messages or []
            if message.recipients()
        ]
        SentEmail.objects.bulk_create(rows)
        for row in rows:
            logger.info(
                "Courriel de démonstration enregistré : « %s » → %s", row.subject, ", ".join(row.recipients)
            )
        return len(rows)
