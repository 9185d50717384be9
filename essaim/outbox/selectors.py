from essaim.outbox.models import SentEmail


def sent_emails():
    """The demo's e-mails, newest first."""
    return SentEmail.objects.order_by("-sent_at", "-pk")
