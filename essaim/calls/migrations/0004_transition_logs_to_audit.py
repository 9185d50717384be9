"""The four transition-log tables of this app become activity-log events (`audit.Event`,
action `transition`), with their dates, actors and comments; then the tables go.

The workflows of `essaim.calls.workflows` log every move there since: pages read
`WORKFLOW.log(obj)`.
"""

from django.db import migrations

# (log model, foreign key to the object, object model, workflow name)
LOGS = [
    ("CallTransition", "call", "call", "calls.call"),
    ("ApplicationTransition", "application", "application", "calls.application"),
    ("JobOfferTransition", "offer", "joboffer", "calls.job_offer"),
    ("CandidacyTransition", "candidacy", "candidacy", "calls.candidacy"),
]


def _label(user) -> str:
    if user is None:
        return "système"
    return ((user.full_name or "").strip() or user.email or str(user.pk))[:200]


def _scope(kind: str, obj) -> tuple[int | None, int | None, str]:
    """(programme id, project id, object name) of a logged object."""
    if kind == "call":
        return obj.programme_id, None, obj.title
    if kind == "application":
        return obj.call.programme_id, obj.project_id, obj.project_name
    if kind == "joboffer":
        return obj.programme_id, obj.project_id, obj.title
    candidate = obj.candidate
    name = f"{(candidate.full_name or '').strip() or candidate.email} — {obj.offer.title}"
    return obj.offer.programme_id, obj.offer.project_id, name


def copy_logs(apps, schema_editor):
    Event = apps.get_model("audit", "Event")
    for log_name, fk, kind, workflow in LOGS:
        Log = apps.get_model("calls", log_name)
        rows = Log.objects.select_related("by", fk).order_by("at", "pk")
        events = []
        for row in rows.iterator(chunk_size=500):
            obj = getattr(row, fk)
            programme_id, project_id, name = _scope(kind, obj)
            events.append(
                Event(
                    at=row.at,
                    actor_id=row.by_id,
                    actor_label=_label(row.by),
                    programme_id=programme_id,
                    project_id=project_id,
                    object_type=f"calls.{kind}",
                    object_id=obj.pk,
                    object_repr=name[:200],
                    action="transition",
                    verb="",
                    workflow=workflow,
                    from_state=row.from_state,
                    to_state=row.to_state,
                    comment=row.comment,
                    changes={},
                )
            )
            if len(events) >= 500:
                Event.objects.bulk_create(events)
                events = []
        Event.objects.bulk_create(events)


def restore_logs(apps, schema_editor):
    """Back: the events become log rows again (the events stay in the activity log)."""
    Event = apps.get_model("audit", "Event")
    for log_name, fk, kind, workflow in LOGS:
        Log = apps.get_model("calls", log_name)
        events = Event.objects.filter(action="transition", workflow=workflow, object_type=f"calls.{kind}")
        Log.objects.bulk_create(
            Log(
                **{f"{fk}_id": event.object_id},
                from_state=event.from_state[:12],
                to_state=event.to_state[:12],
                by_id=event.actor_id,
                at=event.at,
                comment=event.comment,
            )
            for event in events.order_by("at", "pk")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0003_programme_owned"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_logs, restore_logs),
        migrations.RemoveField(
            model_name='calltransition',
            name='by',
        ),
        migrations.RemoveField(
            model_name='calltransition',
            name='call',
        ),
        migrations.RemoveField(
            model_name='candidacytransition',
            name='by',
        ),
        migrations.RemoveField(
            model_name='candidacytransition',
            name='candidacy',
        ),
        migrations.RemoveField(
            model_name='joboffertransition',
            name='by',
        ),
        migrations.RemoveField(
            model_name='joboffertransition',
            name='offer',
        ),
        migrations.DeleteModel(
            name='ApplicationTransition',
        ),
        migrations.DeleteModel(
            name='CallTransition',
        ),
        migrations.DeleteModel(
            name='CandidacyTransition',
        ),
        migrations.DeleteModel(
            name='JobOfferTransition',
        ),
    ]
