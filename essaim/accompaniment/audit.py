"""Deprecated: the activity log is `essaim.audit` (one log for every app).

This forwarder keeps the old call `accompaniment.audit.record(..., project=...)` working for
the apps that still use it (calls, evidence); accompaniment itself no longer does. Remove it
once nothing imports it.
"""

from essaim.audit import recorder

diff = recorder.diff
snapshot = recorder.snapshot


def record(*, actor, obj, action, changes=None, programme_id=None, project=None):
    """Write one activity-log event (see `essaim.audit.record`)."""
    return recorder.record(
        actor=actor, obj=obj, action=str(action), changes=changes, programme_id=programme_id, project=project
    )
