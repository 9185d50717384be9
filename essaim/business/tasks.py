"""Background work of the business flows. `business_tick` runs daily (settings.PERIODIC_TASKS):
requests past their deadline are closed and their buyers surveyed; open requests that found too
few interested suppliers reach the next batch. Each step is a service acting as the "scheduled
tasks" system actor; who is due is decided in `reminders.py`."""

from django_tasks import task

from essaim.business import reminders
from essaim.business.enums import RequestState
from essaim.business.services import request_expire, routing_next_batch, survey_send
from essaim.core.actors import TASKS


def run_tick() -> dict[str, int]:
    """One pass of every periodic rule; returns what each did."""
    batches = sum(len(routing_next_batch(request=r, by=TASKS)) > 0 for r in reminders.due_next_batches())
    surveys = 0
    for request in reminders.due_surveys():
        if request.state == RequestState.OPEN:
            request = request_expire(request=request, by=TASKS)
        surveys += survey_send(request=request, by=TASKS)
    return {"batches": batches, "surveys": surveys}


@task()
def business_tick() -> dict[str, int]:
    return run_tick()
