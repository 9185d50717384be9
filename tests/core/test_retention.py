"""The retention policy: each kind of data purged after its number of days, dry run by default."""

import datetime as dt
import io

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from django_tasks.backends.database.models import DBTaskResult

from essaim.accounts.models import Invitation, User
from essaim.audit.models import Event
from essaim.business.models import SupplierOffer
from essaim.core import retention
from essaim.evidence.models import ReportFile
from essaim.imports.models import StagedImport
from essaim.orientation.models import ContactRequest
from essaim.peers.models import Answer, Post
from tests.business.factories import OfferFactory
from tests.events.factories import EventFactory
from tests.events.factories import RegistrationFactory as EventRegistrationFactory
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import ProgrammeFactory
from tests.fairs.factories import FairFactory, ParticipantFactory
from tests.places.factories import BookingFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
POLICY = {
    "sessions": 1,
    "task_results": 30,
    "contact_requests": 365,
    "audit_events": 1825,
    "report_files": 30,
    "inactive_carriers": 1095,
    "invitations": 90,
    "unconfirmed_accounts": 30,
    "event_registrations": 730,
    "place_bookings": 730,
    "staged_imports": 1,
    "fair_participants": 730,
    "business_contacts": 730,
    "peer_posts": 730,
}


@pytest.fixture(autouse=True)
def _policy(settings):
    settings.RETENTION_DAYS = dict(POLICY)


def _ago(days: float) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def _world():
    """For each kind, one item just past its limit and one just inside it."""
    for days, key in ((2, "old"), (0.5, "new")):
        Session.objects.create(session_key=key * 8, session_data="", expire_date=_ago(days))
    for days in (31, 29):
        DBTaskResult.objects.create(
            task_path="essaim.core.tasks.purge_expired_data",
            args_kwargs={"args": [], "kwargs": {}},
            backend_name="default",
            run_after=_ago(days),
            status="SUCCEEDED",
            finished_at=_ago(days),
        )
    programme = ProgrammeFactory()
    for days in (366, 364):
        request = ContactRequest.objects.create(
            programme=programme, name="Awa", email="awa@example.org", message="Bonjour", consent_at=_ago(days)
        )
        ContactRequest.objects.filter(pk=request.pk).update(created_at=_ago(days))
    for days in (1826, 1824):
        Event.objects.create(at=_ago(days), object_type="directory.programme", action="update")
    owner = UserFactory()
    for days in (31, 29):
        report = ReportFile.objects.create(user=owner, scope="territory:national:FR", format="csv")
        ReportFile.objects.filter(pk=report.pk).update(created_at=_ago(days))
    for days in (91, 89):
        Invitation.objects.create(
            organisation=programme.organisation,
            email="invitee@example.org",
            key_digest="-",
            expires_at=_ago(days),
        )
    for days in (31, 29):
        UserFactory(
            email=f"attente{days}@example.org",
            is_active=False,
            awaiting_confirmation=True,
            date_joined=_ago(days),
        )
    for days in (731, 729):
        start = _ago(days) - dt.timedelta(hours=2)
        EventRegistrationFactory(
            event=EventFactory(published=True, sessions=[(start, start + dt.timedelta(hours=2))])
        )
    for days in (731, 729):
        BookingFactory(user=owner, starts_at=_ago(days) - dt.timedelta(hours=1), ends_at=_ago(days))
    for days in (731, 729):
        start = _ago(days) - dt.timedelta(hours=8)
        ParticipantFactory(event=FairFactory(sessions=[(start, _ago(days))]))
    for days in (731, 729):
        offer = OfferFactory(is_published=False)
        SupplierOffer.objects.filter(pk=offer.pk).update(updated_at=_ago(days))
    for days in (731, 729):
        post = Post.objects.create(
            programme=programme, author=owner, title="Un local ?", body="Qui en a un ?"
        )
        Post.objects.filter(pk=post.pk).update(updated_at=_ago(days))
    answered = Post.objects.create(programme=programme, author=owner, title="Ancienne", body="mais répondue")
    Answer.objects.create(post=answered, author=owner, body="Oui, moi.")  # answered now: kept
    Post.objects.filter(pk=answered.pk).update(updated_at=_ago(2000))
    for days in (2, 0.5):
        staged = StagedImport.objects.create(programme=programme, created_by=owner, kind="projects")
        StagedImport.objects.filter(pk=staged.pk).update(created_at=_ago(days))
    gone = UserFactory(carrier=True, email="partie@example.org", last_login=_ago(1096))
    never = UserFactory(carrier=True, email="jamais@example.org", last_login=None)
    User.objects.filter(pk=never.pk).update(date_joined=_ago(1200))
    UserFactory(carrier=True, email="recente@example.org", last_login=_ago(1000))
    UserFactory(carrier=True, expert=True, email="experte@example.org", last_login=_ago(2000))
    staff = MembershipFactory(
        user=UserFactory(carrier=True, email="equipe@example.org", last_login=_ago(2000))
    )
    return gone, never, staff.user


