"""Background work of accompaniment: the daily reminders. Tasks receive data, never objects.

`send_reminders` is enqueued daily (`manage.py send_reminders`, e.g. from cron). Who is due is
decided by `reminders.due()`; each reminder is sent by the `reminder_send` service, as the
"scheduled tasks" system actor. The e-mails of workflow moves are sent by the workflows'
effects through `essaim.notifications` (templates under notifications/accompaniment/).
"""

from django.db import IntegrityError
from django_tasks import task

from essaim.accompaniment import reminders
from essaim.accompaniment.services import reminder_send
from essaim.core.actors import TASKS


@task()
def send_reminders() -> int:
    """Remind whoever has not answered. Returns the number of reminders that reached someone."""
    sent = 0
    for reminder in reminders.due():
        try:
            sent += bool(reminder_send(reminder=reminder, by=TASKS))
        except IntegrityError:  # sent meanwhile by another worker
            continue
    return sent
