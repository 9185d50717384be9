"""Keep the reporting facts in step with the operational data.

Evidence listens to the apps it reads (nothing there knows about evidence). Changes are
collected per transaction and the touched projects are refreshed once, after the commit.
Imported by `EvidenceConfig.ready`, once the models are loaded.
"""

from __future__ import annotations

import logging
import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from essaim.accompaniment.models import Checkin, Project, StageTransition
from essaim.evidence.facts import facts_refresh
from essaim.evidence.models import CheckinFigures, Enterprise
from essaim.financing.models import FinancingResource

_pending = threading.local()
logger = logging.getLogger("essaim.evidence")


def _flush() -> None:
    ids = getattr(_pending, "ids", set())
    _pending.ids = set()
    if not ids:
        return
    try:
        facts_refresh(ids)
    except Exception:  # the user's change is committed: a stale report must not turn it into an error
        logger.exception("evidence facts refresh failed for projects %s", sorted(ids))


def touch(project_id: int | None) -> None:
    """Refresh this project's facts after the current transaction commits."""
    if not project_id:
        return
    ids = getattr(_pending, "ids", None)
    if ids is None:
        ids = _pending.ids = set()
    ids.add(project_id)
    # One callback per change: the first to run flushes them all, the others find nothing.
    # (A rolled-back transaction drops its callbacks; its ids are flushed with the next commit.)
    transaction.on_commit(_flush)


def _project(sender, instance, **kwargs):
    touch(instance.pk)


def _by_project(sender, instance, **kwargs):
    touch(getattr(instance, "project_id", None))


def _by_plan(sender, instance, **kwargs):
    plan = getattr(instance, "plan", None)
    touch(plan.project_id if plan is not None else None)


def _by_checkin(sender, instance, **kwargs):
    checkin = getattr(instance, "checkin", None)
    touch(checkin.project_id if checkin is not None else None)


def connect() -> None:
    post_save.connect(_project, sender=Project, dispatch_uid="evidence_project")
    for model in (StageTransition, Checkin, Enterprise):
        post_save.connect(_by_project, sender=model, dispatch_uid=f"evidence_{model.__name__}")
        post_delete.connect(_by_project, sender=model, dispatch_uid=f"evidence_del_{model.__name__}")
    post_save.connect(_by_plan, sender=FinancingResource, dispatch_uid="evidence_resource")
    post_delete.connect(_by_plan, sender=FinancingResource, dispatch_uid="evidence_del_resource")
    post_save.connect(_by_checkin, sender=CheckinFigures, dispatch_uid="evidence_figures")