def test_plan_counts_what_is_due_and_writes_nothing():
    _world()
    lines = {line.kind: line.count for line in retention.plan(now=NOW)}
    assert lines == {kind: (2 if kind == "inactive_carriers" else 1) for kind in POLICY}
    assert (Session.objects.count(), DBTaskResult.objects.count(), ContactRequest.objects.count()) == (
        2,
        2,
        2,
    )
    assert (Event.objects.count(), ReportFile.objects.count()) == (2, 2)


def test_purge_removes_only_what_is_past_its_limit():
    gone, never, staff = _world()
    done = retention.purge(now=NOW)
    assert done == {kind: (2 if kind == "inactive_carriers" else 1) for kind in POLICY}
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new" * 8]
    assert DBTaskResult.objects.get().finished_at == _ago(29)
    assert ContactRequest.objects.get().created_at == _ago(364)
    assert Event.objects.get().at == _ago(1824)
    assert ReportFile.objects.get().created_at == _ago(29)
    # Inactive carriers are erased through the privacy pipeline, not deleted: the facts stay.
    gone.refresh_from_db()
    never.refresh_from_db()
    assert (gone.email, gone.is_active, never.email, never.is_active) == (
        f"supprime-{gone.pk}@anonyme.invalid",
        False,
        f"supprime-{never.pk}@anonyme.invalid",
        False,
    )
    assert sorted(User.objects.filter(is_active=True).values_list("email", flat=True)) == sorted(
        [staff.email, "recente@example.org", "experte@example.org", ReportFile.objects.get().user.email]
    )
    assert retention.purge(now=NOW) == dict.fromkeys(POLICY, 0)


def test_zero_keeps_a_kind_forever(settings):
    _world()
    settings.RETENTION_DAYS = {**POLICY, "contact_requests": 0}
    done = retention.purge(now=NOW)
    assert "contact_requests" not in done
    assert ContactRequest.objects.count() == 2


def test_deletes_in_batches(monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 2)
    programme = ProgrammeFactory()
    ContactRequest.objects.bulk_create(
        ContactRequest(programme=programme, name=f"P{i}", email="p@example.org", message="x", consent_at=NOW)
        for i in range(5)
    )
    ContactRequest.objects.update(created_at=_ago(400))
    assert retention.purge(now=NOW, kinds=["contact_requests"]) == {"contact_requests": 5}
    assert ContactRequest.objects.count() == 0


def test_every_kind_of_the_policy_has_a_purger():
    from essaim import settings as project_settings  # the real policy, not the fixture's

    assert sorted(retention.REGISTRY) == sorted(POLICY)
    assert project_settings.RETENTION_DAYS == POLICY  # the documented defaults


def test_audit_purger_follows_whichever_model_exists():
    assert retention.models_named("audit.Event", "nowhere.Gone") == [Event]


def test_command_is_a_dry_run_by_default_then_applies():
    _world()
    out = io.StringIO()
    call_command("purge", stdout=out)
    text = out.getvalue()
    assert (
        "contact_requests         1 à supprimer — demandes de contact aux dispositifs, 365 jours après leur envoi"
        in text
    )
    assert "inactive_carriers        2 à supprimer" in text
    assert text.endswith("Essai à blanc : rien n'a été supprimé. Relancez avec --apply pour purger.\n")
    assert ContactRequest.objects.count() == 2
    out = io.StringIO()
    call_command("purge", "--apply", "--only", "contact_requests", stdout=out)
    assert out.getvalue() == (
        "contact_requests         1 supprimé(s) — demandes de contact aux dispositifs, 365 jours après leur envoi\n"
    )
    assert (ContactRequest.objects.count(), Session.objects.count()) == (1, 2)


def test_enqueue_runs_the_purge_in_the_worker():
    _world()
    out = io.StringIO()
    call_command("purge", "--enqueue", stdout=out)  # test settings: tasks run immediately
    assert out.getvalue().startswith("Purge mise en file pour le worker (")
    assert ContactRequest.objects.count() == 1
