"""The directory search from memory gives what the SQL reference (`search_programmes`) gives:
same programmes, same order, same pages and counts, on random programmes and filters."""

import random

import pytest
from django.core.paginator import Paginator

from essaim.directory import index
from essaim.directory.enums import AccompanimentModel, LifeStage, Need, OfferFamily, ProgrammeKind, Public
from essaim.directory.models import Organisation, Programme, ZoneItem
from essaim.directory.selectors import ProgrammeFilters, search_programmes
from essaim.territories.models import Commune, Departement, Region
from tests.factories.directory import EcosystemFactory, OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

# Names that exercise the collation: case, accents, spaces, punctuation, digits, shared prefixes.
WORDS = [
    "Atelier",
    "atelier",
    "Éole",
    "Essor",
    "essor",
    "Île",
    "Ruche",
    "L'Envol",
    "Zèbre",
    "zèbre",
    "10",
    "2",
]
ORG_WORDS = ["Coopérative", "COOP", "Réseau", "Maison", "Ruche"]


def _places(rng):
    communes = list(Commune.objects.order_by("code").values_list("code", "epci_id", "departement_id"))
    sample = rng.sample(communes, 12)
    return {
        "commune": sorted({c for c, _e, _d in sample}),
        "epci": sorted({e for _c, e, _d in sample if e}),
        "departement": sorted(Departement.objects.values_list("code", flat=True))[:40] + ["34", "23"],
        "region": sorted(Region.objects.values_list("code", flat=True)),
        "national": ["FR"],
    }


def _directory(rng, places, count=60):
    organisations = [
        OrganisationFactory(name=f"{rng.choice(ORG_WORDS)} {rng.choice(WORDS)} {i}") for i in range(8)
    ]
    for i in range(count):
        name = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.2 and i:
            name = Programme.objects.order_by("?").first().name  # same name: ordered by pk
        zone = []
        for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
            level = rng.choice(sorted(places))
            zone.append(f"{level}:{rng.choice(places[level])}")
        programme = ProgrammeFactory(
            name=name,
            organisation=rng.choice(organisations),
            family=rng.choice(OfferFamily.values),
            kind=rng.choice(ProgrammeKind.values),
            model=rng.choice(AccompanimentModel.values),
            stages=rng.sample(LifeStage.values, rng.randint(0, 3)),
            needs=rng.sample(Need.values, rng.randint(0, 3)),
            publics=rng.sample(Public.values, rng.randint(0, 2)),
            is_published=rng.random() < 0.9,
            zone=sorted(set(zone)) or ["national:FR"],
        )
        if not zone:  # a programme without any zone (the factory always gives one)
            ZoneItem.objects.filter(programme=programme).delete()
    Programme.objects.filter(
        pk__in=rng.sample(list(Programme.objects.values_list("pk", flat=True)), 10)
    ).update(is_synthetic=True)
    index.bump_version()


def _filters(rng, places) -> ProgrammeFilters:
    filters = ProgrammeFilters()
    if rng.random() < 0.8:
        level = rng.choice(sorted(places))
        filters.territory = (level, rng.choice(places[level]))
    for name, values in [
        ("family", OfferFamily.values),
        ("stage", LifeStage.values),
        ("kind", ProgrammeKind.values),
        ("model", AccompanimentModel.values),
        ("public", Public.values),
        ("need", Need.values),
    ]:
        if rng.random() < 0.3:
            setattr(filters, name, rng.choice(values))
    if rng.random() < 0.25:
        filters.q = rng.choice(WORDS + ORG_WORDS + ["ruche coop", "at", "le", "zebre 2", "ile"])
    filters.include_synthetic = rng.random() < 0.8
    return filters


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_search_from_memory_equals_the_sql_reference(seed):
    rng = random.Random(seed)
    places = _places(rng)
    _directory(rng, places)
    found_some = 0
    for _ in range(150):
        filters = _filters(rng, places)
        expected = list(search_programmes(filters).values_list("pk", flat=True))
        assert [entry.pk for entry in index.search(filters)] == expected, filters
        found_some += len(expected) > 1
    assert found_some >= 40  # the comparison is not between empty lists


