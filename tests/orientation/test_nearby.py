"""'Près de chez vous': which mainstream actors a commune is shown, nearest first (orientation/nearby.py)."""

import datetime

import pytest

from essaim.directory.enums import OfferFamily, ProgrammeKind
from essaim.orientation import index, places
from essaim.orientation.nearby import distance_km, nearby
from tests.factories.directory import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

ALL_STAGES = ["emergence", "creation", "consolidation", "developpement"]
# Real positions (France services points of the ANCT file, rounded).
MONTPELLIER = (43.6108, 3.8767)
LUNEL = (43.6756, 4.1356)
BEZIERS = (43.3442, 3.2158)
DEPARTEMENTAL = {
    ProgrammeKind.CCI,
    ProgrammeKind.CMA,
    ProgrammeKind.FRANCE_TRAVAIL,
    ProgrammeKind.ASSOCIATIONS_HELP,
}


def door(slug, kind, commune=None, *, departement=None, position=None, phone="04 67 00 00 00", **extra):
    """One actor of the national offer, as `load_national_offer` stores it."""
    organisation = OrganisationFactory(
        name=slug,
        commune_id=commune,
        phone=phone,
        latitude=position[0] if position else None,
        longitude=position[1] if position else None,
    )
    zone = extra.pop("zone", None) or (
        f"departement:{departement}" if kind in DEPARTEMENTAL else f"commune:{commune}"
    )
    return ProgrammeFactory(
        slug=slug,
        name=extra.pop("name", slug),
        organisation=organisation,
        kind=kind,
        family=OfferFamily.SHARED_PLACE if kind == ProgrammeKind.SHARED_PLACE else OfferFamily.MAINSTREAM,
        source_key="test",
        updated_on=datetime.date(2019, 8, 1),
        stages=extra.pop("stages", ALL_STAGES),
        zone=[zone],
        **extra,
    )


def shown(code, *, stage=None, public=None):
    offer = index.get_index().offer
    return nearby(offer, places.territory_map().communes[code], stage=stage, public=public)


def kinds(found):
    return [(f.door.kind, f.door.slug, f.level, f.distance_km) for f in found]


def test_without_positions_the_nearest_is_the_same_commune_then_epci_then_departement_then_region():
    door("fs-montpellier", ProgrammeKind.FRANCE_SERVICES, "34172")
    door("fs-agde", ProgrammeKind.FRANCE_SERVICES, "34003", name="A France services d'Agde")
    door("fs-beziers", ProgrammeKind.FRANCE_SERVICES, "34032", name="B France services de Béziers")
    fs = ProgrammeKind.FRANCE_SERVICES.value
    # Montpellier has its own; Castelnau-le-Lez shares the métropole (EPCI) with Montpellier.
    assert kinds(shown("34172")) == [(fs, "fs-montpellier", "commune", None)]
    assert kinds(shown("34057")) == [(fs, "fs-montpellier", "epci", None)]
    # Lodève: nothing in its commune nor its EPCI; in the département, by name (no position known).
    assert kinds(shown("34142")) == [(fs, "fs-agde", "departement", None)]
    # Nîmes (Gard): nothing in the Gard; the région's.
    assert kinds(shown("30189")) == [(fs, "fs-agde", "region", None)]


def test_a_reachable_actor_comes_before_one_without_any_contact():
    door("fs-agde", ProgrammeKind.FRANCE_SERVICES, "34003", name="A sans contact", phone="")
    door("fs-beziers", ProgrammeKind.FRANCE_SERVICES, "34032", name="B joignable")
    assert [f.door.slug for f in shown("34142")] == ["fs-beziers"]


def test_where_positions_are_known_the_nearest_comes_first_with_its_distance():
    # Positions come from the France services points: Montpellier, Lunel and Béziers have one.
    door("fs-montpellier", ProgrammeKind.FRANCE_SERVICES, "34172", position=MONTPELLIER)
    door("fs-lunel", ProgrammeKind.FRANCE_SERVICES, "34145", position=LUNEL)
    door("fs-beziers", ProgrammeKind.FRANCE_SERVICES, "34032", position=BEZIERS)
    # Two agencies of the département, the farther one first by name.
    door(
        "ft-beziers", ProgrammeKind.FRANCE_TRAVAIL, "34032", departement="34", name="A France Travail Béziers"
    )
    door("ft-lunel", ProgrammeKind.FRANCE_TRAVAIL, "34145", departement="34", name="B France Travail Lunel")
    # Two services in the département, neither in Montpellier's métropole.
    door(
        "di-beziers",
        ProgrammeKind.INCLUSION_SERVICE,
        "34032",
        name="A service à Béziers",
        phone="04 67 11 11 11",
    )
    door("di-lunel", ProgrammeKind.INCLUSION_SERVICE, "34145", name="B service à Lunel")
    found = shown("34172")
    to_lunel = round(distance_km(MONTPELLIER, LUNEL))
    assert to_lunel == 22
    assert round(distance_km(MONTPELLIER, BEZIERS)) == 61
    assert kinds(found) == [
        ("france_services", "fs-montpellier", "commune", None),
        ("france_travail", "ft-lunel", "departement", to_lunel),
        ("inclusion_service", "di-lunel", "departement", to_lunel),
        ("inclusion_service", "di-beziers", "departement", 61),
    ]


