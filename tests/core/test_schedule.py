from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

from essaim.core import schedule

pytestmark = pytest.mark.django_db
NAMES = ["accompaniment_reminders", "business", "contact_reminders", "events", "registry", "retention_purge"]


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def test_every_periodic_task_exists_and_is_a_task():
    assert [name for name, _path, _seconds in schedule.jobs()] == NAMES
    for _name, path, seconds in schedule.jobs():
        assert hasattr(schedule.import_string(path), "enqueue")
        assert 60 <= seconds <= 7 * 86400


def test_a_tick_enqueues_each_job_once_per_interval(monkeypatch):
    timeouts = {}
    real_add = cache.add

    def add(key, value, timeout):
        timeouts[key] = timeout
        return real_add(key, value, timeout=timeout)

    monkeypatch.setattr(schedule.cache, "add", add)
    first = schedule.tick()  # the tests' task backend runs each task at once: they all work
    assert [job.name for job in first] == NAMES
    assert schedule.tick() == []  # the same minute, or another scheduler: nothing twice
    assert timeouts["essaim:periodic:events"] == 900
    assert timeouts["essaim:periodic:retention_purge"] == 86400

    cache.delete("essaim:periodic:events")  # its interval has elapsed
    assert [job.name for job in schedule.tick()] == ["events"]


def test_a_job_set_to_zero_is_off(settings):
    settings.PERIODIC_TASKS = {**settings.PERIODIC_TASKS, "events": ("essaim.events.tasks.events_tick", 0)}
    assert "events" not in [job.name for job in schedule.tick()]


def test_the_command_says_what_it_enqueued():
    out = StringIO()
    call_command("tick", stdout=out)
    assert [line.split(" : ")[0] for line in out.getvalue().splitlines()] == NAMES
    out = StringIO()
    call_command("tick", stdout=out, verbosity=2)
    assert out.getvalue() == "Aucune tâche périodique à lancer.\n"
