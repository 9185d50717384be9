import pytest

from essaim.accompaniment.enums import ProjectModel
from essaim.audit.models import Event
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.directory.enums import LifeStage
from essaim.replication import services
from essaim.replication.enums import KitState
from essaim.replication.models import Kit, Replica
from tests.replication.factories import TEXTS, project_copy, published_kit


def test_kit_create_makes_a_draft_with_version_one(world):
    kit = services.kit_create(by=world.m_staff, name="Garage", project=world.project, texts=TEXTS)
    assert (kit.state, kit.version, kit.owner_id, kit.subject) == (KitState.DRAFT, 1, world.pm.pk, "project")
    version = kit.versions.get()
    assert version.checksum == kit.checksum
    assert version.created_by == world.m_staff
    assert Event.objects.filter(object_id=str(kit.pk), verb="kit_create").count() == 1


def test_kit_create_is_refused_to_another_organisation_and_twice(world):
    with pytest.raises(PermissionDenied):
        services.kit_create(by=world.o_staff, name="Garage", project=world.project, texts=TEXTS)
    services.kit_create(by=world.m_staff, name="Garage", project=world.project, texts=TEXTS)
    with pytest.raises(ValidationError):
        services.kit_create(by=world.m_staff, name="Encore", project=world.project, texts=TEXTS)
    assert Kit.objects.count() == 1


def test_kit_create_refuses_unknown_stage_and_no_subject(world):
    with pytest.raises(ValidationError):
        services.kit_create(by=world.m_staff, name="Garage", texts=TEXTS)
    with pytest.raises(ValidationError):
        services.kit_create(
            by=world.m_staff, name="Garage", project=world.project, texts=TEXTS, life_stages=["nulle"]
        )


def test_kit_update_writes_a_version_only_when_the_content_changes(world):
    kit = published_kit(world)
    services.kit_update(kit=kit, by=world.m_staff, name="Garage solidaire", texts=TEXTS, need_terms="garage")
    assert (kit.version, kit.versions.count(), kit.need_terms) == (1, 1, "garage")
    services.kit_update(
        kit=kit,
        by=world.m_staff,
        name="Garage solidaire",
        texts={**TEXTS, "lessons": "Nouveau."},
        note="Retour",
    )
    kit.refresh_from_db()
    assert (kit.version, kit.versions.count()) == (2, 2)
    assert kit.versions.get(number=2).note == "Retour"
    services.kit_update(kit=kit, by=world.m_staff, life_stages=["creation"])
    kit.refresh_from_db()
    assert (kit.version, kit.need_terms, kit.life_stages, kit.name) == (
        2,
        "garage",
        ["creation"],
        "Garage solidaire",
    )
    with pytest.raises(PermissionDenied):
        services.kit_update(kit=kit, by=world.c_staff, name="X", texts=TEXTS)


def test_kit_transition_publishes_and_retires_by_owners_only(world):
    kit = services.kit_create(by=world.m_staff, name="Garage", project=world.project, texts=TEXTS)
    with pytest.raises(PermissionDenied):
        services.kit_transition(kit=kit, name="publish", by=world.c_staff)
    services.kit_transition(kit=kit, name="publish", by=world.m_staff)
    assert Kit.objects.get(pk=kit.pk).state == KitState.PUBLISHED
    services.kit_transition(kit=kit, name="retire", by=world.m_admin)
    assert Kit.objects.get(pk=kit.pk).state == KitState.RETIRED


def test_replicating_a_project_creates_a_generator_project_linked_to_its_model(world):
    kit = published_kit(world)
    replica = project_copy(world, kit)
    project = replica.project
    assert (project.programme_id, project.model, project.commune_id) == (
        world.pc.pk,
        ProjectModel.GENERATOR,
        "11262",
    )
    assert project.social_need == TEXTS["need"]
    assert (replica.kit_id, replica.version.number, replica.checksum) == (kit.pk, 1, kit.checksum)
    assert (replica.level, replica.code, replica.departement, replica.region) == (
        "commune",
        "11262",
        "11",
        "76",
    )
    assert world.project.replication_kit == kit


