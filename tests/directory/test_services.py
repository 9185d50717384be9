import pytest

from essaim.directory.models import Ecosystem, ZoneItem
from essaim.directory.services import DirectoryDataError, ecosystem_save, programme_save, zone_check, zone_set
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
        slug="couveuse-test", organisation=org, values=values, zone=["departement:34", "commune:34172"]
    )
    assert (created, changed) == (True, False)
    assert programme.stages == ("emergence", "creation")
    assert programme.name_norm == "couveuse test"
    again = programme_save(
        slug="couveuse-test", organisation=org, values=values, zone=["commune:34172", "departement:34"]
    )
    assert again[1:] == (False, False)
    moved = programme_save(slug="couveuse-test", organisation=org, values=values, zone=["departement:30"])
    assert moved[1:] == (False, True)
    assert list(ZoneItem.objects.filter(programme=programme).values_list("level", "code")) == [
        ("departement", "30")
    ]


def test_programme_save_refuses_invalid_values():
    from django.core.exceptions import ValidationError

    org = OrganisationFactory()
    with pytest.raises(ValidationError) as caught:
        programme_save(
            slug="bad", organisation=org, values={"name": "X", "kind": "plouf", "share_public_funding": 120}
        )
    assert set(caught.value.message_dict) == {"kind", "share_public_funding", "__all__"}


def test_zone_check_names_each_unknown_territory():
    assert zone_check(["region:76", "national"]) == [("region", "76"), ("national", "FR")]
    with pytest.raises(DirectoryDataError, match="^Territoires inconnus : commune:99999, region:00.$"):
        zone_check(["commune:99999", "departement:34", "region:00"])
    with pytest.raises(DirectoryDataError, match="niveau:code"):
        zone_check(["quartier:12"])


def test_zone_set_reports_changes():
    programme = ProgrammeFactory(zone=["departement:34"])
    assert zone_set(programme=programme, refs=["departement:34"]) is False
    assert zone_set(programme=programme, refs=["departement:34", "region:76"]) is True
    assert sorted(programme.zone.values_list("level", flat=True)) == ["departement", "region"]


def test_ecosystem_save_members_and_unknown_member():
    p1, p2 = ProgrammeFactory(slug="p1"), ProgrammeFactory(slug="p2")
    eco, created, changed = ecosystem_save(
        slug="eco",
        values={"name": "Éco", "model": "coordination"},
        members=["p1"],
        leader=p1.organisation.slug,
    )
    assert (created, changed, eco.leader_id) == (True, False, p1.organisation_id)
    assert ecosystem_save(
        slug="eco",
        values={"name": "Éco", "model": "coordination"},
        members=["p1", "p2"],
        leader=p1.organisation.slug,
    )[1:] == (False, True)
    assert set(eco.members.all()) == {p1, p2}
    with pytest.raises(DirectoryDataError, match="Dispositifs inconnus : zz"):
        ecosystem_save(slug="eco", values={"name": "Éco", "model": "coordination"}, members=["zz"])
    assert Ecosystem.objects.count() == 1
