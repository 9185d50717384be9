"""Admin forms of the directory: French validation errors, zone inline, flag fields."""

import pytest
from django.urls import reverse

from essaim.directory.models import Ecosystem, Organisation, Programme
from tests.factories.accounts import UserFactory
from tests.factories.directory import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(admin=True))
    return client


def organisation_post(**overrides):
    return {"name": "Coop test", "slug": "coop-test", "legal_form": "scic", **overrides}


def test_organisation_with_valid_identifiers_is_saved(admin_client):
    response = admin_client.post(
        reverse("admin:directory_organisation_add"),
        organisation_post(siren="732 829 320", siret="73282932000074"),
    )
    assert response.status_code == 302
    org = Organisation.objects.get(slug="coop-test")
    assert (org.siren, org.siret) == ("732829320", "73282932000074")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"siren": "732829321"},
            "siren",
            "« 732829321 » n'est pas un numéro SIREN valide (9 chiffres, clé de Luhn).",
        ),
        (
            {"siret": "73282932000075"},
            "siret",
            "« 73282932000075 » n'est pas un numéro SIRET valide (14 chiffres, clé de Luhn).",
        ),
        (
            {"rna": "W12345", "legal_form": "association"},
            "rna",
            "« W12345 » n'est pas un numéro RNA valide (W suivi de 9 chiffres).",
        ),
        ({"rna": "W123456789"}, "rna", "Seules les associations ont un numéro RNA."),
        (
            {"siren": "732829320", "siret": "55210055400013"},
            "siret",
            "Le SIRET doit commencer par le SIREN de l'organisation.",
        ),
    ],
)
def test_organisation_errors_in_plain_french(admin_client, fields, field, message):
    response = admin_client.post(reverse("admin:directory_organisation_add"), organisation_post(**fields))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]
    assert not Organisation.objects.filter(slug="coop-test").exists()


def programme_post(organisation, zone, **overrides):
    data = {
        "organisation": organisation.pk,
        "name": "Incubateur test",
        "slug": "incubateur-test",
        "kind": "incubator",
        "model": "carrier",
        "stages": ["creation", "emergence"],
        "needs": ["financing"],
        "is_published": "on",
        "zone-TOTAL_FORMS": str(len(zone)),
        "zone-INITIAL_FORMS": "0",
        "zone-MIN_NUM_FORMS": "0",
        "zone-MAX_NUM_FORMS": "1000",
        **overrides,
    }
    for i, (level, code) in enumerate(zone):
        data[f"zone-{i}-level"] = level
        data[f"zone-{i}-code"] = code
    return data


def test_programme_with_zone_and_flags_is_saved(admin_client):
    org = OrganisationFactory()
    response = admin_client.post(
        reverse("admin:directory_programme_add"),
        programme_post(org, [("departement", "34"), ("commune", "30189")]),
    )
    assert response.status_code == 302
    programme = Programme.objects.get(slug="incubateur-test")
    assert programme.stages == ("emergence", "creation")
    assert programme.needs == ("financing",)
    assert programme.name_norm == "incubateur test"
    assert sorted(programme.zone.values_list("level", "code")) == [
        ("commune", "30189"),
        ("departement", "34"),
    ]
    # The change form shows the saved flags checked.
    page = admin_client.get(reverse("admin:directory_programme_change", args=[programme.pk]))
    assert page.context["adminform"].form.initial["stages"] == ("emergence", "creation")


def test_programme_zone_is_checked_against_the_referential(admin_client):
    org = OrganisationFactory()
    response = admin_client.post(
        reverse("admin:directory_programme_add"), programme_post(org, [("departement", "999")])
    )
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors == [{"code": ["Territoire inconnu : departement:999"]}]
    assert not Programme.objects.filter(slug="incubateur-test").exists()


def test_programme_economic_shares_over_100_refused(admin_client):
    org = OrganisationFactory()
    response = admin_client.post(
        reverse("admin:directory_programme_add"),
        programme_post(org, [], share_public_funding="70", share_service_sales="40"),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Les parts du modèle économique dépassent 100 %."
    ]


def test_ecosystem_territories_are_checked(admin_client):
    data = {
        "name": "Éco test",
        "slug": "eco-test",
        "model": "coordination",
        "territory_refs": '["departement:26", "region:00"]',
    }
    response = admin_client.post(reverse("admin:directory_ecosystem_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["territory_refs"] == [
        "Territoires inconnus : region:00."
    ]
    data["territory_refs"] = '["departement:26"]'
    assert admin_client.post(reverse("admin:directory_ecosystem_add"), data).status_code == 302
    assert Ecosystem.objects.get(slug="eco-test").territory_refs == ["departement:26"]


def test_zone_codes_are_normalised(admin_client):
    org = OrganisationFactory()
    response = admin_client.post(
        reverse("admin:directory_programme_add"),
        programme_post(org, [("commune", "75112"), ("national", ""), ("departement", " 34 ")]),
    )
    assert response.status_code == 302
    programme = Programme.objects.get(slug="incubateur-test")
    assert sorted(programme.zone.values_list("level", "code")) == [
        ("commune", "75056"),
        ("departement", "34"),
        ("national", "FR"),
    ]


def test_zone_without_code_is_refused(admin_client):
    org = OrganisationFactory()
    response = admin_client.post(
        reverse("admin:directory_programme_add"), programme_post(org, [("region", "")])
    )
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors == [
        {"code": ["Indiquez le code du territoire."]}
    ]


def test_commune_autocomplete_for_organisations(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "directory",
            "model_name": "organisation",
            "field_name": "commune",
            "term": "montpellier",
        },
    )
    assert response.status_code == 200
    assert response.json()["results"][0] == {"id": "34172", "text": "Montpellier"}
