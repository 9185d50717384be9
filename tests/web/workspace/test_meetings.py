"""Meeting correction and deletion by the programme's staff; meetings logged by the receiving
programme of an accepted referral, which still sees only what the carrier consented to."""

from datetime import date

from django.urls import reverse

from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import Meeting
from essaim.audit.models import Action, Event
from tests.factories.accompaniment import MeetingFactory, ReferralFactory


def test_staff_correct_a_meeting(client, world):
    meeting = MeetingFactory(project=world.project_a, duration_minutes=90, topics="Étude de marché")
    client.force_login(world.member_a)
    url = reverse("workspace:meeting_edit", args=[world.project_a.pk, meeting.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["duration_minutes"] == 90
    response = client.post(
        url, {"date": "2026-02-02", "duration_minutes": "120", "kind": "individual", "topics": "Prix"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:project", args=[world.project_a.pk])
    meeting.refresh_from_db()
    world.project_a.refresh_from_db()
    assert (meeting.duration_minutes, meeting.topics, world.project_a.meeting_minutes) == (120, "Prix", 120)
    event = Event.objects.get(action=Action.UPDATE, object_id=meeting.pk)
    assert event.changes == {"duration_minutes": [90, 120], "topics": ["Étude de marché", "Prix"]}


def test_meeting_correction_bad_input(client, world):
    meeting = MeetingFactory(project=world.project_a, date=date(2026, 2, 2), duration_minutes=90)
    client.force_login(world.member_a)
    url = reverse("workspace:meeting_edit", args=[world.project_a.pk, meeting.pk])
    response = client.post(
        url,
        {
            "date": "2026-02-02",
            "duration_minutes": "60",
            "kind": "individual",
            "next_meeting_on": "2026-01-01",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "next_meeting_on": ["Le prochain rendez-vous doit suivre celui-ci."]
    }
    response = client.post(url, {"date": "demain", "duration_minutes": "60", "kind": "individual"})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["date"]
    meeting.refresh_from_db()
    assert (meeting.duration_minutes, meeting.next_meeting_on) == (90, None)


def test_staff_delete_a_meeting(client, world):
    kept = MeetingFactory(project=world.project_a, duration_minutes=30)
    meeting = MeetingFactory(project=world.project_a, duration_minutes=90)
    client.force_login(world.admin_a)
    url = reverse("workspace:meeting_delete", args=[world.project_a.pk, meeting.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert list(Meeting.objects.values_list("pk", flat=True)) == [kept.pk]
    world.project_a.refresh_from_db()
    assert world.project_a.meeting_minutes == 30
    assert Event.objects.filter(action=Action.DELETE, object_id=meeting.pk).count() == 1


def test_meeting_of_another_tenant_is_404_and_untouched(client, world):
    meeting_b = MeetingFactory(project=world.project_b, duration_minutes=90)
    client.force_login(world.admin_a)
    for project in (world.project_a, world.project_b):
        assert (
            client.get(reverse("workspace:meeting_edit", args=[project.pk, meeting_b.pk])).status_code == 404
        )
        assert (
            client.post(reverse("workspace:meeting_delete", args=[project.pk, meeting_b.pk])).status_code
            == 404
        )
    assert Meeting.objects.filter(pk=meeting_b.pk).exists()


def test_carrier_sees_the_log_but_cannot_correct(client, world):
    meeting = MeetingFactory(project=world.project_a)
    client.force_login(world.carrier)
    page = client.get(reverse("workspace:project", args=[world.project_a.pk])).content.decode()
    assert "Étude de marché" in page
    assert reverse("workspace:meeting_edit", args=[world.project_a.pk, meeting.pk]) not in page
    url = reverse("workspace:meeting_delete", args=[world.project_a.pk, meeting.pk])
    assert client.post(url).status_code == 403
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def _accepted(world, shared_fields):
    return ReferralFactory(
        project=world.project_a,
        to_programme=world.programme_b,
        status=ReferralStatus.ACCEPTED,
        shared_fields=shared_fields,
    )


def test_receiving_staff_log_meetings_and_see_only_consented_fields(client, world):
    referral = _accepted(world, ["sector"])
    world.project_a.summary = "Résumé confidentiel"
    world.project_a.save()
    MeetingFactory(project=world.project_a, topics="Sujet interne à A", programme=world.programme_a)
    client.force_login(world.staff_b)
    url = reverse("workspace:referral_meeting", args=[referral.pk])
    response = client.post(
        url, {"date": "2026-02-03", "duration_minutes": "45", "kind": "individual", "topics": "Bail"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:referral", args=[referral.pk])
    meeting = Meeting.objects.get(programme=world.programme_b)
    assert (meeting.project, meeting.created_by, meeting.topics) == (world.project_a, world.staff_b, "Bail")
    page = client.get(reverse("workspace:referral", args=[referral.pk]))
    assert [m.pk for m in page.context["our_meetings"]] == [meeting.pk]
    html = page.content.decode()
    assert "Bail" in html
    assert "Sujet interne à A" not in html  # A's meetings were not consented
    assert "Résumé confidentiel" not in html
    form_page = client.get(url).content.decode()
    assert "Résumé confidentiel" not in form_page
    assert reverse("workspace:project", args=[world.project_a.pk]) not in form_page
    # the project itself stays out of B's reach
    assert client.get(reverse("workspace:project", args=[world.project_a.pk])).status_code == 404
    assert (
        client.get(reverse("workspace:meeting_edit", args=[world.project_a.pk, meeting.pk])).status_code
        == 404
    )


def test_running_staff_see_the_receiving_programme_meetings(client, world):
    _accepted(world, [])
    MeetingFactory(project=world.project_a, topics="Bail", programme=world.programme_b)
    client.force_login(world.member_a)
    page = client.get(reverse("workspace:project", args=[world.project_a.pk])).content.decode()
    assert "Bail" in page
    assert "tenu par Pépinière B" in page


def test_receiving_meeting_bad_input(client, world):
    referral = _accepted(world, [])
    client.force_login(world.staff_b)
    url = reverse("workspace:referral_meeting", args=[referral.pk])
    response = client.post(url, {"date": "2026-02-03", "duration_minutes": "0", "kind": "individual"})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "duration_minutes": ["Assurez-vous que cette valeur est supérieure ou égale à 1."]
    }
    assert not Meeting.objects.exists()


def test_refused_or_withdrawn_referral_gives_no_meeting_rights(client, world):
    referral = _accepted(world, [])
    client.force_login(world.staff_b)
    url = reverse("workspace:referral_meeting", args=[referral.pk])
    for status in (ReferralStatus.REFUSED, ReferralStatus.WITHDRAWN):
        referral.status = status
        referral.save()
        assert client.get(url).status_code == 403
    other_staff = ReferralFactory(project=world.project_b, status=ReferralStatus.ACCEPTED)
    assert client.get(reverse("workspace:referral_meeting", args=[other_staff.pk])).status_code == 403
