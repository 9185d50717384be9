"""Migration 0004: accompaniment's old logs (AuditEvent, ReferralEvent) move into the activity
log with their dates, actors and comments, once each; anonymised projects leave no name there."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories.accounts import UserFactory
from tests.factories.directory import ProgrammeFactory

BEFORE = [("accompaniment", "0003_meeting_programme")]
AFTER = [("accompaniment", "0004_logs_to_activity_log")]

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps(territories):
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _world(apps):
    """People and programmes through today's factories (their tables do not change here), the
    accompaniment rows through the models as they were before 0004."""
    at = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 0))
    User = apps.get_model("accounts", "User")
    claire = User.objects.get(pk=UserFactory(email="claire@example.org", full_name="Claire Martin").pk)
    gone = User.objects.get(
        pk=UserFactory(email="supprime-9@anonyme.invalid", full_name="", is_active=False).pk
    )
    Programme = apps.get_model("directory", "Programme")
    a = Programme.objects.get(pk=ProgrammeFactory(name="Incubateur A").pk)
    b = Programme.objects.get(pk=ProgrammeFactory(name="Pépinière B").pk)
    pipeline = apps.get_model("accompaniment", "ProgrammePipeline").objects.create(
        programme=a, model="carrier", template="carrier", name="Porteurs"
    )
    Stage = apps.get_model("accompaniment", "PipelineStage")
    selection = Stage.objects.create(
        pipeline=pipeline, key="selection", name="Sélection", life_stage="emergence", position=10
    )
    feas = Stage.objects.create(
        pipeline=pipeline,
        key="faisabilite",
        name="Opportunité et faisabilité",
        life_stage="emergence",
        position=20,
    )
    Project = apps.get_model("accompaniment", "Project")
    common = {"programme": a, "model": "carrier", "started_on": at.date(), "stage_entered_on": at.date()}
    cantine = Project.objects.create(name="Cantine partagée", stage=feas, **common)
    secret = Project.objects.create(
        name="Projet anonymisé n° 99", stage=selection, is_anonymised=True, **common
    )
    return at, claire, gone, a, b, selection, feas, cantine, secret


def test_old_logs_are_copied_once_with_their_dates_actors_and_comments(old_apps):
    apps = old_apps
    at, claire, gone, a, b, selection, feas, cantine, secret = _world(apps)
    AuditEvent = apps.get_model("accompaniment", "AuditEvent")
    StageTransition = apps.get_model("accompaniment", "StageTransition")
    move = StageTransition.objects.create(
        project=cantine,
        from_stage=selection,
        to_stage=feas,
        from_status="active",
        to_status="active",
        by=claire,
        comment="Comité favorable",
    )
    StageTransition.objects.filter(pk=move.pk).update(at=at)
    scope = {"programme_id": a.pk, "object_type": "accompaniment.project"}
    AuditEvent.objects.create(
        actor=claire,
        project=cantine,
        object_id=cantine.pk,
        object_repr="Cantine partagée",
        action="create",
        changes={"name": "Cantine partagée"},
        **scope,
    )
    AuditEvent.objects.create(
        actor=claire,
        project=cantine,
        object_id=cantine.pk,
        object_repr="Cantine partagée",
        action="transition",
        changes={"stage": [selection.pk, feas.pk], "comment": "Comité favorable"},
        **scope,
    )
    AuditEvent.objects.create(
        actor=None,
        project=secret,
        object_id=secret.pk,
        object_repr="Épicerie d'Awa Diallo",
        action="update",
        changes={"summary": ["", "Awa Diallo, 06 12 34 56 78"]},
        **scope,
    )
    AuditEvent.objects.filter(action="transition").update(at=at + dt.timedelta(seconds=1))
    Referral = apps.get_model("accompaniment", "Referral")
    referral = Referral.objects.create(project=cantine, from_programme=a, to_programme=b, message="Locaux")
    ReferralEvent = apps.get_model("accompaniment", "ReferralEvent")
    ReferralEvent.objects.create(referral=referral, to_status="awaiting_consent", by=claire, comment="Locaux")
    consent = ReferralEvent.objects.create(
        referral=referral,
        from_status="awaiting_consent",
        to_status="declined_by_carrier",
        by=gone,
        comment="Non merci",
    )
    AuditEvent.objects.create(
        actor=gone,
        project=cantine,
        programme_id=a.pk,
        object_type="accompaniment.referral",
        object_id=referral.pk,
        object_repr="x",
        action="transition",
        changes={},
    )

    new_apps = migrate(AFTER)
    Event = new_apps.get_model("audit", "Event")
    rows = list(
        Event.objects.order_by("object_type", "action", "pk").values(
            "object_type",
            "action",
            "workflow",
            "from_state",
            "to_state",
            "comment",
            "actor_label",
            "actor_id",
            "programme_id",
            "project_id",
        )
    )
    assert rows == [
        {
            "object_type": "accompaniment.project",
            "action": "create",
            "workflow": "",
            "from_state": "",
            "to_state": "",
            "comment": "",
            "actor_label": "Claire Martin",
            "actor_id": claire.pk,
            "programme_id": a.pk,
            "project_id": cantine.pk,
        },
        {
            "object_type": "accompaniment.project",
            "action": "transition",
            "workflow": "project",
            "from_state": "Sélection",
            "to_state": "Opportunité et faisabilité",
            "comment": "Comité favorable",
            "actor_label": "Claire Martin",
            "actor_id": claire.pk,
            "programme_id": a.pk,
            "project_id": cantine.pk,
        },
        {
            "object_type": "accompaniment.project",
            "action": "update",
            "workflow": "",
            "from_state": "",
            "to_state": "",
            "comment": "",
            "actor_label": "système",
            "actor_id": None,
            "programme_id": a.pk,
            "project_id": secret.pk,
        },
        {
            "object_type": "accompaniment.referral",
            "action": "transition",
            "workflow": "referral",
            "from_state": "awaiting_consent",
            "to_state": "declined_by_carrier",
            "comment": "Non merci",
            "actor_label": "personne supprimée",
            "actor_id": gone.pk,
            "programme_id": a.pk,
            "project_id": cantine.pk,
        },
    ]
    assert Event.objects.get(action="transition", workflow="referral").at == consent.at
    assert Event.objects.get(workflow="project").changes == {"stage": [selection.pk, feas.pk]}
    anonymised = Event.objects.get(project_id=secret.pk)
    assert (anonymised.object_repr, anonymised.changes) == ("Projet anonymisé n° 99", {})
    assert "Awa" not in str(list(Event.objects.values()))