def test_the_chambers_are_those_of_the_carriers_departement():
    door("cci-herault", ProgrammeKind.CCI, "34172", departement="34")
    door("cma-herault", ProgrammeKind.CMA, "34172", departement="34")
    door("cci-gard", ProgrammeKind.CCI, "30189", departement="30")
    door("cma-gard", ProgrammeKind.CMA, None, departement="30")
    # Lodève (Hérault) gets the Hérault's chambers, at Montpellier; Nîmes those of the Gard.
    assert kinds(shown("34142")) == [
        ("cci", "cci-herault", "departement", None),
        ("cma", "cma-herault", "departement", None),
    ]
    assert [(f.door.slug, f.level) for f in shown("30189")] == [
        ("cci-gard", "commune"),
        ("cma-gard", "departement"),
    ]


def test_the_mission_locale_only_for_young_people():
    door("ml-montpellier", ProgrammeKind.MISSION_LOCALE, "34172", publics=["young_people"])
    assert shown("34172") == []
    assert shown("34172", public="women") == []
    assert kinds(shown("34172", public="young_people")) == [
        ("mission_locale", "ml-montpellier", "commune", None)
    ]


def test_the_registries_at_creation_and_actors_serving_the_stage_only():
    door("greffe-herault", ProgrammeKind.ASSOCIATIONS_REGISTRY, "34172", stages=["creation"])
    door("tl-montpellier", ProgrammeKind.SHARED_PLACE, "34172", stages=["consolidation"])
    assert shown("34172", stage="emergence") == []
    assert [f.door.slug for f in shown("34172", stage="creation")] == ["greffe-herault"]
    assert [f.door.slug for f in shown("34172", stage="consolidation")] == ["tl-montpellier"]


def test_one_service_per_structure_and_at_most_two():
    for i in range(3):
        door(f"di-same-{i}", ProgrammeKind.INCLUSION_SERVICE, "34172", name=f"Service {i}")
    # Three services of one structure (same address and phone) count as one.
    assert [f.door.slug for f in shown("34172")] == ["di-same-0"]
    door("di-other", ProgrammeKind.INCLUSION_SERVICE, "34172", name="Service autre", phone="04 99 99 99 99")
    door("di-third", ProgrammeKind.INCLUSION_SERVICE, "34172", name="Service tiers", phone="04 88 88 88 88")
    assert [f.door.slug for f in shown("34172")] == ["di-same-0", "di-other"]


def test_the_ess_programmes_are_not_doors():
    ProgrammeFactory(slug="incubateur", zone=["commune:34172"])
    assert index.get_index().offer.doors == {}
    assert shown("34172") == []


def test_the_associations_desk_of_the_departement_until_consolidation():
    door(
        "maia-herault",
        ProgrammeKind.ASSOCIATIONS_HELP,
        "34172",
        departement="34",
        stages=["emergence", "creation", "consolidation"],
    )
    door("maia-gard", ProgrammeKind.ASSOCIATIONS_HELP, "30189", departement="30", stages=["emergence"])
    assert kinds(shown("34142", stage="emergence")) == [
        ("associations_help", "maia-herault", "departement", None)
    ]
    assert shown("34142", stage="developpement") == []
    # The Creuse has none: never the desk of another département.
    assert shown("23008", stage="emergence") == []


def test_a_remote_service_is_shown_only_where_few_doors_are_near():
    # Vincennes (Val-de-Marne) gives its service at a distance, everywhere.
    door("suns", ProgrammeKind.INCLUSION_SERVICE, "94080", zone="national:FR", website="https://suns.example")
    door("fs-montpellier", ProgrammeKind.FRANCE_SERVICES, "34172")
    door("cci-herault", ProgrammeKind.CCI, "34172", departement="34")
    door("cma-herault", ProgrammeKind.CMA, "34172", departement="34")
    # Montpellier: three doors near, the remote service is not added.
    assert [f.door.slug for f in shown("34172")] == ["fs-montpellier", "cci-herault", "cma-herault"]
    # The Creuse: nothing near, the remote service is a door, found "nationally".
    (remote,) = shown("23008")
    assert (remote.door.slug, remote.level, remote.distance_km, remote.door.remote) == (
        "suns",
        "national",
        None,
        True,
    )
    # Nor is it ever taken for a local one of Vincennes' département.
    assert [f.door.slug for f in shown("94080")] == ["suns"]
    assert shown("94080")[0].level == "national"
