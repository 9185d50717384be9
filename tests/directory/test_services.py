import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from essaim.audit.models import Event
from essaim.core.actors import IMPORT
from essaim.directory.models import Ecosystem, ZoneItem
from essaim.directory.selectors import zone_check
from essaim.directory.services import (
    ecosystem_save,
    organisation_upsert,
    programme_save,
    study_load,
    zone_set,
)
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_programme_save_creates_then_reports_no_change():
    org = OrganisationFactory()
    values = {
        "name": "Couveuse test",
        "kind": "couveuse",
        "model": "carrier",
        "stages": ["creation", "emergence"],
    }
    programme, created, changed = programme_save(
        by=IMPORT,
        slug="couveuse-test",
        organisation=org,
        values=values,
        zone=["departement:34", "commune:34172"],
    )
    assert (created, changed) == (True, False)
    assert programme.stages == ("emergence", "creation")
    assert programme.name_norm == "couveuse test"
    again = programme_save(
        by=IMPORT,
        slug="couveuse-test",
        organisation=org,
        values=values,
        zone=["commune:34172", "departement:34"],
    )
    assert again[1:] == (False, False)
    moved = programme_save(
        by=IMPORT, slug="couveuse-test", organisation=org, values=values, zone=["departement:30"]
    )
    assert moved[1:] == (False, True)
    assert list(ZoneItem.objects.filter(programme=programme).values_list("level", "code")) == [
        ("departement", "30")
    ]


def test_programme_save_refuses_invalid_values():
    org = OrganisationFactory()
    with pytest.raises(ValidationError) as caught:
        programme_save(
            by=IMPORT,
            slug="bad",
            organisation=org,
            values={"name": "X", "kind": "plouf", "share_public_funding": 120},
        )
    assert set(caught.value.message_dict) == {"kind", "share_public_funding", "__all__"}


def test_zone_check_names_each_unknown_territory():
    assert zone_check(["region:76", "national"]) == [("region", "76"), ("national", "FR")]
    with pytest.raises(ValidationError) as caught:
        zone_check(["commune:99999", "departement:34", "region:00"])
    assert caught.value.messages == ["Territoires inconnus : commune:99999, region:00."]
    with pytest.raises(ValidationError, match="niveau:code"):
        zone_check(["quartier:12"])


def test_zone_set_reports_changes():
    programme = ProgrammeFactory(zone=["departement:34"])
    assert zone_set(programme=programme, refs=["departement:34"], by=IMPORT) is False
    assert zone_set(programme=programme, refs=["departement:34", "region:76"], by=IMPORT) is True
    assert sorted(programme.zone.values_list("level", flat=True)) == ["departement", "region"]


def test_ecosystem_save_members_and_unknown_member():
    p1, p2 = ProgrammeFactory(slug="p1"), ProgrammeFactory(slug="p2")
    eco, created, changed = ecosystem_save(
        by=IMPORT,
        slug="eco",
        values={"name": "Éco", "model": "coordination"},
        members=["p1"],
        leader=p1.organisation.slug,
    )
    assert (created, changed, eco.leader_id) == (True, False, p1.organisation_id)
    assert ecosystem_save(
        by=IMPORT,
        slug="eco",
        values={"name": "Éco", "model": "coordination"},
        members=["p1", "p2"],
        leader=p1.organisation.slug,
    )[1:] == (False, True)
    assert set(eco.members.all()) == {p1, p2}
    with pytest.raises(ValidationError) as caught:
        ecosystem_save(by=IMPORT, slug="eco", values={"name": "Éco", "model": "coordination"}, members=["zz"])
    assert caught.value.message_dict == {"members": ["Dispositifs inconnus : zz"]}
    assert Ecosystem.objects.count() == 1


def test_directory_writes_are_the_platform_s():
    org = OrganisationFactory()
    for intruder in (MembershipFactory(organisation=org, role="admin").user, UserFactory()):
        with pytest.raises(PermissionDenied):
            organisation_upsert(slug=org.slug, values={"name": "Piraté"}, by=intruder)
        with pytest.raises(PermissionDenied):
            study_load(by=intruder)
    org.refresh_from_db()
    assert org.name != "Piraté"
    organisation_upsert(slug=org.slug, values={"name": "Renommée"}, by=UserFactory(admin=True))
    org.refresh_from_db()
    assert org.name == "Renommée"


def test_each_upsert_logs_a_creation_a_change_or_a_check():
    org = OrganisationFactory(name="Avant")
    organisation_upsert(slug="nouvelle", values={"name": "Nouvelle"}, by=IMPORT)
    organisation_upsert(slug=org.slug, values={"name": "Après"}, by=IMPORT)
    organisation_upsert(slug=org.slug, values={"name": "Après"}, by=IMPORT)
    events = list(Event.objects.order_by("pk").values_list("action", "object_repr", "changes"))
    assert events == [
        ("create", "Nouvelle", {"name": [None, "Nouvelle"]}),
        ("update", "Après", {"name": ["Avant", "Après"]}),
        ("validate", "Après", {}),
    ]
    assert Event.objects.filter(organisation=org).count() == 2
