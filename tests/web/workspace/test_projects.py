import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from essaim.accompaniment.models import Meeting, Project, StageTransition
from tests.factories.accompaniment import MeetingFactory, ProjectFactory
from tests.web.html import assert_strict_csp_page


def ids(page):
    return [p.pk for p in page]


def test_board_shows_only_the_programme_projects(client, world):
    client.force_login(world.member_a)
    response = client.get(reverse("workspace:board", args=["incubateur-a"]))
    assert response.status_code == 200
    assert ids(response.context["board"].page) == [world.project_a.pk]
    cards = [p.pk for column in response.context["board"].columns for p in column.cards]
    assert cards == [world.project_a.pk]
    assert_strict_csp_page(response)


def test_board_filters_and_search(client, world):
    generator = ProjectFactory(programme=world.programme_a, model="generator", name="Conciergerie rurale")
    ProjectFactory(programme=world.programme_a, stage_key="incubation", name="Café associatif")
    client.force_login(world.member_a)
    url = reverse("workspace:board", args=["incubateur-a"])
    assert ids(client.get(url, {"model": "generator"}).context["board"].page) == [generator.pk]
    assert [p.name for p in client.get(url, {"q": "café"}).context["board"].page] == ["Café associatif"]
    assert [p.name for p in client.get(url, {"stage": "incubation"}).context["board"].page] == [
        "Café associatif"
    ]
    response = client.get(url, {"life_stage": "nimportequoi"})
    assert response.status_code == 200
    assert response.context["form"].errors["life_stage"] == [
        "Sélectionnez un choix valide. nimportequoi n’en fait pas partie."
    ]


def test_board_needs_attention(client, world):
    today = timezone.localdate()
    Project.objects.filter(pk=world.project_a.pk).update(started_on=today)
    quiet = ProjectFactory(
        programme=world.programme_a, name="Silencieux", started_on=today - timedelta(days=100)
    )
    busy = ProjectFactory(
        programme=world.programme_a, name="Très suivi", started_on=today - timedelta(days=20)
    )
    MeetingFactory(project=busy, date=today - timedelta(days=2), duration_minutes=60 * 13)
    Project.objects.filter(pk=busy.pk).update(
        last_meeting_on=today - timedelta(days=2), meeting_minutes=60 * 13
    )
    client.force_login(world.member_a)
    response = client.get(reverse("workspace:board", args=["incubateur-a"]))
    attention = {item.name: [r.why for r in item.reasons] for item in response.context["board"].attention}
    assert attention == {
        "Silencieux": ["Aucun rendez-vous depuis le début de l'accompagnement"],
        "Très suivi": ["Plus de 12 h ce mois-ci"],
    }
    assert response.context["board"].attention_count == 2
    filtered = client.get(reverse("workspace:board", args=["incubateur-a"]), {"attention": "on"})
    assert sorted(ids(filtered.context["board"].page)) == sorted([quiet.pk, busy.pk])


@pytest.mark.parametrize("n", [1, 25])
def test_board_query_count_is_independent_of_projects(client, world, django_assert_num_queries, n):
    for i in range(n):
        project = ProjectFactory(programme=world.programme_a, carriers=[world.carrier])
        MeetingFactory(project=project, date=timezone.localdate() - timedelta(days=i % 40))
    client.force_login(world.member_a)
    url = reverse("workspace:board", args=["incubateur-a"])
    client.get(url)  # settings row created on first visit
    with django_assert_num_queries(13):
        response = client.get(url)
    assert response.context["board"].page.paginator.count == n + 1


def test_create_project(client, world):
    client.force_login(world.member_a)
    response = client.post(
        reverse("workspace:project_create", args=["incubateur-a"]),
        {
            "name": "Atelier vélo",
            "model": "carrier",
            "commune": "34172",
            "carrier_emails": "porteuse@example.org",
        },
    )
    project = Project.objects.get(name="Atelier vélo")
    assert response.url == reverse("workspace:project", args=[project.pk])
    assert (project.programme, project.commune_id, list(project.carriers.all())) == (
        world.programme_a,
        "34172",
        [world.carrier],
    )


def test_create_project_bad_input(client, world):
    client.force_login(world.member_a)
    response = client.post(
        reverse("workspace:project_create", args=["incubateur-a"]),
        {"name": "X", "model": "carrier", "commune": "99999", "carrier_emails": "inconnu@example.org"},
    )
    assert response.status_code == 200
    # An address without an account is not an error: saying so would tell who has an account.
    assert response.context["form"].errors == {
        "commune": ["Commune inconnue : « 99999 ». Aucune commune ne porte ce code INSEE ou ce code postal."],
    }
    assert Project.objects.filter(name="X").count() == 0


def test_create_project_does_not_tell_whether_an_address_has_an_account(client, world):
    client.force_login(world.member_a)
    url = reverse("workspace:project_create", args=["incubateur-a"])
    pages = []
    for name, emails in [("Avec compte", "porteuse@example.org"), ("Sans compte", "inconnu@example.org")]:
        response = client.post(url, {"name": name, "model": "carrier", "carrier_emails": emails}, follow=True)
        project = Project.objects.get(name=name)
        assert response.redirect_chain == [(reverse("workspace:project", args=[project.pk]), 302)]
        pages.append([str(m).replace(name, "…") for m in response.context["messages"]])
    assert pages[0] == pages[1] == ["Projet « … » créé."]
    assert [
        list(p.carriers.all())
        for p in Project.objects.filter(name__in=["Avec compte", "Sans compte"]).order_by("name")
    ] == [[world.carrier], []]
    html = client.get(url).content.decode()
    assert "Aucun compte" not in html


