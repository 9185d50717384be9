import pytest
from django.core.cache import cache

from essaim.directory.models import Programme, ZoneItem
from essaim.orientation import index
from tests.factories.directory import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_bulk_writes_are_seen_through_the_stamp(settings):
    # The organisation first: editing an organisation moves the index version (its cards show its name).
    organisation = OrganisationFactory()
    ProgrammeFactory(slug="first", zone=["departement:34"])
    assert sorted(f.slug for f in index.get_index().facts.values()) == ["first"]
    # bulk_create sends no signal: only the stamp, checked every ORIENTATION_INDEX_CHECK_SECONDS, sees it.
    (bulk,) = Programme.objects.bulk_create(
        [Programme(slug="bulk", name="Bulk", kind="incubator", organisation=organisation)]
    )
    ZoneItem.objects.bulk_create([ZoneItem(programme=bulk, level="departement", code="34")])
    settings.ORIENTATION_INDEX_CHECK_SECONDS = 3600
    assert sorted(f.slug for f in index.get_index().facts.values()) == ["first"]
    settings.ORIENTATION_INDEX_CHECK_SECONDS = 0
    assert sorted(f.slug for f in index.get_index().facts.values()) == ["bulk", "first"]


def test_unchanged_index_is_reused(settings):
    ProgrammeFactory(zone=["departement:34"])
    settings.ORIENTATION_INDEX_CHECK_SECONDS = 0
    assert index.get_index() is index.get_index()


def test_buckets_group_programmes_by_needs_mask():
    a = ProgrammeFactory(
        slug="a", name="A", zone=["departement:34"], stages=["emergence"], needs=["financing"]
    )
    b = ProgrammeFactory(
        slug="b", name="B", zone=["departement:34"], stages=["emergence"], needs=["financing", "premises"]
    )
    c = ProgrammeFactory(slug="c", name="C", zone=["departement:34"], stages=["emergence"])
    bucket = index.get_index().bucket(("departement", "34"), "emergence")
    assert [f.slug for f in bucket.flat] == ["a", "b", "c"]
    assert len(bucket.groups) == 3
    financing, premises = index.NEED_BITS["financing"], index.NEED_BITS["premises"]
    assert [f.slug for f in index.ranked(bucket, financing | premises)] == ["b", "a", "c"]
    assert [f.slug for f in index.ranked(bucket, financing)] == ["a", "b", "c"]
    assert [f.slug for f in index.ranked(bucket, 0)] == ["a", "b", "c"]
    assert {a.pk, b.pk, c.pk} == {f.pk for f in index.get_index().covering(("departement", "34"))}


def test_unpublished_programmes_are_left_out():
    ProgrammeFactory(slug="hidden", is_published=False)
    assert index.get_index().facts == {}


def test_another_process_edit_is_seen_once_the_version_is_read_again(settings):
    """Another process's edit reaches this one through the shared cache only: its signal bumps
    the version there, it does not drop our index. We read the version at most every
    ORIENTATION_INDEX_VERSION_SECONDS."""
    programme = ProgrammeFactory(name="Ancien nom", zone=["departement:34"])
    settings.ORIENTATION_INDEX_CHECK_SECONDS = 3600
    settings.ORIENTATION_INDEX_VERSION_SECONDS = 3600
    assert index.get_index().facts[programme.pk].name == "Ancien nom"
    Programme.objects.filter(pk=programme.pk).update(name="Nouveau nom")  # no signal here
    cache.set(index.VERSION_KEY, "bumped-by-another-process", None)
    assert index.get_index().facts[programme.pk].name == "Ancien nom"
    settings.ORIENTATION_INDEX_VERSION_SECONDS = 0
    assert index.get_index().facts[programme.pk].name == "Nouveau nom"
    assert index.get_index().version == "bumped-by-another-process"


def test_an_edit_in_this_process_is_seen_at_once(settings):
    programme = ProgrammeFactory(name="Ancien nom", zone=["departement:34"])
    settings.ORIENTATION_INDEX_VERSION_SECONDS = 3600
    assert index.get_index().facts[programme.pk].name == "Ancien nom"
    programme.name = "Nouveau nom"
    programme.save()
    assert index.get_index().facts[programme.pk].name == "Nouveau nom"
