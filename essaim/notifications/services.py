"""Notifications as templates: `notify("accompaniment/transition", to=[...], context={...})`.

Each notification is two templates under `essaim/notifications/templates/notifications/`:
`<name>.subject.txt` (one line) and `<name>.body.txt`, written in French with `{% translate %}`
/ `{% blocktranslate %}` so that English comes from the catalogue. They are rendered when the
notification is asked for (inside the service's transaction, with the objects at hand), in the
recipient's language, and handed to the task worker once the transaction commits: a refused
write sends nothing. Links in templates come from `site_url` (the `site_url` tag or the
`url` values put in the context by the caller).
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from essaim.notifications.tasks import send_email


def _address(recipient) -> str:
    if isinstance(recipient, str):
        return recipient
    if not getattr(recipient, "is_active", True):
        return ""
    return getattr(recipient, "email", "") or ""


def render(name: str, context: dict, *, language: str | None = None) -> tuple[str, str]:
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"notifications/{name}.subject.txt", context).strip()
        body = render_to_string(f"notifications/{name}.body.txt", context).strip() + "\n"
    return " ".join(subject.split()), body


def notify(
    name: str, *, to: Iterable, context: dict, language: str | None = None, reply_to: Iterable[str] = ()
) -> int:
    """Render notification `name` for these recipients and send it through the task worker.

    `reply_to`: the addresses answers go to (a carrier's, for the staff they wrote to).
    Side effects: one task enqueued after commit (none when nobody has an address).
    Returns the number of distinct addresses.
    """
    emails = sorted({a for a in (_address(r) for r in to) if a})
    if not emails:
        return 0
    subject, body = render(name, context, language=language)
    answers = [a for a in reply_to if a]
    transaction.on_commit(lambda: send_email.enqueue(subject, body, emails, reply_to=answers or None))
    return len(emails)
