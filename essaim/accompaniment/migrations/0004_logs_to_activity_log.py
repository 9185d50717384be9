"""Move accompaniment's two logs into the platform's activity log (`audit.Event`).

- every `AuditEvent` row becomes an event with its date, actor and changes; a project's stage
  move becomes a workflow event (`workflow = "project"`, from/to the stage's name or
  "abandoned", the comment of the matching stage-history row);
- every `ReferralEvent` that records a move (not the proposal, already an `AuditEvent`) becomes
  a workflow event (`workflow = "referral"`, from/to the statuses, its comment); the old
  `AuditEvent` duplicates of these moves are not copied twice;
- events of projects already anonymised lose their name, changes and comments (erasure).

`StageTransition` stays: it is the projects' stage history, not a log. The tables are dropped
by the next migration.
"""

from django.db import migrations

ERASED = "personne supprimée"
SYSTEM = "système"
ABANDONED = "abandoned"


def _label(user) -> str:
    if user is None:
        return SYSTEM
    if not user.is_active and user.email.startswith("supprime-"):
        return ERASED
    return (user.full_name or "").strip() or user.email


def _stage_state(stage_names, stage_id, status) -> str:
    if status == ABANDONED:
        return ABANDONED
    return stage_names.get(stage_id, "")[:40]


def copy_logs(apps, schema_editor):
    AuditEvent = apps.get_model("accompaniment", "AuditEvent")
    ReferralEvent = apps.get_model("accompaniment", "ReferralEvent")
    StageTransition = apps.get_model("accompaniment", "StageTransition")
    PipelineStage = apps.get_model("accompaniment", "PipelineStage")
    Project = apps.get_model("accompaniment", "Project")
    Event = apps.get_model("audit", "Event")
    stage_names = dict(PipelineStage.objects.values_list("pk", "name"))
    events = []
    for old in AuditEvent.objects.select_related("actor").order_by("at", "pk").iterator():
        is_move = old.action == "transition"
        if is_move and old.object_type == "accompaniment.referral":
            continue  # copied from ReferralEvent below, with its comment
        event = Event(
            at=old.at,
            actor_id=old.actor_id,
            actor_label=_label(old.actor)[:200],
            programme_id=old.programme_id,
            project_id=old.project_id,
            object_type=old.object_type,
            object_id=old.object_id,
            object_repr=old.object_repr,
            action=old.action,
            changes={k: v for k, v in (old.changes or {}).items() if k != "comment"},
        )
        if is_move and old.object_type == "accompaniment.project":
            move = (
                StageTransition.objects.filter(project_id=old.object_id, at__lte=old.at)
                .order_by("-at", "-pk")
                .first()
            )
            event.workflow = "project"
            if move is not None:
                event.from_state = _stage_state(stage_names, move.from_stage_id, move.from_status)
                event.to_state = _stage_state(stage_names, move.to_stage_id, move.to_status)
                event.comment = move.comment
            else:
                event.comment = str((old.changes or {}).get("comment", ""))
        events.append(event)
    moves = ReferralEvent.objects.exclude(from_status="").select_related(
        "by", "referral__project", "referral__from_programme", "referral__to_programme"
    )
    for old in moves.order_by("at", "pk").iterator():
        referral = old.referral
        events.append(
            Event(
                at=old.at,
                actor_id=old.by_id,
                actor_label=_label(old.by)[:200],
                programme_id=referral.from_programme_id,
                project_id=referral.project_id,
                object_type="accompaniment.referral",
                object_id=referral.pk,
                object_repr=(
                    f"{referral.project.name}: {referral.from_programme.name} → {referral.to_programme.name}"
                )[:200],
                action="transition",
                workflow="referral",
                from_state=old.from_status,
                to_state=old.to_status,
                comment=old.comment,
                changes={"shared_fields": referral.shared_fields} if old.to_status == "proposed" else {},
            )
        )
    Event.objects.bulk_create(events, batch_size=1000)
    for project in Project.objects.filter(is_anonymised=True).only("pk", "name"):
        Event.objects.filter(project_id=project.pk).update(object_repr=project.name, changes={}, comment="")


class Migration(migrations.Migration):
    dependencies = [
        ("accompaniment", "0003_meeting_programme"),
        ("audit", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_logs, migrations.RunPython.noop)]
