"""Background work of orientation: the e-mail of a contact request, and the daily reminders of the
requests nobody answered. Tasks receive ids, never objects.

The e-mail is the notification `orientation/contact_request` (templates under
essaim/notifications/templates/notifications/orientation/); replies go to the carrier.
`send_contact_reminders` is enqueued daily (`manage.py send_contact_reminders`, beside
`send_reminders`); who is due is `reminders.due()`, each reminder is sent by the
`contact_reminder_send` service as the "scheduled tasks" system actor.
"""

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone, translation
from django_tasks import task

from essaim.core.actors import TASKS
from essaim.directory.enums import LifeStage, Need
from essaim.notifications.services import render
from essaim.notifications.tasks import send_email
from essaim.notifications.urls import site_url
from essaim.orientation import reminders
from essaim.orientation.models import ContactRequest, Recipient
from essaim.orientation.recipients import contact_request_recipients
from essaim.orientation.wording import in_place


@task()
def notify_contact_request(contact_request_id: int) -> int:
    """Send the carrier's message to its recipients; returns the number of addresses.

    Sent here, in the worker, so that `notified_at` is the time the message actually left.
    """
    request = ContactRequest.objects.select_related(
        "programme__organisation", "ecosystem__leader", "commune"
    ).get(pk=contact_request_id)
    recipients = contact_request_recipients(request)
    if not recipients:
        return 0
    commune = request.commune
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "request": request,
            "is_ecosystem": request.recipient == Recipient.ECOSYSTEM,
            "is_territory": request.recipient == Recipient.TERRITORY,
            "where": in_place("commune", commune.pk, commune.name) if commune else "",
            "stage_label": str(LifeStage(request.stage).label) if request.stage else "",
            "needs_label": ", ".join(str(Need(n).label) for n in request.needs or ()),
            "url": site_url("workspace:contact_request", request.pk),
        }
    subject, body = render("orientation/contact_request", context)
    # The carrier is the one to answer: replies go to them, not to the platform.
    sent = send_email.call(subject, body, recipients, reply_to=[request.email])
    ContactRequest.objects.filter(pk=request.pk).update(notified_at=timezone.now())
    return sent


@task()
def send_contact_reminders() -> int:
    """Remind the recipients of the requests nobody answered. Returns the reminders sent."""
    # cycle: services enqueue this module's notify_contact_request
    from essaim.orientation.services import contact_reminder_send

    sent = 0
    for reminder in reminders.due():
        try:
            sent += bool(contact_reminder_send(reminder=reminder, by=TASKS))
        except IntegrityError:  # sent meanwhile by another worker
            continue
    return sent
