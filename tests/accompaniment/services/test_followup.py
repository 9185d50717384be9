"""Follow-up of a project: meetings (dosage, corrections, receiving programme), experts and
their mobilisation, post-creation check-ins."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from essaim.accompaniment import services
from essaim.accompaniment.enums import CheckinStatus, MobilisationStatus, ReferralStatus
from essaim.accompaniment.models import Checkin, Meeting
from essaim.accompaniment.selectors import programme_settings, project_dosage
from essaim.accompaniment.workflows import CHECKIN, MOBILISATION, schedule_checkins
from essaim.audit.models import Action, Event
from essaim.core.actors import DEMO
from essaim.core.errors import PermissionDenied, TransitionNotAllowed
from tests.factories.accompaniment import (
    CheckinFactory,
    ExpertFactory,
    MeetingFactory,
    ProjectFactory,
    ReferralFactory,
)
from tests.factories.accounts import UserFactory


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
    dosage = project_dosage(project, programme_settings(project.programme), today)
    assert (dosage.days_since_last, dosage.total_hours, dosage.hours_last_30, dosage.hours_per_month) == (
        3,
        3.5,
        1.5,
        1.2,
    )
    # 3.5 h over the last 90 days, below the programme's default minimum of 4 h over 90 days
    assert (dosage.hours_period, dosage.verdict) == (3.5, "too_little")
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


def test_mobilisation_lifecycle(world, django_capture_on_commit_callbacks):
    expert = world.expert.expert_profile
    with django_capture_on_commit_callbacks(execute=True):
        mob = services.mobilisation_request(
            project=world.project_a,
            expert=expert,
            domain="legal",
            message="Statuts de SCIC",
            by=world.member_a,
        )
    assert mail.outbox[-1].to == ["experte@example.org"]
    assert mail.outbox[-1].subject == "Demande d'expertise : Épicerie du Faubourg"
    assert "Incubateur A sollicite votre expertise (Juridique) :\nStatuts de SCIC" in mail.outbox[-1].body
    with pytest.raises(PermissionDenied):
        services.mobilisation_respond(mobilisation=mob, by=world.member_a, accept=True)
    with pytest.raises(ValidationError, match="acceptée"):
        services.mobilisation_record_hours(
            mobilisation=mob, by=world.member_a, hours=Decimal(2), remuneration="paid"
        )
    services.mobilisation_respond(mobilisation=mob, by=world.expert, accept=True, response="Avec plaisir")
    with pytest.raises(TransitionNotAllowed, match="Cette demande a déjà reçu une réponse."):
        services.mobilisation_respond(mobilisation=mob, by=world.expert, accept=False)
    with pytest.raises(PermissionDenied):
        services.mobilisation_record_hours(
            mobilisation=mob, by=world.staff_b, hours=Decimal(2), remuneration="paid"
        )
    with pytest.raises(ValidationError, match="négatif"):
        services.mobilisation_record_hours(
            mobilisation=mob, by=world.member_a, hours=Decimal(-1), remuneration="paid"
        )
    services.mobilisation_record_hours(
        mobilisation=mob, by=world.member_a, hours=Decimal("3.5"), remuneration="volunteer"
    )
    mob.refresh_from_db()
    assert (mob.status, mob.hours, mob.remuneration) == (MobilisationStatus.DONE, Decimal("3.5"), "volunteer")
    assert [(e.from_state, e.to_state, e.actor) for e in MOBILISATION.log(mob)] == [
        ("requested", "accepted", world.expert),
        ("accepted", "done", world.member_a),
    ]
    assert MOBILISATION.log(mob).last().changes == {"hours": ["0.0", "3.5"]}


def test_unavailable_expert_cannot_be_asked(world):
    expert = ExpertFactory(is_available=False)
    with pytest.raises(ValidationError) as exc:
        services.mobilisation_request(
            project=world.project_a, expert=expert, domain="legal", message="x", by=world.member_a
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
    checkin = CheckinFactory(project__programme=world.programme_a)
    with pytest.raises(PermissionDenied):
        services.checkin_validate(checkin=checkin, by=world.staff_b, **valid_checkin())
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
    assert [(e.from_state, e.to_state) for e in CHECKIN.log(checkin)] == [
        ("scheduled", "validated"),
        ("validated", "superseded"),
    ]
    assert Event.objects.for_object(new).get().changes == {"headcount": [3, 4], "_supersedes": checkin.pk}


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
    checkin = CheckinFactory(project__programme=world.programme_a)
    with pytest.raises(ValidationError) as exc:
        services.checkin_validate(checkin=checkin, by=world.member_a, **valid_checkin(**kw))
    assert exc.value.message_dict == errors
    checkin.refresh_from_db()
    assert checkin.status == CheckinStatus.SCHEDULED


def test_checkins_schedule_is_idempotent(db):
    project = ProjectFactory(stage_key="creation", created_on=date(2024, 2, 29))
    schedule_checkins(project)
    schedule_checkins(project)
    assert list(project.checkins.values_list("months_after", "due_on")) == [
        (6, date(2024, 8, 29)),
        (12, date(2025, 2, 28)),
        (24, date(2026, 2, 28)),
        (36, date(2027, 2, 28)),
        (60, date(2029, 2, 28)),
    ]


def test_meeting_update_refreshes_dosage_and_audits_the_diff(world):
    today = timezone.localdate()
    project = world.project_a
    meeting = services.meeting_create(
        project=project,
        by=world.member_a,
        date=today - timedelta(days=3),
        duration_minutes=60,
        kind="individual",
    )
    assert meeting.programme == world.programme_a
    services.meeting_update(meeting=meeting, by=world.admin_a, duration_minutes=90, topics="Prix de vente")
    project.refresh_from_db()
    assert (project.meeting_minutes, project.last_meeting_on) == (90, today - timedelta(days=3))
    event = Event.objects.get(action=Action.UPDATE, object_id=meeting.pk)
    assert (event.actor, event.project, event.programme_id, event.changes) == (
        world.admin_a,
        project,
        world.programme_a.pk,
        {"duration_minutes": [60, 90], "topics": ["", "Prix de vente"]},
    )
    services.meeting_update(meeting=meeting, by=world.admin_a, duration_minutes=90)
    assert Event.objects.filter(action=Action.UPDATE).count() == 1  # nothing changed, no event


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"duration_minutes": 0},
            {"duration_minutes": ["La durée doit être comprise entre 1 minute et 24 heures."]},
        ),
        ({"date": date(2999, 1, 1)}, {"date": ["On ne consigne que des rendez-vous qui ont eu lieu."]}),
        (
            {"next_meeting_on": date(2026, 1, 1)},
            {"next_meeting_on": ["Le prochain rendez-vous doit suivre celui-ci."]},
        ),
    ],
)
def test_meeting_update_bad_input_changes_nothing(world, fields, errors):
    meeting = MeetingFactory(project=world.project_a, date=date(2026, 2, 2), duration_minutes=90)
    with pytest.raises(ValidationError) as exc:
        services.meeting_update(meeting=meeting, by=world.member_a, **fields)
    assert exc.value.message_dict == errors
    meeting.refresh_from_db()
    assert (meeting.date, meeting.duration_minutes, meeting.next_meeting_on) == (date(2026, 2, 2), 90, None)
    assert not Event.objects.filter(action=Action.UPDATE).exists()


def test_meeting_update_refuses_unknown_fields(world):
    meeting = MeetingFactory(project=world.project_a)
    with pytest.raises(ValueError):
        services.meeting_update(meeting=meeting, by=world.member_a, project=world.project_b)


def test_receiving_programme_logs_meetings_only_after_acceptance(world):
    kwargs = {"date": date(2026, 2, 3), "duration_minutes": 45, "kind": "individual"}
    with pytest.raises(PermissionDenied, match="Ce dispositif n'accompagne pas ce projet."):
        services.meeting_create(
            project=world.project_a, programme=world.programme_b, by=world.staff_b, **kwargs
        )
    referral = ReferralFactory(
        project=world.project_a, to_programme=world.programme_b, status=ReferralStatus.PROPOSED
    )
    with pytest.raises(PermissionDenied, match="Ce dispositif n'accompagne pas ce projet."):
        services.meeting_create(
            project=world.project_a, programme=world.programme_b, by=world.staff_b, **kwargs
        )
    assert not Meeting.objects.exists()
    referral.status = ReferralStatus.ACCEPTED
    referral.save()
    meeting = services.meeting_create(
        project=world.project_a, programme=world.programme_b, by=world.staff_b, **kwargs
    )
    assert (meeting.project, meeting.programme, meeting.created_by) == (
        world.project_a,
        world.programme_b,
        world.staff_b,
    )
    world.project_a.refresh_from_db()
    assert world.project_a.meeting_minutes == 45  # the project's dosage counts every programme's meetings
    # the running programme's log holds it; another member of B's organisation logs too, a carrier not
    assert Event.objects.get(object_id=meeting.pk).programme_id == world.programme_a.pk
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            project=world.project_a, programme=world.programme_b, by=world.carrier, **kwargs
        )


def test_meetings_are_logged_by_the_running_staff_only(world):
    kwargs = {"date": date(2026, 2, 3), "duration_minutes": 45, "kind": "individual"}
    for actor in ("carrier", "staff_b", "expert"):
        with pytest.raises(PermissionDenied):
            services.meeting_create(project=world.project_a, by=getattr(world, actor), **kwargs)
    meeting = MeetingFactory(project=world.project_a)
    with pytest.raises(PermissionDenied):
        services.meeting_update(meeting=meeting, by=world.carrier, duration_minutes=10)
    with pytest.raises(PermissionDenied):
        services.meeting_delete(meeting=meeting, by=world.staff_b)
    assert list(Meeting.objects.values_list("pk", "duration_minutes")) == [(meeting.pk, 90)]


def test_expert_save_by_the_person_or_the_demo(world):
    person = UserFactory()
    expert = services.expert_save(
        user=person, by=person, domains=["legal"], territory_refs=["departement:34"]
    )
    person.refresh_from_db()
    assert (person.is_expert, list(expert.domains)) == (True, ["legal"])
    assert Event.objects.get(object_id=expert.pk, object_type="accompaniment.expert").action == Action.CREATE
    services.expert_save(user=person, by=DEMO, domains=["trade"], territory_refs=[], is_available=False)
    expert.refresh_from_db()
    assert (list(expert.domains), expert.is_available) == (["trade"], False)
    with pytest.raises(PermissionDenied):
        services.expert_save(user=person, by=world.member_a, domains=[], territory_refs=[])
