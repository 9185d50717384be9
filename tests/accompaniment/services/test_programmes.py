import pytest
from django.core.exceptions import ValidationError

from essaim.accompaniment import services
from essaim.accompaniment.models import ProgrammeSettings
from essaim.accompaniment.selectors import programme_settings
from essaim.audit.models import Action, Event
from essaim.core.actors import IMPORT
from essaim.core.errors import PermissionDenied


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
    events = Event.objects.filter(programme=world.programme_a).order_by("pk")
    assert [(e.action, e.object_id) for e in events] == [
        (Action.UPDATE, feas.pk),
        (Action.CREATE, added.pk),
        (Action.DELETE, added.pk),
    ]


def test_pipeline_is_set_up_by_the_programme_admins(world):
    stage = world.project_a.stage.pipeline.stages.get(key="incubation")
    for actor in (world.member_a, world.staff_b, world.carrier):
        with pytest.raises(PermissionDenied):
            services.pipeline_stage_rename(stage=stage, name="Couveuse", by=actor)
        with pytest.raises(PermissionDenied):
            services.pipeline_create(programme=world.programme_a, model="generator", by=actor)
    stage.refresh_from_db()
    assert stage.name == "Incubation"
    assert world.programme_a.pipelines.count() == 1


def test_pipeline_create_copies_the_template_once(world):
    pipeline = services.pipeline_create(programme=world.programme_a, model="generator", by=world.admin_a)
    assert list(pipeline.stages.values_list("key", flat=True)) == [
        "reperage",
        "montage",
        "recrutement_porteur",
        "finalisation",
        "creation",
    ]
    with pytest.raises(ValidationError, match="déjà un parcours pour ce modèle"):
        services.pipeline_create(programme=world.programme_a, model="generator", by=world.admin_a)
    assert world.programme_a.pipelines.count() == 2
    # imports and generators set up programmes as a system actor
    other = services.pipeline_create(programme=world.programme_b, model="generator", by=IMPORT)
    assert Event.objects.get(
        object_id=other.pk, object_type="accompaniment.programmepipeline"
    ).actor_label == ("import de données")


def test_settings_update(world):
    assert programme_settings(world.programme_a).pk is None  # defaults, nothing written by a read
    assert programme_settings(world.programme_a).reminder_delays == [10, 14, 30]
    services.programme_settings_update(
        programme=world.programme_a,
        by=world.admin_a,
        target_hours_min=10,
        target_hours_max=80,
        max_hours_per_month=8,
        alert_after_days=30,
        reminder_delays=[30, 7, 7],
    )
    saved = ProgrammeSettings.objects.get(programme=world.programme_a)
    assert (saved.target_hours_max, saved.reminder_delays) == (80, [7, 30])
    event = Event.objects.get(object_type="accompaniment.programmesettings")
    assert event.changes == {
        "target_hours_min": [20, 10],
        "target_hours_max": [120, 80],
        "max_hours_per_month": [12, 8],
        "alert_after_days": [42, 30],
        "reminder_delays": [[10, 14, 30], [7, 30]],
    }
    with pytest.raises(ValidationError) as exc:
        services.programme_settings_update(
            programme=world.programme_a,
            by=world.admin_a,
            target_hours_min=90,
            target_hours_max=80,
            max_hours_per_month=8,
            alert_after_days=30,
            reminder_delays=[7],
        )
    assert exc.value.message_dict == {
        "target_hours_max": ["Le maximum doit être supérieur ou égal au minimum."]
    }
    with pytest.raises(PermissionDenied):
        services.programme_settings_update(
            programme=world.programme_a,
            by=world.member_a,
            target_hours_min=1,
            target_hours_max=2,
            max_hours_per_month=1,
            alert_after_days=1,
            reminder_delays=[1],
        )
