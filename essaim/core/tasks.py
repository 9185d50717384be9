"""Background work of the platform itself: the daily purge (essaim.core.retention)."""

from django_tasks import task

from essaim.core import retention


@task()
def purge_expired_data() -> dict[str, int]:
    """Apply the retention policy; returns what was removed per kind (the task's result)."""
    return retention.purge()
