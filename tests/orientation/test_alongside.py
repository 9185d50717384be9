"""The national offer alongside the ESS programmes in a territory's coverage (orientation/alongside.py)."""

import pytest

from essaim.directory.enums import OfferFamily, ProgrammeKind
from essaim.orientation.coverage import coverage
from tests.factories.directory import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def actor(slug, kind, commune=None, departement=None):
    family = OfferFamily.SHARED_PLACE if kind == ProgrammeKind.SHARED_PLACE else OfferFamily.MAINSTREAM
    zone = f"departement:{departement}" if departement else f"commune:{commune}"
    return ProgrammeFactory(
        slug=slug,
        name=slug,
        kind=kind,
        family=family,
        source_key="test",
        organisation=OrganisationFactory(commune_id=commune),
        zone=[zone],
    )


@pytest.fixture
def herault():
    ProgrammeFactory(slug="incubateur", zone=["departement:34"], stages=["emergence"])
    actor("fs-montpellier", ProgrammeKind.FRANCE_SERVICES, "34172")
    actor("fs-lattes", ProgrammeKind.FRANCE_SERVICES, "34129")
    actor("fs-agde", ProgrammeKind.FRANCE_SERVICES, "34003")
    actor("cci-herault", ProgrammeKind.CCI, "34172", departement="34")
    actor("ft-herault", ProgrammeKind.FRANCE_TRAVAIL, None, departement="34")
    actor("tl-montpellier", ProgrammeKind.SHARED_PLACE, "34172")
    actor("cci-gard", ProgrammeKind.CCI, "30189", departement="30")


def rows(result):
    return [
        (g.family_label, g.kind_label, g.count, [d.slug for d in g.doors] if g.named else None)
        for g in result.alongside
    ]


def test_a_commune_names_its_actors_and_those_of_its_departement_by_family(herault):
    result = coverage("commune", "34172")
    assert rows(result) == [
        ("Acteur de droit commun", "France services", 1, ["fs-montpellier"]),
        ("Acteur de droit commun", "Chambre de commerce et d'industrie", 1, ["cci-herault"]),
        ("Acteur de droit commun", "France Travail (ex-Pôle emploi)", 1, ["ft-herault"]),
        ("Lieu partagé", "Lieu partagé / tiers-lieu", 1, ["tl-montpellier"]),
    ]
    # Not counted as ESS coverage: one programme, three stages without any.
    assert [f.slug for f in result.programmes] == ["incubateur"]
    assert result.gaps == ["creation", "consolidation", "developpement"]


def test_an_epci_and_a_departement(herault):
    metropole = coverage("epci", "243400017")
    assert [(g.kind, g.count) for g in metropole.alongside] == [
        ("france_services", 2),
        ("cci", 1),
        ("france_travail", 1),
        ("shared_place", 1),
    ]
    herault_ = coverage("departement", "34")
    assert rows(herault_) == [
        ("Acteur de droit commun", "France services", 3, None),
        ("Acteur de droit commun", "Chambre de commerce et d'industrie", 1, None),
        ("Acteur de droit commun", "France Travail (ex-Pôle emploi)", 1, None),
        ("Lieu partagé", "Lieu partagé / tiers-lieu", 1, None),
    ]
    assert herault_.as_dict()["alongside"][0] == {
        "family": "mainstream",
        "family_label": "Acteur de droit commun",
        "kind": "france_services",
        "kind_label": "France services",
        "count": 3,
        "actors": [],
    }


def test_a_region_and_france(herault):
    assert [(g.kind, g.count) for g in coverage("region", "76").alongside] == [
        ("france_services", 3),
        ("cci", 2),
        ("france_travail", 1),
        ("shared_place", 1),
    ]
    assert sum(g.count for g in coverage("national", "FR").alongside) == 7
    assert coverage("departement", "23").alongside == []
