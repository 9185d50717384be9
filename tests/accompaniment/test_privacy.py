from datetime import date

from essaim.accompaniment.models import AuditEvent, Project
from essaim.accompaniment.privacy import carrier_account_delete, carrier_data_export
from essaim.accompaniment.services import referral_propose
from essaim.accounts.privacy import account_erase, personal_data_export
from tests.factories.accompaniment import MeetingFactory, ProjectFactory


def test_export_contains_my_projects_only(world):
    MeetingFactory(project=world.project_a, topics="Budget prévisionnel")
    referral_propose(
        project=world.project_a, to_programme=world.programme_b, by=world.member_a, message="Hébergement"
    )
    data = carrier_data_export(user=world.carrier)
    assert data["account"]["email"] == "porteuse@example.org"
    assert [p["name"] for p in data["projects"]] == ["Épicerie du Faubourg"]
    project = data["projects"][0]
    assert (project["programme"], project["stage"], project["carriers"]) == (
        "incubateur-a",
        "selection",
        ["porteuse@example.org"],
    )
    assert project["meetings"][0]["topics"] == "Budget prévisionnel"
    assert [(r["from"], r["to"], r["status"]) for r in data["referrals"]] == [
        ("incubateur-a", "pepiniere-b", "awaiting_consent")
    ]


def test_delete_anonymises_and_keeps_facts(world):
    MeetingFactory(project=world.project_a, topics="Problèmes de santé du porteur", duration_minutes=60)
    shared = ProjectFactory(
        programme=world.programme_a, carriers=[world.carrier, world.other_carrier], name="Coop"
    )
    done = account_erase(user=world.carrier)

    assert done["accompaniment"] == [world.project_a.pk]
    world.carrier.refresh_from_db()
    assert world.carrier.email == f"supprime-{world.carrier.pk}@anonyme.invalid"
    assert (world.carrier.full_name, world.carrier.is_active, world.carrier.has_usable_password()) == (
        "",
        False,
        False,
    )
    project = Project.objects.get(pk=world.project_a.pk)
    assert (project.name, project.summary, project.social_need, project.is_anonymised) == (
        f"Projet anonymisé n° {project.pk}",
        "",
        "",
        True,
    )
    assert (project.programme, project.stage.key, project.sector, project.started_on) == (
        world.programme_a,
        "selection",
        "Alimentation",
        date(2026, 1, 5),
    )
    meeting = project.meetings.get()
    assert (meeting.topics, meeting.duration_minutes) == ("", 60)
    assert project.carriers.count() == 0
    shared.refresh_from_db()
    assert (shared.name, list(shared.carriers.all())) == ("Coop", [world.other_carrier])
    assert AuditEvent.objects.filter(object_id=project.pk, action="anonymise").count() == 1


def test_personal_export_gathers_every_app(world):
    data = personal_data_export(user=world.carrier)
    assert data["account"]["email"] == "porteuse@example.org"
    assert [p["name"] for p in data["accompaniment"]["projects"]] == ["Épicerie du Faubourg"]
    assert data["calls"]["applications"] == []


def test_project_anonymisation_alone_keeps_the_account(world):
    assert carrier_account_delete(user=world.carrier) == [world.project_a.pk]
    world.carrier.refresh_from_db()
    assert world.carrier.email == "porteuse@example.org"
