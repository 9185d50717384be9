from datetime import date

from essaim.accompaniment.models import Mobilisation, Project, StageTransition
from essaim.accompaniment.privacy import carrier_account_delete, carrier_data_export
from essaim.accompaniment.services import (
    meeting_create,
    project_transition,
    project_update,
    referral_propose,
    referral_transition,
)
from essaim.accounts.privacy import account_erase, personal_data_export
from essaim.audit.models import Event
from essaim.core.actors import SYSTEM
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
    assert Event.objects.filter(object_id=project.pk, action="anonymise").count() == 1
    left = Event.objects.get(object_id=shared.pk, object_type="accompaniment.project")
    assert (left.actor_label, left.changes) == ("système", {"carriers": [world.carrier.pk, None]})


def test_after_deletion_the_activity_log_names_nobody(world):
    """Issue 16: the carrier's name and phone, typed into the project and its meetings, leave the log."""
    world.carrier.full_name = "Awa Diallo"
    world.carrier.save()
    project_update(
        project=world.project_a,
        by=world.member_a,
        name="Épicerie d'Awa Diallo",
        summary="Appeler Awa Diallo au 06 12 34 56 78",
    )
    meeting = meeting_create(
        project=world.project_a,
        by=world.member_a,
        date=date(2026, 2, 2),
        duration_minutes=60,
        kind="individual",
        topics="Awa Diallo, 06 12 34 56 78",
        decisions="Awa Diallo rappelle la banque",
    )
    project_transition(
        project=world.project_a, by=world.member_a, abandon=True, comment="Awa Diallo déménage"
    )
    Mobilisation.objects.create(
        project=world.project_a, expert=world.expert.expert_profile, domain="legal", message="Awa Diallo"
    )
    referral = referral_propose(
        project=world.project_b, to_programme=world.programme_a, by=world.staff_b, message="x"
    )
    world.project_b.carriers.add(world.carrier)
    referral_transition(referral=referral, by=world.carrier, action="decline")
    assert Event.objects.filter(actor=world.carrier).count() == 1
    assert Event.objects.filter(object_id=meeting.pk, object_type="accompaniment.meeting").count() == 1

    account_erase(user=world.carrier)

    for row in Event.objects.values("actor_label", "object_repr", "comment", "changes"):
        assert "Awa" not in str(row)
        assert "06 12" not in str(row)
    assert Event.objects.filter(actor=world.carrier).count() == 0
    decline = Event.objects.get(
        object_type="accompaniment.referral", object_id=referral.pk, action="transition"
    )
    assert decline.actor_label == "personne supprimée"
    assert StageTransition.objects.get(project=world.project_a).comment == ""


def test_project_anonymisation_alone_keeps_the_account(world):
    assert carrier_account_delete(user=world.carrier, by=SYSTEM) == [world.project_a.pk]
    world.carrier.refresh_from_db()
    assert world.carrier.email == "porteuse@example.org"
    assert Event.objects.get(action="anonymise").actor_label == "système"


def test_personal_export_gathers_every_app(world):
    data = personal_data_export(user=world.carrier)
    assert data["account"]["email"] == "porteuse@example.org"
    assert [p["name"] for p in data["accompaniment"]["projects"]] == ["Épicerie du Faubourg"]
    assert data["calls"]["applications"] == []
