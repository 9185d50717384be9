"""Import services (essaim/imports/services.py): all or nothing, idempotent on the file's keys,
through the accompaniment services, with one summary event."""

import datetime as dt

import pytest
from django.utils import timezone

from essaim.accompaniment.models import Expert, Meeting, Project
from essaim.accounts.models import User
from essaim.audit.models import Event
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.imports import reading
from essaim.imports.models import ImportKey, ImportRun
from essaim.imports.services import import_carriers, import_experts, import_meetings, import_projects
from tests.factories.accounts import UserFactory
from tests.imports.conftest import rows_of, sample

pytestmark = pytest.mark.django_db


def run(importer, world, data, kind, *, name="f.csv", by=None, programme=None):
    rows, columns = rows_of(data, kind, name=name)
    return importer(
        by=by or world.member_a, programme=programme or world.programme_a, rows=rows, columns=columns
    )


def projects_of(world):
    return {
        p.name: p for p in Project.objects.filter(programme=world.programme_a).exclude(pk=world.project_a.pk)
    }


def test_the_sample_projects_are_created_with_their_carriers(world):
    report = run(import_projects, world, sample("projets-exemple.csv"), "projects")
    assert report["counts"] == {"created": 4, "updated": 0, "unchanged": 0, "skipped": 0}
    projects = projects_of(world)
    recyclerie = projects["Recyclerie du Lodévois"]
    assert recyclerie.commune_id == "34142"
    assert recyclerie.stage.key == "opportunite_faisabilite"
    assert recyclerie.started_on.isoformat() == "2024-03-04"
    assert sorted(recyclerie.carriers.values_list("email", "full_name")) == [
        ("ines.benali@example.org", "Inès Benali"),
        ("louis.martin@example.org", "Louis Martin"),
    ]
    carrier = User.objects.get(email="louis.martin@example.org")
    assert carrier.is_carrier and not carrier.has_usable_password()
    assert projects["Cantine partagée d'Alès"].model == "generator"
    assert list(projects["Cantine partagée d'Alès"].carriers.all()) == []


def test_the_workbook_gives_the_same_projects_and_a_second_run_changes_nothing(world):
    run(import_projects, world, sample("projets-exemple.csv"), "projects")
    events = Event.objects.count()
    report = run(import_projects, world, sample("projets-exemple.xlsx"), "projects", name="p.xlsx")
    assert report["counts"] == {"created": 0, "updated": 0, "unchanged": 4, "skipped": 0}
    assert report["changes_nothing"] is True
    assert Event.objects.count() == events + 1  # the summary only
    assert ImportRun.objects.count() == 2


def test_a_changed_row_updates_that_project_only(world):
    run(import_projects, world, sample("projets-exemple.csv"), "projects")
    text = sample("projets-exemple.csv").decode("utf-8-sig")
    changed = text.replace("Conciergerie de Sète;", "Conciergerie solidaire de Sète;").replace(
        "Awa Diallo;awa.diallo@example.org",
        "Awa Diallo, Jo Petit;awa.diallo@example.org, jo.petit@example.org",
    )
    report = run(import_projects, world, changed.encode("cp1252"), "projects")
    assert report["counts"] == {"created": 0, "updated": 2, "unchanged": 2, "skipped": 0}
    projects = projects_of(world)
    assert "Conciergerie solidaire de Sète" in projects
    assert sorted(projects["Épicerie solidaire du Faubourg"].carriers.values_list("email", flat=True)) == [
        "awa.diallo@example.org",
        "jo.petit@example.org",
    ]


def test_an_edit_made_in_essaim_survives_a_second_run_of_the_same_file(world):
    run(import_projects, world, sample("projets-exemple.csv"), "projects")
    project = projects_of(world)["Conciergerie de Sète"]
    project.sector = "Conciergerie"
    project.save()
    run(import_projects, world, sample("projets-exemple.csv"), "projects")
    project.refresh_from_db()
    assert project.sector == "Conciergerie"


def test_one_bad_row_refuses_the_whole_file_and_every_problem_is_listed(world):
    data = (
        "Référence;Nom du projet;Commune;Modèle;Date d'entrée;Courriels des porteurs\n"
        "A-1;Bon projet;Montpellier;;01/02/2024;bon@example.org\n"
        "A-2;Projet à Paris;Commune-qui-n-existe-pas;;01/02/2024;\n"
        "A-3;Projet daté;;;01/01/2200;pas-une-adresse\n"
        "A-4;Projet sans modèle;;cuisine;;\n"
    ).encode("cp1252")
    before = (Project.objects.count(), User.objects.count(), Event.objects.count())
    with pytest.raises(ValidationError) as caught:
        run(import_projects, world, data, "projects")
    messages = caught.value.messages
    assert [m.split(" : ")[0] for m in messages] == [
        "Ligne 3, colonne « Commune »",
        "Ligne 4, colonne « Date d'entrée »",
        "Ligne 4, colonne « Courriels des porteurs »",
        "Ligne 5, colonne « Modèle »",
    ]
    assert "Commune inconnue" in messages[0]
    assert (Project.objects.count(), User.objects.count(), Event.objects.count()) == before
    assert not ImportKey.objects.exists()


