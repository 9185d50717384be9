import pytest
from django.http import QueryDict

from essaim.directory.selectors import ProgrammeFilters, parse_filters, search_programmes, zone_places
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db


def slugs(qs):
    return sorted(p.slug for p in qs)


def test_territory_filter_returns_zones_containing_or_inside():
    region = ProgrammeFactory(slug="region", zone=["region:76"])
    dept = ProgrammeFactory(slug="dept", zone=["departement:34"])
    commune = ProgrammeFactory(slug="commune", zone=["commune:34172"])
    epci = ProgrammeFactory(slug="epci", zone=["epci:243400017"])
    national = ProgrammeFactory(slug="national", zone=["national:FR"])
    ProgrammeFactory(slug="ailleurs", zone=["departement:13"])
    assert slugs(search_programmes(ProgrammeFilters(territory=("departement", "34")))) == sorted(
        [region.slug, dept.slug, commune.slug, epci.slug, national.slug]
    )
    assert slugs(search_programmes(ProgrammeFilters(territory=("commune", "34172")))) == sorted(
        [region.slug, dept.slug, commune.slug, epci.slug, national.slug]
    )
    assert slugs(search_programmes(ProgrammeFilters(territory=("commune", "30189")))) == sorted(
        [region.slug, national.slug]
    )


def test_flag_filters():
    ProgrammeFactory(slug="a", stages=["emergence"], needs=["financing"], publics=["women"])
    ProgrammeFactory(slug="b", stages=["consolidation"], needs=["premises"])
    assert slugs(search_programmes(ProgrammeFilters(stage="emergence"))) == ["a"]
    assert slugs(search_programmes(ProgrammeFilters(need="premises"))) == ["b"]
    assert slugs(search_programmes(ProgrammeFilters(public="women"))) == ["a"]


def test_family_filter_separates_ess_programmes_mainstream_actors_and_shared_places():
    ProgrammeFactory(slug="incubateur", family="ess", kind="incubator")
    ProgrammeFactory(slug="cci", family="mainstream", kind="cci")
    ProgrammeFactory(slug="tiers-lieu", family="shared_place", kind="shared_place")
    assert slugs(search_programmes(ProgrammeFilters(family="ess"))) == ["incubateur"]
    assert slugs(search_programmes(ProgrammeFilters(family="mainstream"))) == ["cci"]
    assert slugs(search_programmes(ProgrammeFilters(family="shared_place"))) == ["tiers-lieu"]
    assert slugs(search_programmes(ProgrammeFilters())) == ["cci", "incubateur", "tiers-lieu"]
    assert parse_filters(QueryDict("family=mainstream")).filters.family == "mainstream"
    assert set(parse_filters(QueryDict("family=droit-commun")).errors) == {"family"}


def test_text_filter_is_accent_insensitive():
    ProgrammeFactory(slug="fab", name="La Fabrique à Initiatives")
    ProgrammeFactory(slug="autre", name="Autre chose")
    assert slugs(search_programmes(ProgrammeFilters(q="fabrique a init"))) == ["fab"]


def test_parse_filters_names_each_bad_field():
    result = parse_filters(QueryDict("territory=departement:999&stage=plouf&kind=incubator"))
    assert set(result.errors) == {"territory", "stage"}
    assert result.filters.kind == "incubator"


def test_zone_places_names_territories():
    programme = ProgrammeFactory(zone=["departement:34", "departement:30"])
    places = zone_places([programme])[programme.pk]
    assert [p["name"] for p in places] == ["Gard", "Hérault"]