@pytest.mark.parametrize("seed", [4, 5])
def test_pages_and_counts_are_the_sql_ones(seed):
    rng = random.Random(seed)
    places = _places(rng)
    _directory(rng, places, count=80)
    for _ in range(20):
        filters = _filters(rng, places)
        filters.q = ""
        by_sql = Paginator(search_programmes(filters), 7)
        by_index = Paginator(index.search(filters), 7)
        assert by_index.count == by_sql.count
        assert by_index.num_pages == by_sql.num_pages
        for number in by_sql.page_range:
            assert [e.pk for e in by_index.page(number)] == [p.pk for p in by_sql.page(number)]


def test_every_territory_level_against_the_reference():
    ProgrammeFactory(slug="region", zone=["region:76"])
    ProgrammeFactory(slug="dept", zone=["departement:34"])
    ProgrammeFactory(slug="commune", zone=["commune:34172"])
    ProgrammeFactory(slug="epci", zone=["epci:243400017"])
    ProgrammeFactory(slug="national", zone=["national:FR"])
    ProgrammeFactory(slug="ailleurs", zone=["departement:13"])
    for territory in [
        ("commune", "34172"),
        ("commune", "30189"),
        ("epci", "243400017"),
        ("departement", "34"),
        ("departement", "30"),
        ("region", "76"),
        ("region", "93"),
        ("national", "FR"),
    ]:
        filters = ProgrammeFilters(territory=territory)
        expected = [p.slug for p in search_programmes(filters)]
        assert [e.slug for e in index.search(filters)] == expected, territory


def test_an_edit_is_searched_at_once_in_this_process():
    programme = ProgrammeFactory(name="Ancien nom", zone=["departement:34"])
    assert [e.name for e in index.search(ProgrammeFilters(q="ancien"))] == ["Ancien nom"]
    programme.name = "Nouveau nom"
    programme.save()
    assert [e.name for e in index.search(ProgrammeFilters(q="ancien"))] == []
    assert [e.name for e in index.search(ProgrammeFilters(q="nouveau"))] == ["Nouveau nom"]
    organisation = Organisation.objects.get(pk=programme.organisation_id)
    organisation.name = "Maison renommée"
    organisation.save()
    assert [e.slug for e in index.search(ProgrammeFilters(q="renommee"))] == []  # accents kept, as in SQL
    assert [e.slug for e in index.search(ProgrammeFilters(q="maison"))] == [programme.slug]


def test_a_stale_index_is_rebuilt_by_one_request_while_others_answer_from_the_previous_one(settings):
    ProgrammeFactory(name="Premier", zone=["departement:34"])
    first = index.get_index()
    settings.ORIENTATION_INDEX_VERSION_SECONDS = 0
    index.cache.set(index.VERSION_KEY, "another-process", None)
    with index.live._lock:  # another thread is rebuilding: this one gets the previous index
        assert index.get_index() is first
    rebuilt = index.get_index()
    assert rebuilt is not first
    assert rebuilt.version == "another-process"
    assert index.get_index() is rebuilt


def test_the_ecosystem_filter_keeps_its_members_in_sql_and_from_memory():
    ecosystem = EcosystemFactory(slug="realis")
    members = [ProgrammeFactory(name=f"Membre {i}", zone=["departement:34"]) for i in range(3)]
    ecosystem.members.add(ProgrammeFactory(name="Membre non publié", is_published=False))
    ProgrammeFactory(name="Hors écosystème", zone=["departement:34"])
    EcosystemFactory(slug="autre").members.add(ProgrammeFactory(name="Autre membre"))
    ecosystem.members.add(*members)
    index.bump_version()
    for filters in [
        ProgrammeFilters(ecosystem="realis"),
        ProgrammeFilters(ecosystem="realis", territory=("departement", "34"), q="membre 1"),
        ProgrammeFilters(ecosystem="autre", territory=("departement", "34")),
    ]:
        expected = list(search_programmes(filters).values_list("pk", flat=True))
        assert [entry.pk for entry in index.search(filters)] == expected, filters
    assert [e.name for e in index.search(ProgrammeFilters(ecosystem="realis"))] == [
        "Membre 0",
        "Membre 1",
        "Membre 2",
    ]
    # A member that joins later is found at once: membership is read at each search.
    late = ProgrammeFactory(name="Membre 3")
    ecosystem.members.add(late)
    assert late.pk in [e.pk for e in index.search(ProgrammeFilters(ecosystem="realis"))]
