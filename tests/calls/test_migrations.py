"""Migration 0004: the old transition-log rows become activity-log events, dates and actors kept.

The log tables are dropped by the migration itself: the test builds them as they were (the
historical models of 0003) inside its transaction, fills them and runs the copy.
"""

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from essaim.audit.models import Event
from essaim.calls.workflows import APPLICATION_WORKFLOW, CALL_WORKFLOW, CANDIDACY_WORKFLOW, JOB_OFFER_WORKFLOW
from tests.factories.accounts import UserFactory
from tests.factories.calls import ApplicationFactory, CandidacyFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("essaim.calls.migrations.0004_transition_logs_to_audit")


@pytest.fixture
def old_apps():
    """The apps as of 0003, with the four log tables created for this test only."""
    nodes = [("calls", "0003_programme_owned"), ("audit", "0001_initial")]
    apps = MigrationLoader(connection).project_state(nodes).apps
    editor = connection.schema_editor(collect_sql=True)
    editor.deferred_sql = []  # indexes and constraints: not needed here (what __enter__ would set)
    for name in ("CallTransition", "ApplicationTransition", "JobOfferTransition", "CandidacyTransition"):
        editor.create_model(apps.get_model("calls", name))
    with connection.cursor() as cursor:
        for statement in editor.collected_sql:
            cursor.execute(statement)
    return apps


def test_log_rows_become_transition_events(old_apps):
    application = ApplicationFactory(submitted=True, project_name="Recyclerie")
    candidacy = CandidacyFactory(candidate=UserFactory(full_name="Nadia Haddad"))
    staff = UserFactory(full_name="Claire Dupuis")
    day = timezone.make_aware(dt.datetime(2025, 3, 4, 10, 0))
    old = {name: old_apps.get_model("calls", name) for name in ("CallTransition", "ApplicationTransition")}
    old["CallTransition"].objects.create(
        call_id=application.call_id, from_state="draft", to_state="open", by_id=staff.pk, at=day, comment="Go"
    )
    old["ApplicationTransition"].objects.create(
        application_id=application.pk, from_state="", to_state="draft", by_id=application.carrier_id, at=day
    )
    old["ApplicationTransition"].objects.create(
        application_id=application.pk,
        from_state="draft",
        to_state="submitted",
        by_id=application.carrier_id,
        at=day + dt.timedelta(days=1),
    )
    old_apps.get_model("calls", "JobOfferTransition").objects.create(
        offer_id=candidacy.offer_id, from_state="draft", to_state="published", by=None, at=day
    )
    old_apps.get_model("calls", "CandidacyTransition").objects.create(
        candidacy_id=candidacy.pk, from_state="submitted", to_state="rejected", by_id=staff.pk, at=day
    )

    migration.copy_logs(old_apps, None)

    call_log = list(CALL_WORKFLOW.log(application.call))
    assert [(e.at, e.actor, e.actor_label, e.from_state, e.to_state, e.comment) for e in call_log] == [
        (day, staff, "Claire Dupuis", "draft", "open", "Go")
    ]
    assert call_log[0].programme_id == application.call.programme_id
    assert [(e.from_state, e.to_state, e.object_repr) for e in APPLICATION_WORKFLOW.log(application)] == [
        ("", "draft", "Recyclerie"),
        ("draft", "submitted", "Recyclerie"),
    ]
    offer_log = list(JOB_OFFER_WORKFLOW.log(candidacy.offer))
    assert [(e.actor, e.actor_label, e.to_state) for e in offer_log] == [(None, "système", "published")]
    candidacy_log = list(CANDIDACY_WORKFLOW.log(candidacy))
    assert [(e.to_state, e.object_repr) for e in candidacy_log] == [
        ("rejected", f"Nadia Haddad — {candidacy.offer.title}")
    ]
    assert Event.objects.filter(action="transition").count() == 5

    migration.restore_logs(old_apps, None)
    assert old["ApplicationTransition"].objects.count() == 4
