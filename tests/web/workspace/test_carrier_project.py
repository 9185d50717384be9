"""The carrier's page of their project: one stage vocabulary (the programme's pipeline), their
coach and how to reach them, and none of the programme's internal targets."""

import pytest
from django.urls import reverse

from essaim.accompaniment.models import Project
from essaim.accounts.models import Membership
from tests.factories.accompaniment import MeetingFactory
from tests.factories.accounts import MembershipFactory
from tests.web.html import assert_strict_csp_page


def page(client, world, actor="carrier"):
    client.force_login(getattr(world, actor))
    return client.get(reverse("workspace:project", args=[world.project_a.pk]))


@pytest.fixture
def coached(world):
    Project.objects.filter(pk=world.project_a.pk).update(coach=world.member_a)
    world.member_a.full_name = "Inès Martin"
    world.member_a.save()
    world.org_a.phone = "04 67 00 00 00"
    world.org_a.save()
    return world


def test_carrier_sees_stages_in_the_programme_words_and_no_targets(client, coached):
    response = page(client, coached)
    assert response.status_code == 200
    assert response.templates[0].name == "workspace/project_carrier.html"
    stage = coached.project_a.stage
    stage.name = "Premiers pas"  # the programme renamed its stage
    stage.save()
    html = page(client, coached).content.decode()
    assert "étape « Premiers pas »" in html
    assert "Étape actuelle : « Premiers pas »" in html
    for internal in (
        "Émergence",  # the life stage
        "Accompagnement de porteurs",  # the model
        "cible du dispositif",
        "plafond",
        "minimum du dispositif",
        "Rythme de l'accompagnement",
    ):
        assert internal not in html, internal
    assert reverse("workspace:project_transition", args=[coached.project_a.pk]) not in html
    assert_strict_csp_page(response)


def test_carrier_sees_their_coach_and_how_to_reach_them(client, coached):
    html = page(client, coached).content.decode()
    assert "<strong>Inès Martin</strong> vous accompagne pour Incubateur A." in html
    assert '<a href="mailto:membre-a@example.org">membre-a@example.org</a>' in html
    assert '<a href="tel:0467000000">04 67 00 00 00</a>' in html


def test_without_a_named_coach_the_author_of_the_latest_meeting(client, world):
    MeetingFactory(project=world.project_a, created_by=world.admin_a)
    response = page(client, world)
    assert response.context["coach"] == world.admin_a


def test_a_coach_who_left_the_team_is_not_shown(client, coached):
    Membership.objects.filter(user=coached.member_a).delete()
    response = page(client, coached)
    assert response.context["coach"] is None
    assert "L'équipe d&#x27;Incubateur A vous accompagne" in response.content.decode()


def test_staff_still_get_the_staff_page(client, coached):
    response = page(client, coached, "member_a")
    assert response.templates[0].name == "workspace/project.html"
    assert "cible du dispositif" in response.content.decode()


@pytest.mark.parametrize(("actor", "status"), [("anonymous", 302), ("other_carrier", 404), ("staff_b", 404)])
def test_others_do_not_see_it(client, world, actor, status):
    if actor != "anonymous":
        client.force_login(getattr(world, actor))
    assert client.get(reverse("workspace:project", args=[world.project_a.pk])).status_code == status


def test_post_is_refused(client, world):
    client.force_login(world.carrier)
    assert client.post(reverse("workspace:project", args=[world.project_a.pk])).status_code == 405


def test_staff_name_the_coach_among_the_team(client, world):
    client.force_login(world.member_a)
    url = reverse("workspace:project_edit", args=[world.project_a.pk])
    data = {"name": world.project_a.name, "commune": "", "coach": world.staff_b.pk}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "coach" in response.context["form"].errors
    outsider = MembershipFactory(user__email="ailleurs@example.org").user
    assert client.post(url, {**data, "coach": outsider.pk}).context["form"].errors["coach"]
    assert client.post(url, {**data, "coach": world.admin_a.pk}).status_code == 302
    world.project_a.refresh_from_db()
    assert world.project_a.coach == world.admin_a