def test_an_unknown_stage_is_refused_with_the_names_of_the_programme_s_stages(world):
    data = "Référence;Nom;Modèle;Étape\nS-1;Projet;porteurs;Idée\n".encode()
    with pytest.raises(ValidationError) as caught:
        run(import_projects, world, data, "projects")
    [message] = caught.value.messages
    assert message.startswith("Ligne 2, colonne « Étape » : étape inconnue « Idée »")
    assert "« Sélection »" in message and "« Incubation »" in message
    assert "opportunite_faisabilite" not in message and "selection," not in message  # words, not keys


def test_the_model_of_an_imported_project_does_not_change(world):
    data = "Référence;Nom;Modèle\nM-1;Projet;porteurs\n"
    run(import_projects, world, data.encode(), "projects")
    with pytest.raises(ValidationError, match="le modèle d'un projet déjà importé ne change pas"):
        run(import_projects, world, data.replace("porteurs", "générateur").encode(), "projects")


def test_keys_belong_to_the_programme(world):
    data = b"Reference;Name\nK-1;Projet\n"
    run(import_projects, world, data, "projects")
    report = run(import_projects, world, data, "projects", by=world.staff_b, programme=world.programme_b)
    assert report["counts"]["created"] == 1
    assert Project.objects.filter(name="Projet").count() == 2


def test_only_the_programme_s_staff_may_import(world):
    for outsider in (world.staff_b, world.carrier, world.expert):
        with pytest.raises(PermissionDenied):
            run(import_projects, world, b"Reference;Name\nK-1;Projet\n", "projects", by=outsider)


def test_the_summary_event_counts(world):
    run(import_projects, world, sample("projets-exemple.csv"), "projects")
    event = Event.objects.get(object_type="imports.importrun")
    assert event.verb == "import_projects"
    assert event.actor == world.member_a
    assert event.changes == {"_counts": {"created": 4, "updated": 0, "unchanged": 0, "skipped": 0}}
    assert Event.objects.filter(verb="project_create", programme_id=world.programme_a.pk).count() == 4


# --- meetings ----------------------------------------------------------------------------------


def test_meetings_of_imported_projects_and_a_second_run(world):
    run(import_projects, world, sample("projets-exemple.csv"), "projects")
    report = run(import_meetings, world, sample("rendez-vous-exemple.csv"), "meetings")
    assert report["counts"]["created"] == 3
    epicerie = projects_of(world)["Épicerie solidaire du Faubourg"]
    assert sorted(epicerie.meetings.values_list("date", "duration_minutes")) == [
        (epicerie.meetings.order_by("date")[0].date, 90),
        (epicerie.meetings.order_by("date")[1].date, 60),
    ]
    epicerie.refresh_from_db()
    assert epicerie.meeting_minutes == 150
    assert run(import_meetings, world, sample("rendez-vous-exemple.csv"), "meetings")["changes_nothing"]
    changed = sample("rendez-vous-exemple.csv").replace(b";60;", b";75;")
    assert run(import_meetings, world, changed, "meetings")["counts"]["updated"] == 1
    assert sorted(Meeting.objects.filter(project=epicerie).values_list("duration_minutes", flat=True)) == [
        75,
        90,
    ]


def test_a_meeting_names_an_imported_project_and_has_taken_place(world):
    data = "Référence du projet;Date;Durée\nINCONNU;01/02/2024;60\n".encode()
    with pytest.raises(ValidationError, match="importez d'abord les projets"):
        run(import_meetings, world, data, "meetings")
    run(import_projects, world, b"Reference;Name\nK-1;Projet\n", "projects")
    soon = (timezone.localdate() + dt.timedelta(days=30)).strftime("%d/%m/%Y")
    with pytest.raises(ValidationError, match="pas encore eu lieu"):
        run(import_meetings, world, f"Référence du projet;Date;Durée\nK-1;{soon};60\n".encode(), "meetings")
    assert not Meeting.objects.filter(project__name="Projet").exists()


# --- experts -----------------------------------------------------------------------------------


def test_the_sample_experts_join_the_pool(world):
    report = run(import_experts, world, sample("experts-exemple.csv"), "experts")
    assert report["counts"]["created"] == 3
    nadia = Expert.objects.get(user__email="nadia.haddad@example.org")
    assert nadia.user.full_name == "Nadia Haddad"
    assert list(nadia.domains) == ["legal", "governance"]
    assert nadia.territory_refs == ["departement:34", "departement:30"]
    assert nadia.user.is_expert and not nadia.user.has_usable_password()
    assert Expert.objects.get(user__email="sophie.garcia@example.org").is_available is False
    assert run(import_experts, world, sample("experts-exemple.csv"), "experts")["changes_nothing"]


