"""Place form fields: what a person types, resolved; stored places shown as labels."""

import pytest
from django import forms

from essaim.territories.models import Commune, Epci
from essaim.web.place_fields import CommunePlaceField, EpciPlaceField, ZonesField

pytestmark = pytest.mark.django_db


class PlacesForm(forms.Form):
    commune = CommunePlaceField(label="Commune")
    epci = EpciPlaceField(label="EPCI")
    zones = ZonesField(label="Territoires")


def clean(**data):
    form = PlacesForm(data)
    form.is_valid()
    return form


@pytest.mark.parametrize("text", ["Montpellier", "34000", "34172", "commune:34172", "montpellier (herault)"])
def test_a_commune_from_what_a_person_types(text):
    assert clean(commune=text).cleaned_data["commune"] == Commune.objects.get(pk="34172")


def test_empty_fields_clean_to_nothing():
    form = clean()
    assert form.errors == {}
    assert (form.cleaned_data["commune"], form.cleaned_data["epci"], form.cleaned_data["zones"]) == (
        None,
        None,
        [],
    )


def test_unknown_and_ambiguous_places_are_field_errors_naming_candidates():
    form = clean(commune="montpelier", epci="zzzqxw", zones="Lozère, romans")
    assert form.errors["commune"][0].startswith(
        "Commune inconnue : « montpelier ». Vouliez-vous dire Montpellier (Hérault)"
    )
    assert form.errors["epci"] == ["Intercommunalité inconnue : « zzzqxw ». Indiquez son nom ou son SIREN."]
    assert form.errors["zones"][0].startswith(
        "« romans » : plusieurs territoires possibles (Romans-sur-Isère (Drôme)"
    )


def test_epci_by_name_or_siren():
    montpellier = Epci.objects.get(pk="243400017")
    assert clean(epci="Montpellier Méditerranée Métropole").cleaned_data["epci"] == montpellier
    assert clean(epci="243400017").cleaned_data["epci"] == montpellier


def test_zones_clean_to_references_and_show_as_labels():
    assert clean(zones="Lozère, Occitanie, 34000, France").cleaned_data["zones"] == [
        "departement:48",
        "region:76",
        "commune:34172",
        "national:FR",
    ]
    form = PlacesForm(
        initial={"zones": ["departement:48", "commune:32389"], "commune": Commune.objects.get(pk="32389")}
    )
    html = str(form["zones"]) + str(form["commune"])
    assert 'value="Lozère (département), Saint-Martin (Gers)"' in html
    assert 'value="Saint-Martin (Gers)"' in html
    # The labels resolve back to the same places.
    assert clean(zones="Lozère (département), Saint-Martin (Gers)").cleaned_data["zones"] == [
        "departement:48",
        "commune:32389",
    ]
