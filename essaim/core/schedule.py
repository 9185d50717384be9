"""Periodic jobs, one way for all: `manage.py tick` enqueues each task of
`settings.PERIODIC_TASKS` whose interval has elapsed, for the task worker to run.

The scheduler loop (make demo, scripts/run_production.sh) runs `tick` every minute. A job's turn
is claimed with `cache.add` on the shared cache (the database cache by default, Redis when
configured): the key lives for the job's interval, so two schedulers, or two ticks in the same
minute, enqueue a job once per interval. Losing the cache only brings a job's next run forward;
every periodic task is written to be run again without harm (reminders record what they sent,
the purge removes what is already expired, the events' task moves holds that are due).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.module_loading import import_string

KEY = "essaim:periodic:{name}"


@dataclass(frozen=True)
class Enqueued:
    name: str
    task_id: str


def jobs() -> list[tuple[str, str, int]]:
    """(name, task path, interval in seconds) of the jobs turned on, by name."""
    return [
        (name, path, seconds)
        for name, (path, seconds) in sorted(settings.PERIODIC_TASKS.items())
        if seconds > 0
    ]


def tick() -> list[Enqueued]:
    """Enqueue every job whose turn has come; returns what was enqueued."""
    enqueued = []
    now = timezone.now().isoformat()
    for name, path, seconds in jobs():
        if not cache.add(KEY.format(name=name), now, timeout=seconds):
            continue
        result = import_string(path).enqueue()
        enqueued.append(Enqueued(name, str(result.id)))
    return enqueued