def test_a_changed_expert_row_updates_the_profile_until_the_expert_signs_in(world):
    run(import_experts, world, sample("experts-exemple.csv"), "experts")
    changed = sample("experts-exemple.csv").replace("Le mardi après-midi".encode(), b"Le jeudi")
    assert run(import_experts, world, changed, "experts")["counts"]["updated"] == 1
    nadia = Expert.objects.get(user__email="nadia.haddad@example.org")
    assert nadia.availability == "Le jeudi"
    User.objects.filter(pk=nadia.user_id).update(last_login="2025-01-01T00:00:00Z")
    report = run(import_experts, world, sample("experts-exemple.csv"), "experts")
    assert report["counts"]["skipped"] == 1
    nadia.refresh_from_db()
    assert nadia.availability == "Le jeudi"


def test_an_address_that_already_has_an_account_is_skipped(world):
    UserFactory(email="pierre.lambert@example.org", full_name="Pierre L.")
    report = run(import_experts, world, sample("experts-exemple.csv"), "experts")
    assert report["counts"] == {"created": 2, "updated": 0, "unchanged": 0, "skipped": 1}
    skipped = next(i for i in report["items"] if i["outcome"] == "skipped")
    assert skipped["line"] == 3
    assert "déjà un compte" in skipped["notes"][0]
    assert not Expert.objects.filter(user__email="pierre.lambert@example.org").exists()


def test_a_file_over_the_row_limit_is_refused_before_anything(world):
    big = b"Reference;Name\n" + b"".join(b"K-%d;Projet %d\n" % (i, i) for i in range(reading.MAX_ROWS + 1))
    with pytest.raises(reading.FileProblem):
        rows_of(big, "projects")


# --- carriers ------------------------------------------------------------------------------------

CARRIERS = (
    "Référence du projet;Courriel du porteur;Nom du porteur\r\n"
    "P-2024-001;karim.nasri@example.org;Karim Nasri\r\n"
    "P-2024-001;Awa.Diallo@example.org;\r\n"  # already a carrier of P-2024-001 (the projects file)
    "P-2024-002;membre-a@example.org;\r\n"  # an account that exists: attached as it is
).encode("cp1252")


def test_carriers_are_attached_to_imported_projects_and_a_second_run_changes_nothing(world):
    run(import_projects, world, sample("projets-exemple.csv"), "projects")
    report = run(import_carriers, world, CARRIERS, "carriers")
    assert report["counts"] == {"created": 2, "updated": 0, "unchanged": 1, "skipped": 0}
    projects = projects_of(world)
    assert sorted(projects["Épicerie solidaire du Faubourg"].carriers.values_list("email", flat=True)) == [
        "awa.diallo@example.org",
        "karim.nasri@example.org",
    ]
    assert world.member_a in projects["Recyclerie du Lodévois"].carriers.all()
    karim = User.objects.get(email="karim.nasri@example.org")
    assert (karim.full_name, karim.is_carrier, karim.has_usable_password()) == ("Karim Nasri", True, False)
    again = run(import_carriers, world, CARRIERS, "carriers")
    assert again["counts"] == {"created": 0, "updated": 0, "unchanged": 3, "skipped": 0}
    assert again["changes_nothing"] is True


def test_a_carrier_detached_in_essaim_stays_detached(world):
    run(import_projects, world, sample("projets-exemple.csv"), "projects")
    run(import_carriers, world, CARRIERS, "carriers")
    epicerie = projects_of(world)["Épicerie solidaire du Faubourg"]
    epicerie.carriers.remove(User.objects.get(email="karim.nasri@example.org"))
    report = run(import_carriers, world, CARRIERS, "carriers")
    assert report["counts"]["created"] == 0
    assert "karim.nasri@example.org" not in set(epicerie.carriers.values_list("email", flat=True))


def test_carrier_rows_name_an_imported_project_and_a_name_for_new_people(world):
    run(import_projects, world, sample("projets-exemple.csv"), "projects")
    data = (
        "Référence du projet;Courriel du porteur;Nom du porteur\n"
        "P-9999;x@example.org;X\n"
        "P-2024-001;inconnu@example.org;\n"
        "P-2024-001;pas-une-adresse;Y\n"
    ).encode()
    with pytest.raises(ValidationError) as exc:
        run(import_carriers, world, data, "carriers")
    assert [m.split(" : ")[0] for m in exc.value.messages] == [
        "Ligne 2, colonne « Référence du projet »",
        "Ligne 3, colonne « Nom du porteur »",
        "Ligne 4, colonne « Courriel du porteur »",
    ]
    assert not User.objects.filter(email__in=["x@example.org", "inconnu@example.org"]).exists()


def test_a_deactivated_account_is_not_attached(world):
    run(import_projects, world, sample("projets-exemple.csv"), "projects")
    UserFactory(email="parti@example.org", is_active=False)
    data = "Référence du projet;Courriel du porteur\nP-2024-002;parti@example.org\n".encode()
    report = run(import_carriers, world, data, "carriers")
    assert report["counts"]["skipped"] == 1
    assert report["items"][0]["notes"] == ["Ce compte est désactivé : il n'est pas rattaché au projet."]
