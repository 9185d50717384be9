from io import StringIO

from django.core import mail
from django.core.management import call_command

from essaim.accompaniment.services import referral_propose


def test_send_reminders_command_enqueues_the_task(world, django_capture_on_commit_callbacks):
    referral = referral_propose(
        project=world.project_a, to_programme=world.programme_b, by=world.member_a, message="x"
    )
    type(referral).objects.filter(pk=referral.pk).update(created_at=referral.created_at.replace(year=2020))
    mail.outbox.clear()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=out)
    assert out.getvalue().startswith("Tâche de relance mise en file (")
    assert [m.to for m in mail.outbox] == [["porteuse@example.org"]]
