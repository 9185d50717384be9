"""Reminders of the contact requests nobody answered (essaim/orientation/reminders.py and the
task that runs them): once per delay, at a fixed time, to the recipients or to the handler."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.management import call_command

from essaim.audit.models import Event
from essaim.core.actors import TASKS
from essaim.orientation import reminders
from essaim.orientation.models import ContactReminder, ContactRequest
from essaim.orientation.services import contact_reminder_send, contact_request_assign, contact_request_create
from essaim.orientation.tasks import send_contact_reminders
from tests.factories.accounts import MembershipFactory
from tests.factories.directory import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
SENT = datetime(2025, 3, 3, 9, 30, tzinfo=PARIS)  # a Monday morning


def at(days: int, hour: int = 7) -> datetime:
    return (SENT + timedelta(days=days)).replace(hour=hour, minute=0)


@pytest.fixture
def staff():
    organisation = OrganisationFactory(email="")
    return MembershipFactory(organisation=organisation, user__email="equipe@incubateur.example").user


@pytest.fixture
def pending(staff):
    programme = ProgrammeFactory(
        organisation=staff.memberships.get().organisation, contact_email="accueil@incubateur.example"
    )
    request = contact_request_create(
        programme=programme,
        name="Camille",
        email="camille@example.org",
        message="Bonjour",
        consent=True,
        by=AnonymousUser(),
    )
    ContactRequest.objects.filter(pk=request.pk).update(created_at=SENT)
    mail.outbox.clear()
    return ContactRequest.objects.get(pk=request.pk)


def send_at(now, capture):
    with capture(execute=True):
        return sum(bool(contact_reminder_send(reminder=r, by=TASKS)) for r in reminders.due(now))


def test_the_largest_delay_reached_is_due():
    assert [reminders.due_delay(age, [3, 7, 14]) for age in (0, 2, 3, 6, 7, 13, 14, 40)] == [
        None,
        None,
        3,
        3,
        7,
        7,
        14,
        14,
    ]


def test_delays_come_from_the_settings(settings):
    assert reminders.delays() == [3, 7, 14]
    settings.ORIENTATION_CONTACT_REMINDER_DELAYS = (10, 2, 0, 2)
    assert reminders.delays() == [2, 10]


def test_each_delay_fires_once_at_a_fixed_time(pending, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    assert send_at(at(2, hour=23), capture) == 0
    assert send_at(at(3), capture) == 1
    assert send_at(at(3, hour=18), capture) == 0  # the same day again: nothing
    assert send_at(at(6), capture) == 0
    assert send_at(at(7), capture) == 1
    assert send_at(at(20), capture) == 1
    assert send_at(at(30), capture) == 0
    assert list(ContactReminder.objects.values_list("delay_days", "recipients")) == [(3, 2), (7, 2), (14, 2)]
    assert len(mail.outbox) == 3
    first = mail.outbox[0]
    assert first.to == ["accueil@incubateur.example", "equipe@incubateur.example"]
    assert first.reply_to == ["camille@example.org"]
    assert first.subject == "Rappel : Camille attend une réponse depuis 3 jours"
    assert f"/espace/demandes/{pending.pk}/" in first.body
    assert Event.objects.filter(verb="contact_reminder_send", actor_label="tâches planifiées").count() == 3


def test_a_caught_up_request_gets_only_the_largest_delay(pending, django_capture_on_commit_callbacks):
    assert send_at(at(15), django_capture_on_commit_callbacks) == 1
    assert list(ContactReminder.objects.values_list("delay_days", flat=True)) == [14]


def test_an_answered_request_is_not_reminded(pending, staff, django_capture_on_commit_callbacks):
    from essaim.orientation.services import contact_request_transition

    contact_request_transition(contact_request=pending, action="answer", by=staff)
    assert reminders.due(at(8)) == []
    assert send_at(at(8), django_capture_on_commit_callbacks) == 0


def test_a_handled_request_reminds_its_handler_only(pending, staff, django_capture_on_commit_callbacks):
    contact_request_assign(contact_request=pending, handler=staff, by=staff)
    (due,) = reminders.due(at(3))
    assert due.recipients == ["equipe@incubateur.example"]


def test_the_task_and_its_command(pending, django_capture_on_commit_callbacks):
    ContactRequest.objects.filter(pk=pending.pk).update(created_at=datetime.now(PARIS) - timedelta(days=4))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_contact_reminders.call() == 1
        assert send_contact_reminders.call() == 0
    with django_capture_on_commit_callbacks(execute=True):
        out = StringIO()
        call_command("send_contact_reminders", stdout=out)
    assert out.getvalue().startswith("Relance des demandes de contact mise en file")
    assert ContactReminder.objects.count() == 1
