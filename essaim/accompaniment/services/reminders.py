"""Writes of reminders: one reminder sent and remembered (the rules are in `reminders.py`)."""

from essaim.accompaniment.models import ReminderLog
from essaim.accompaniment.reminders import Reminder
from essaim.audit import recorder
from essaim.audit.models import Action
from essaim.core.services import service
from essaim.notifications.services import notify


@service
def reminder_send(*, reminder: Reminder, by) -> int:
    """Send one due reminder and remember it, so that each delay fires once.

    Side effects: one ReminderLog, one event, an e-mail to the recipients. Returns the number
    of addresses written to. A reminder already sent (another worker) raises IntegrityError.
    """
    log = ReminderLog.objects.create(kind=reminder.kind, object_id=reminder.obj.pk, delay_days=reminder.delay)
    sent = notify(reminder.notification, to=reminder.recipients, context=reminder.context)
    project = reminder.obj.project
    recorder.record(
        actor=by, obj=log, action=Action.CREATE, project=project, programme_id=project.programme_id
    )
    return sent
