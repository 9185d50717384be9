from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from essaim.accompaniment import services
from essaim.accompaniment.enums import AuditAction, CheckinStatus, MobilisationStatus
from essaim.accompaniment.models import AuditEvent, Checkin, Meeting
from essaim.accompaniment.selectors import project_dosage
from tests.factories.accompaniment import CheckinFactory, ExpertFactory, ProjectFactory


def test_project_create_places_project_in_programme_pipeline(world):
    project = services.project_create(
        programme=world.programme_a,
        name="  Garage solidaire ",
        model="carrier",
        by=world.member_a,
        stage_key="opportunite_faisabilite",
        carriers=[world.carrier],
    )
    assert (project.name, project.stage.key, project.life_stage) == (
        "Garage solidaire",
        "opportunite_faisabilite",
        "emergence",
    )
    assert list(project.carriers.all()) == [world.carrier]
    assert project.transitions.get().to_stage == project.stage
    assert AuditEvent.objects.filter(object_id=project.pk, action=AuditAction.CREATE).count() == 1


def test_project_create_refuses_bad_input(world):
    with pytest.raises(ValidationError) as exc:
        services.project_create(programme=world.programme_a, name=" ", model="carrier", by=world.member_a)
    assert exc.value.message_dict == {"name": ["Le nom du projet est obligatoire."]}
    with pytest.raises(ValidationError) as exc:
        services.project_create(
            programme=world.programme_a, name="X", model="carrier", by=None, stage_key="nope"
        )
    assert exc.value.message_dict == {"stage": ["Étape inconnue dans le parcours du dispositif."]}


def test_project_update_audits_the_diff(world):
    services.project_update(
        project=world.project_a, by=world.member_a, sector="Alimentation", name="Épicerie bio"
    )
    event = AuditEvent.objects.get(object_id=world.project_a.pk, action=AuditAction.UPDATE)
    assert event.changes == {"name": ["Épicerie du Faubourg", "Épicerie bio"]}
    assert event.actor == world.member_a


def test_pipeline_edit_rename_add_drop(world):
    pipeline = world.project_a.stage.pipeline
    feas = pipeline.stages.get(key="opportunite_faisabilite")
    services.pipeline_stage_rename(stage=feas, name="Pré-étude", by=world.admin_a)
    added = services.pipeline_stage_add(
        pipeline=pipeline, name="Test d'activité", life_stage="emergence", after=feas, by=world.admin_a
    )
    keys = list(pipeline.stages.values_list("key", "name"))
    assert keys[1:3] == [("opportunite_faisabilite", "Pré-étude"), ("test-dactivite", "Test d'activité")]
    with pytest.raises(ValidationError, match="Des projets sont à cette étape"):
        services.pipeline_stage_drop(stage=world.project_a.stage, by=world.admin_a)
    with pytest.raises(ValidationError, match="création ne peut pas"):
        services.pipeline_stage_drop(stage=pipeline.stages.get(key="creation"), by=world.admin_a)
    services.pipeline_stage_drop(stage=added, by=world.admin_a)
    added.refresh_from_db()
    assert added.is_archived is True


def test_checklist_toggle(world):
    stage = world.project_a.stage
    services.checklist_toggle(
        project=world.project_a, stage=stage, item="interview", done=True, by=world.member_a
    )
    services.checklist_toggle(
        project=world.project_a, stage=stage, item="committee", done=True, by=world.member_a
    )
    services.checklist_toggle(
        project=world.project_a, stage=stage, item="interview", done=False, by=world.member_a
    )
    world.project_a.refresh_from_db()
    assert world.project_a.checklist_done == {"selection": ["committee"]}
    with pytest.raises(ValidationError, match="Livrable inconnu"):
        services.checklist_toggle(
            project=world.project_a, stage=stage, item="xx", done=True, by=world.member_a
        )


def test_meetings_update_dosage(world):
    today = timezone.localdate()
    project = world.project_a
    project.started_on = today - timedelta(days=91)
    project.save()
    services.meeting_create(
        project=project,
        by=world.member_a,
        date=today - timedelta(days=40),
        duration_minutes=120,
        kind="individual",
    )
    services.meeting_create(
        project=project,
        by=world.member_a,
        date=today - timedelta(days=3),
        duration_minutes=90,
        kind="expert",
        next_meeting_on=today + timedelta(days=14),
    )
    project.refresh_from_db()
    assert (project.last_meeting_on, project.meeting_minutes, project.next_meeting_on) == (
        today - timedelta(days=3),
        210,
        today + timedelta(days=14),
    )
    dosage = project_dosage(project, services.programme_settings(programme=project.programme), today)
    assert (dosage.days_since_last, dosage.total_hours, dosage.hours_last_30, dosage.hours_per_month) == (
        3,
        3.5,
        1.5,
        1.2,
    )
    assert dosage.verdict == "ok"
    services.meeting_delete(meeting=project.meetings.first(), by=world.member_a)
    project.refresh_from_db()
    assert (project.last_meeting_on, project.meeting_minutes) == (today - timedelta(days=40), 120)