def test_replicating_is_refused_for_a_draft_another_runner_or_the_same_territory(world):
    kit = services.kit_create(by=world.m_staff, name="Garage", project=world.project, texts=TEXTS)
    with pytest.raises(PermissionDenied):
        project_copy(world, kit)
    kit = services.kit_transition(kit=kit, name="publish", by=world.m_staff)
    with pytest.raises(PermissionDenied):  # o-staff does not run pc
        project_copy(world, kit, by=world.o_staff)
    with pytest.raises(ValidationError):
        project_copy(world, kit, commune=world.montpellier, programme=world.pm, by=world.m_staff)
    project_copy(world, kit)
    with pytest.raises(ValidationError):
        project_copy(world, kit, name="Encore")
    assert Replica.objects.count() == 1


def test_a_copy_can_be_copied(world):
    kit = published_kit(world)
    first = project_copy(world, kit)
    second = project_copy(
        world, kit, commune=world.toulouse, programme=world.po, by=world.o_staff, parent=first
    )
    assert second.parent == first
    other = published_kit(world, project=first.project, name="Autre", by=world.c_staff)
    with pytest.raises(ValidationError):  # the parent must be a copy of the same kit
        services.replica_create(
            kit=other, by=world.o_staff, name="X", commune=world.toulouse, programme=world.po, parent=first
        )


def test_replicating_a_programme_founds_an_unpublished_programme_with_the_kit_pipeline(world):
    kit = services.kit_create(
        by=world.m_staff, name="Fabrique", programme=world.pm, texts=TEXTS, life_stages=[LifeStage.EMERGENCE]
    )
    kit = services.kit_transition(kit=kit, name="publish", by=world.m_staff)
    with pytest.raises(PermissionDenied):  # staff, not admin
        services.replica_create(
            kit=kit,
            by=world.c_staff,
            name="Fabrique Aude",
            organisation=world.org_c,
            territory="departement:11",
        )
    with pytest.raises(ValidationError):
        services.replica_create(
            kit=kit,
            by=world.c_admin,
            name="Fabrique Aude",
            organisation=world.org_c,
            territory="departement:99",
        )
    replica = services.replica_create(
        kit=kit, by=world.c_admin, name="Fabrique Aude", organisation=world.org_c, territory="departement:11"
    )
    programme = replica.new_programme
    assert (programme.organisation_id, programme.is_published, programme.kind) == (
        world.org_c.pk,
        False,
        world.pm.kind,
    )
    assert list(programme.zone.values_list("level", "code")) == [("departement", "11")]
    stages = {s.key: s for s in programme.pipelines.get().stages.all()}
    assert [i["label"] for i in stages["diagnostic-du-territoire"].checklist] == [
        "étude de marché",
        "partenaires rencontrés",
    ]
    assert replica.programme == programme


def test_taking_the_change_clears_the_drift_and_follows_the_pipeline(world):
    kit = services.kit_create(by=world.m_staff, name="Fabrique", programme=world.pm, texts=TEXTS)
    kit = services.kit_transition(kit=kit, name="publish", by=world.m_staff)
    replica = services.replica_create(
        kit=kit, by=world.c_admin, name="Fabrique Aude", organisation=world.org_c, territory="departement:11"
    )
    with pytest.raises(ValidationError):
        services.replica_take_version(replica=replica, by=world.c_staff)
    changed = {**TEXTS, "pipeline": "Diagnostic du territoire : étude de marché ; comité local"}
    services.kit_update(kit=kit, by=world.m_staff, name="Fabrique", texts=changed)
    replica.refresh_from_db()
    assert replica.has_drifted
    with pytest.raises(PermissionDenied):
        services.replica_take_version(replica=replica, by=world.m_staff)
    services.replica_take_version(replica=replica, by=world.c_staff)
    replica.refresh_from_db()
    assert (replica.has_drifted, replica.version.number) == (False, 2)
    stage = replica.new_programme.pipelines.get().stages.get(key="diagnostic-du-territoire")
    assert [i["label"] for i in stage.checklist] == ["étude de marché", "comité local"]
    assert Event.objects.filter(verb="replica_take_version", object_id=str(replica.pk)).count() == 1
