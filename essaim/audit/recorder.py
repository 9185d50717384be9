"""Writing the activity log. Services and the workflow kernel call `record`; nothing else writes.

The scope of an event (organisation, programme, project) is read from the object through its
`audit_scope()` method when it has one, else from its `programme_id` / `project_id` /
`organisation_id` fields; callers may pass it explicitly.
"""

from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import timezone

from essaim.audit.models import Action, Event
from essaim.core.actors import actor_label, is_system
from essaim.core.services import current_service, note_event

ERASED = "personne supprimée"


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields that changed."""
    return {k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]}


def _field_value(obj, name: str):
    """A concrete field's raw value (no relation walk, no property)."""
    try:
        field = obj._meta.get_field(name)
    except Exception:  # noqa: BLE001 — no such field on this model
        return None
    if not getattr(field, "concrete", False):
        return None
    return getattr(obj, field.attname, None)


def scope_of(obj: models.Model | None) -> dict:
    if obj is None:
        return {}
    scope = getattr(obj, "audit_scope", None)
    if callable(scope):
        return {k: v for k, v in scope().items() if v is not None}
    found = {}
    for key in ("organisation_id", "programme_id", "project_id"):
        value = _field_value(obj, key.removesuffix("_id"))
        if value is not None:
            found[key] = value
    if obj._meta.label_lower == "accompaniment.project":
        found["project_id"] = obj.pk
    if obj._meta.label_lower == "directory.programme":
        found["programme_id"] = obj.pk
    if obj._meta.label_lower == "directory.organisation":
        found["organisation_id"] = obj.pk
    return found


def record(
    *,
    actor,
    obj: models.Model | None,
    action: str,
    changes: dict | None = None,
    verb: str | None = None,
    comment: str = "",
    workflow: str = "",
    from_state: str = "",
    to_state: str = "",
    programme_id: int | None = None,
    project=None,
    organisation_id: int | None = None,
    at: datetime | None = None,
) -> Event:
    """Write one event. Side effect: one `audit.Event` row."""
    scope = scope_of(obj)
    if project is not None:
        scope["project_id"] = getattr(project, "pk", project)
        scope.setdefault("programme_id", getattr(project, "programme_id", None))
    if programme_id is not None:
        scope["programme_id"] = programme_id
    if organisation_id is not None:
        scope["organisation_id"] = organisation_id
    person = actor if actor is not None and not is_system(actor) and actor.is_authenticated else None
    event = Event.objects.create(
        at=at or timezone.now(),
        actor=person,
        actor_label=actor_label(actor)[:200],
        organisation_id=scope.get("organisation_id"),
        programme_id=scope.get("programme_id"),
        project_id=scope.get("project_id"),
        object_type=obj._meta.label_lower if obj is not None else (verb or current_service() or "")[:60],
        object_id=obj.pk if obj is not None else None,
        object_repr=str(obj)[:200] if obj is not None else "",
        action=str(action),
        verb=(verb or current_service() or "")[:80],
        workflow=workflow,
        from_state=str(from_state or "")[:40],
        to_state=str(to_state or "")[:40],
        comment=comment,
        changes=_plain(changes or {}),
    )
    note_event()
    return event


def record_transition(
    *, actor, obj: models.Model, workflow: str, from_state: str, to_state: str, comment: str = "", **extra
) -> Event:
    """A workflow move: the one log line of every transition of every workflow."""
    return record(
        actor=actor,
        obj=obj,
        action=Action.TRANSITION,
        workflow=workflow,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        **extra,
    )


def forget_actor(user) -> int:
    """Erasure: events keep what was done, not who (an erased person). Returns rows changed."""
    return Event.objects.filter(actor=user).update(actor=None, actor_label=ERASED)


def scrub_objects(model: type[models.Model], ids, *, replacement: str) -> int:
    """Erasure of objects' personal data in the log: their name, changes and comments go."""
    return Event.objects.filter(object_type=model._meta.label_lower, object_id__in=list(ids)).update(
        object_repr=replacement, changes={}, comment=""
    )