@pytest.mark.parametrize(
    ("kwargs", "errors"),
    [
        (
            {"duration_minutes": 0},
            {"duration_minutes": ["La durée doit être comprise entre 1 minute et 24 heures."]},
        ),
        ({"date": date(2100, 1, 1)}, {"date": ["On ne consigne que des rendez-vous qui ont eu lieu."]}),
        (
            {"next_meeting_on": date(2026, 1, 1)},
            {"next_meeting_on": ["Le prochain rendez-vous doit suivre celui-ci."]},
        ),
        ({"kind": "banquet"}, {"kind": ["La valeur «\xa0'banquet'\xa0» n’est pas un choix valide."]}),
    ],
)
def test_meeting_bad_input(world, kwargs, errors):
    data = {"date": date(2026, 2, 1), "duration_minutes": 60, "kind": "individual", **kwargs}
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(project=world.project_a, by=world.member_a, **data)
    assert exc.value.message_dict == errors
    assert Meeting.objects.count() == 0


def test_mobilisation_lifecycle(world):
    expert = world.expert.expert_profile
    mob = services.mobilisation_request(
        project=world.project_a, expert=expert, domain="legal", message="Statuts de SCIC", by=world.member_a
    )
    assert mail.outbox[-1].to == ["experte@example.org"]
    with pytest.raises(services.PermissionDenied):
        services.mobilisation_respond(mobilisation=mob, by=world.member_a, accept=True)
    with pytest.raises(ValidationError, match="acceptée"):
        services.mobilisation_record_hours(
            mobilisation=mob, by=world.member_a, hours=Decimal(2), remuneration="paid"
        )
    services.mobilisation_respond(mobilisation=mob, by=world.expert, accept=True, response="Avec plaisir")
    with pytest.raises(ValidationError, match="négatif"):
        services.mobilisation_record_hours(
            mobilisation=mob, by=world.member_a, hours=Decimal(-1), remuneration="paid"
        )
    services.mobilisation_record_hours(
        mobilisation=mob, by=world.member_a, hours=Decimal("3.5"), remuneration="volunteer"
    )
    mob.refresh_from_db()
    assert (mob.status, mob.hours, mob.remuneration) == (MobilisationStatus.DONE, Decimal("3.5"), "volunteer")


def test_unavailable_expert_cannot_be_asked(world):
    expert = ExpertFactory(is_available=False)
    with pytest.raises(ValidationError) as exc:
        services.mobilisation_request(
            project=world.project_a, expert=expert, domain="legal", message="x", by=None
        )
    assert exc.value.message_dict == {"expert": ["Cet expert n'est pas disponible en ce moment."]}


def valid_checkin(**kw):
    return {
        "observed_on": date(2025, 7, 20),
        "enterprise_status": "active",
        "headcount": 3,
        "fte": Decimal("2.5"),
        **kw,
    }


def test_checkin_validated_is_immutable_and_corrections_supersede(world):
    checkin = CheckinFactory()
    services.checkin_validate(checkin=checkin, by=world.member_a, **valid_checkin())
    checkin.refresh_from_db()
    assert (checkin.status, checkin.headcount, checkin.fte) == (CheckinStatus.VALIDATED, 3, Decimal("2.50"))
    with pytest.raises(ValidationError, match="déjà validé"):
        services.checkin_validate(checkin=checkin, by=world.member_a, **valid_checkin())
    checkin.headcount = 9
    with pytest.raises(ValueError, match="immutable"):
        checkin.save()
    new = services.checkin_correct(checkin=checkin, by=world.admin_a, **valid_checkin(headcount=4))
    checkin.refresh_from_db()
    assert checkin.status == CheckinStatus.SUPERSEDED
    assert checkin.headcount == 3
    assert (new.supersedes, new.headcount, new.status) == (checkin, 4, CheckinStatus.VALIDATED)
    assert list(Checkin.objects.filter(project=checkin.project).current()) == [new]
    with pytest.raises(ValidationError, match="en vigueur"):
        services.checkin_correct(checkin=checkin, by=world.admin_a, **valid_checkin())


@pytest.mark.parametrize(
    ("kw", "errors"),
    [
        ({"headcount": -1}, {"headcount": ["L'effectif ne peut pas être négatif."]}),
        ({"fte": Decimal("-0.5")}, {"fte": ["Le nombre d'emplois ne peut pas être négatif."]}),
        (
            {"observed_on": date(2024, 12, 1)},
            {"observed_on": ["Le constat ne peut pas précéder la création (15/01/2025)."]},
        ),
        ({"enterprise_status": "ceased"}, {"ceased_on": ["Indiquez la date de cessation."]}),
        (
            {"enterprise_status": "ceased", "ceased_on": date(2024, 6, 1)},
            {"ceased_on": ["La cessation ne peut pas précéder la création."]},
        ),
        (
            {"ceased_on": date(2025, 6, 1)},
            {"ceased_on": ["Une date de cessation n'a de sens que pour une entreprise qui a cessé."]},
        ),
        ({"enterprise_status": ""}, {"enterprise_status": ["Indiquez la situation de l'entreprise."]}),
    ],
)
def test_checkin_validation_errors(world, kw, errors):
    checkin = CheckinFactory()
    with pytest.raises(ValidationError) as exc:
        services.checkin_validate(checkin=checkin, by=world.member_a, **valid_checkin(**kw))
    assert exc.value.message_dict == errors
    checkin.refresh_from_db()
    assert checkin.status == CheckinStatus.SCHEDULED


def test_checkins_schedule_is_idempotent(db):
    project = ProjectFactory(stage_key="creation", created_on=date(2024, 2, 29))
    services.checkins_schedule(project=project)
    services.checkins_schedule(project=project)
    assert list(project.checkins.values_list("months_after", "due_on")) == [
        (6, date(2024, 8, 29)),
        (12, date(2025, 2, 28)),
        (24, date(2026, 2, 28)),
        (36, date(2027, 2, 28)),
        (60, date(2029, 2, 28)),
    ]
