"""Background work of events. `events_tick` is enqueued every few minutes (`manage.py
events_tick`, e.g. from cron every quarter of an hour): the waiting list moves on (expired
holds, places offered to the next), day-before reminders, feedback surveys after the event,
unconfirmed public registrations dropped once their link has expired. Each step is a service
acting as the "scheduled tasks" system actor; the rules of who is due are in `reminders.py`.
"""

from django.db import IntegrityError
from django_tasks import task

from essaim.core.actors import TASKS
from essaim.events import reminders
from essaim.events.services import (
    feedback_request_send,
    holds_expire,
    pending_registrations_drop,
    session_reminder_send,
)


def run_tick() -> dict[str, int]:
    """One pass of every periodic rule; returns what each did."""
    done = {"holds_expired": holds_expire(by=TASKS)}
    reminded = 0
    for registration, session in reminders.due_session_reminders():
        try:
            session_reminder_send(registration=registration, session=session, by=TASKS)
            reminded += 1
        except IntegrityError:  # sent meanwhile by another worker
            continue
    done["reminders"] = reminded
    done["feedback_requests"] = sum(
        feedback_request_send(event=event, by=TASKS) for event in reminders.due_feedback_requests()
    )
    done["pending_dropped"] = pending_registrations_drop(by=TASKS)
    return done


@task()
def events_tick() -> dict[str, int]:
    return run_tick()