def test_create_project_refuses_a_malformed_address(client, world):
    client.force_login(world.member_a)
    response = client.post(
        reverse("workspace:project_create", args=["incubateur-a"]),
        {"name": "Y", "model": "carrier", "carrier_emails": "porteuse@example.org, pas-une-adresse"},
    )
    assert response.context["form"].errors == {
        "carrier_emails": ["Adresse électronique invalide : pas-une-adresse."]
    }
    assert Project.objects.filter(name="Y").count() == 0


def test_project_page_for_carrier_hides_staff_actions(client, world):
    client.force_login(world.carrier)
    response = client.get(reverse("workspace:project", args=[world.project_a.pk]))
    assert response.status_code == 200
    assert response.context["can_manage"] is False
    assert reverse("workspace:project_transition", args=[world.project_a.pk]) not in response.content.decode()
    assert_strict_csp_page(response)


def test_transition_through_the_web(client, world):
    client.force_login(world.member_a)
    target = world.project_a.stage.pipeline.stages.get(key="opportunite_faisabilite")
    response = client.post(
        reverse("workspace:project_transition", args=[world.project_a.pk]),
        {"action": "move", "to_stage": target.pk, "comment": "Bon comité"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Étape du projet mise à jour."]
    log = StageTransition.objects.get(project=world.project_a)
    assert (log.to_stage, log.by, log.comment) == (target, world.member_a, "Bon comité")


def test_transition_refused_shows_french_message(client, world):
    client.force_login(world.member_a)
    target = world.project_a.stage.pipeline.stages.get(key="creation")
    response = client.post(
        reverse("workspace:project_transition", args=[world.project_a.pk]),
        {"action": "move", "to_stage": target.pk},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "On ne peut pas sauter d'étape : l'étape suivante est « Opportunité et faisabilité ». "
        "Un administrateur du dispositif peut déroger en écrivant un motif."
    ]
    assert StageTransition.objects.filter(project=world.project_a).count() == 0


def test_member_override_is_forbidden(client, world):
    client.force_login(world.member_a)
    target = world.project_a.stage.pipeline.stages.get(key="incubation")
    response = client.post(
        reverse("workspace:project_transition", args=[world.project_a.pk]),
        {"action": "move", "to_stage": target.pk, "override": "on", "comment": "parce que"},
    )
    assert response.status_code == 403


def test_meeting_form(client, world):
    client.force_login(world.member_a)
    url = reverse("workspace:meeting_create", args=[world.project_a.pk])
    response = client.post(url, {"date": "2026-02-03", "duration_minutes": "0", "kind": "individual"})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "duration_minutes": ["Assurez-vous que cette valeur est supérieure ou égale à 1."]
    }
    response = client.post(
        url,
        {"date": "2026-02-03", "duration_minutes": "75", "kind": "workshop", "next_meeting_on": "2026-02-01"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "next_meeting_on": ["Le prochain rendez-vous doit suivre celui-ci."]
    }
    response = client.post(
        url, {"date": "2026-02-03", "duration_minutes": "75", "kind": "workshop", "topics": "Prix"}
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.project, meeting.duration_minutes, meeting.topics) == (world.project_a, 75, "Prix")


def test_checklist_toggle(client, world):
    client.force_login(world.member_a)
    client.post(
        reverse("workspace:checklist_toggle", args=[world.project_a.pk]),
        {"stage": world.project_a.stage_id, "item": "interview", "done": "on"},
    )
    world.project_a.refresh_from_db()
    assert world.project_a.checklist_done == {"selection": ["interview"]}


def test_data_export_is_json_of_my_data(client, world):
    client.force_login(world.carrier)
    response = client.get(reverse("workspace:data_export"))
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="mes-donnees-essaim.json"'
    data = json.loads(response.content)
    assert [p["id"] for p in data["accompaniment"]["projects"]] == [world.project_a.pk]
    assert data["account"]["email"] == world.carrier.email
    assert "applications" in data["calls"]


def test_account_delete(client, world):
    client.force_login(world.carrier)
    url = reverse("workspace:account_delete")
    assert client.post(url, {"confirm": "non"}).status_code == 400
    response = client.post(url, {"confirm": "supprimer"})
    assert response.url == reverse("web:home")
    world.carrier.refresh_from_db()
    assert world.carrier.is_active is False
    assert client.get(reverse("workspace:home")).status_code == 302


def test_create_project_with_the_commune_as_a_person_types_it(client, world):
    client.force_login(world.member_a)
    url = reverse("workspace:project_create", args=["incubateur-a"])
    response = client.post(url, {"name": "Épicerie", "model": "carrier", "commune": "Saint-Martin (Gers)"})
    assert Project.objects.get(name="Épicerie").commune_id == "32389"
    response = client.post(url, {"name": "Tiers-lieu", "model": "carrier", "commune": "Saint-Martin"})
    assert response.status_code == 200
    error = response.context["form"].errors["commune"][0]
    assert error.startswith(
        "Plusieurs communes correspondent à « Saint-Martin » : précisez laquelle. Par exemple : "
        "Saint-Martin (outre-mer), Saint-Martin (Hautes-Pyrénées), Saint-Martin (Gers)"
    )
    assert 'value="Saint-Martin"' in response.content.decode()  # what was typed stays
    assert Project.objects.filter(name="Tiers-lieu").count() == 0


def test_edit_form_shows_the_commune_by_name(client, world):
    world.project_a.commune_id = "34172"
    world.project_a.save(update_fields=["commune"])
    client.force_login(world.member_a)
    html = client.get(reverse("workspace:project_edit", args=[world.project_a.pk])).content.decode()
    assert 'value="Montpellier (Hérault)"' in html
    page = client.get(reverse("workspace:project", args=[world.project_a.pk])).content.decode()
    assert "<dd>Montpellier (Hérault)</dd>" in page
