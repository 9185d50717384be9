"""The worker side of notifications: sending messages already rendered. Tasks receive data only."""

from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_email(subject: str, body: str, recipients: list[str], reply_to: list[str] | None = None) -> int:
    """Send one message to these addresses; `reply_to`, where answers should go (e.g. a carrier)."""
    emails = sorted({e for e in recipients if e})
    if not emails:
        return 0
    EmailMessage(subject, body, None, emails, reply_to=[a for a in reply_to or () if a] or None).send()
    return len(emails)
