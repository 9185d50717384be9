"""The audit trail: one helper that services call after every change they make."""

from datetime import date, datetime
from decimal import Decimal

from django.db import models

from essaim.accompaniment.enums import AuditAction
from essaim.accompaniment.models import AuditEvent, Project


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields that changed."""
    return {k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]}


def record(
    *,
    actor,
    obj: models.Model,
    action: str | AuditAction,
    changes: dict | None = None,
    programme_id: int | None = None,
    project: Project | None = None,
) -> AuditEvent:
    """Write one audit event. Side effect: one AuditEvent row."""
    if project is None and isinstance(obj, Project):
        project = obj
    if programme_id is None and project is not None:
        programme_id = project.programme_id
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        programme_id=programme_id,
        project=project,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        object_repr=str(obj)[:200],
        action=action,
        changes={k: _plain(v) for k, v in (changes or {}).items()},
    )
