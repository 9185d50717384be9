import pytest
from django.core.exceptions import ValidationError

from essaim.accompaniment import services
from essaim.audit.models import Action, Event
from essaim.core.actors import DEMO
from essaim.core.errors import PermissionDenied


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
    event = Event.objects.get(object_id=project.pk, action=Action.CREATE)
    assert (event.object_type, event.programme_id, event.project_id, event.actor) == (
        "accompaniment.project",
        world.programme_a.pk,
        project.pk,
        world.member_a,
    )
    assert event.sentence == f"{world.member_a.full_name} a créé « Garage solidaire » (projet)."


def test_project_create_refuses_bad_input(world):
    with pytest.raises(ValidationError) as exc:
        services.project_create(programme=world.programme_a, name=" ", model="carrier", by=world.member_a)
    assert exc.value.message_dict == {"name": ["Le nom du projet est obligatoire."]}
    with pytest.raises(ValidationError) as exc:
        services.project_create(
            programme=world.programme_a, name="X", model="carrier", by=world.member_a, stage_key="nope"
        )
    assert exc.value.message_dict == {"stage": ["Étape inconnue dans le parcours du dispositif."]}
    assert not Event.objects.exists()


@pytest.mark.parametrize("actor", ["staff_b", "carrier", "expert"])
def test_project_create_is_for_the_programme_staff(world, actor):
    with pytest.raises(PermissionDenied):
        services.project_create(
            programme=world.programme_a, name="X", model="carrier", by=getattr(world, actor)
        )
    with pytest.raises(PermissionDenied):
        services.project_create(programme=world.programme_a, name="X", model="carrier", by=DEMO)
    assert world.programme_a.projects.count() == 1


def test_project_update_audits_the_diff(world):
    services.project_update(
        project=world.project_a, by=world.member_a, sector="Alimentation", name="Épicerie bio"
    )
    event = Event.objects.get(object_id=world.project_a.pk, action=Action.UPDATE)
    assert event.changes == {"name": ["Épicerie du Faubourg", "Épicerie bio"]}
    assert event.actor == world.member_a
    assert event.verb == "project_update"
    services.project_update(project=world.project_a, by=world.member_a, sector="Alimentation")
    assert Event.objects.filter(action=Action.UPDATE).count() == 1  # nothing changed, no event


def test_project_update_by_the_carrier_is_refused(world):
    with pytest.raises(PermissionDenied):
        services.project_update(project=world.project_a, by=world.carrier, name="Mon épicerie")
    world.project_a.refresh_from_db()
    assert world.project_a.name == "Épicerie du Faubourg"


def test_project_set_carriers_flags_the_new_leader(world):
    services.project_set_carriers(
        project=world.project_a, carriers=[world.carrier, world.expert], by=world.admin_a
    )
    world.expert.refresh_from_db()
    assert world.expert.is_carrier is True
    assert sorted(world.project_a.carriers.values_list("pk", flat=True)) == sorted(
        [world.carrier.pk, world.expert.pk]
    )
    event = Event.objects.get(action=Action.UPDATE)
    assert event.changes == {"carriers": [[world.carrier.pk], sorted([world.carrier.pk, world.expert.pk])]}


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
    assert Event.objects.filter(action=Action.UPDATE, object_id=world.project_a.pk).count() == 3
