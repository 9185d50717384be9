"""The worker side of notifications: sending messages already rendered. Tasks receive data only."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(subject: str, body: str, recipients: list[str]) -> int:
    emails = sorted({e for e in recipients if e})
    if not emails:
        return 0
    send_mail(subject, body, None, emails)
    return len(emails)
