import csv
import io
import json

import pytest
from data_inclusion.schema.v1 import Service, Structure
from django.core.management import call_command

from essaim.directory.models import Programme
from essaim.opendata.export import as_csv, as_json, export_records, zone_codes
from essaim.territories.models import Departement
from tests.factories.directory import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_every_study_record_is_valid(study):
    export = export_records()
    assert len(export.services) == 14
    assert len(export.structures) >= 10
    for record in export.structures:
        Structure.model_validate(record)
    publics = {p.slug: set(p.publics) for p in Programme.objects.all()}
    for record in export.services:
        service = Service.model_validate(record)
        # Never dropped for breaking a schema rule: present whenever a public maps to the schema.
        mappable = publics[service.id] & {"carriers", "job_seekers", "young_people", "women"}
        assert bool(service.publics) == bool(mappable or not publics[service.id])
        assert service.thematiques and all(
            t.value.startswith("creer-une-entreprise--") for t in service.thematiques
        )
    assert {s["structure_id"] for s in export.services} <= {s["id"] for s in export.structures}
    assert export.sources and all(s["source"] and s["licence"] for s in export.sources)


def test_mapping_of_one_programme(settings):
    settings.SITE_URL = "https://essaim.example.org"
    org = OrganisationFactory(slug="alter", name="Alter", email="contact@alter.example", siret="")
    ProgrammeFactory(
        slug="alter-incub",
        name="Alter'Incub",
        organisation=org,
        kind="incubator",
        stages=["emergence", "creation", "developpement"],
        publics=["job_seekers", "women"],
        zone=["region:76"],
        description="Incubateur d'entreprises sociales innovantes.",
    )
    ProgrammeFactory(slug="fake", zone=["national:FR"], is_synthetic=True)
    ProgrammeFactory(slug="hidden", is_published=False)
    export = export_records()
    assert [s["id"] for s in export.services] == ["alter-incub"]
    service = export.services[0]
    occitanie = sorted(Departement.objects.filter(region_id="76").values_list("code", flat=True))
    assert service["zone_eligibilite"] == occitanie
    assert service["thematiques"] == [
        "creer-une-entreprise--definir-son-projet-de-creation-dentreprise",
        "creer-une-entreprise--developper-son-entreprise",
        "creer-une-entreprise--structurer-son-projet-de-creation-dentreprise",
    ]
    assert service["mobilisable_par"] == ["professionnels", "usagers"]
    assert service["publics"] == ["demandeurs-emploi", "femmes"]
    assert service["publics_precisions"] is None
    assert service["type"] == "accompagnement"
    assert service["lien_source"] == "https://essaim.example.org/dispositifs/alter-incub/"
    assert service["courriel"] == "contact@alter.example"
    assert export.structures == [
        Structure.model_validate(
            {
                "source": "essaim",
                "id": "alter",
                "nom": "Alter",
                "date_maj": service["date_maj"],
                "courriel": "contact@alter.example",
            }
        ).model_dump(mode="json")
    ]
    assert export_records() == export  # reproducible


def test_zone_codes():
    class Z:
        def __init__(self, level, code):
            self.level, self.code = level, code

    assert zone_codes([Z("national", "FR"), Z("commune", "34172")], {}) == ["france"]
    assert zone_codes([Z("epci", "243400017"), Z("commune", "34172"), Z("departement", "30")], {}) == [
        "243400017",
        "30",
        "34172",
    ]


def test_a_refused_optional_field_is_dropped_not_the_record():
    org = OrganisationFactory(slug="odd", website="https://odd.example")
    ProgrammeFactory(slug="odd-programme", organisation=org, contact_email="")
    org_bad = OrganisationFactory(slug="bad")
    # A value our forms never accept but an old row might hold.
    type(org_bad).objects.filter(pk=org_bad.pk).update(email="not an email")
    ProgrammeFactory(slug="bad-programme", organisation=org_bad)
    export = export_records()
    assert sorted(s["id"] for s in export.services) == ["bad-programme", "odd-programme"]
    assert {s["id"]: s.get("courriel") for s in export.structures} == {"bad": None, "odd": None}


def test_json_and_csv_carry_licence_and_source(study):
    export = export_records()
    body = as_json("services", export)
    assert body["meta"]["licence"] == "Licence Ouverte / Open Licence 2.0 (Etalab)"
    assert body["meta"]["schema"] == "data-inclusion-schema 1.0.10 (v1)"
    assert body["items"] == export.services
    rows = list(csv.DictReader(io.StringIO(as_csv(Service, export.services))))
    assert len(rows) == 14
    assert rows[0]["licence"] == "Licence Ouverte / Open Licence 2.0 (Etalab)"
    first = {k: v for k, v in rows[0].items() if k not in ("licence", "source_donnees") and v != ""}
    for key in ("thematiques", "publics", "zone_eligibilite", "modes_mobilisation", "mobilisable_par"):
        if key in first:
            first[key] = first[key].split(",")
    Service.model_validate(first)


def test_csv_neutralises_formulas():
    ProgrammeFactory(slug="formula", name='=HYPERLINK("http://evil")')
    text = as_csv(Service, export_records().services)
    assert "'=HYPERLINK" in text


def test_command_writes_four_files(study, tmp_path):
    out = io.StringIO()
    call_command("export_data_inclusion", "--output", str(tmp_path / "export"), stdout=out)
    files = sorted(p.name for p in (tmp_path / "export").iterdir())
    assert files == ["services.csv", "services.json", "structures.csv", "structures.json"]
    services = json.loads((tmp_path / "export" / "services.json").read_text())
    assert len(services["items"]) == 14
    for record in services["items"]:
        Service.model_validate(record)
    assert "14 services exportés" in out.getvalue()


def test_open_programmes_are_for_everyone():
    ProgrammeFactory(slug="open", publics=["carriers", "women", "ess_workers"])
    (service,) = export_records().services
    assert service["publics"] == ["tous-publics"]
    assert service["publics_precisions"] == "Femmes entrepreneures, Salariés et bénévoles de l'ESS"


def test_the_national_offer_is_left_out_and_the_family_said(study):
    """Mainstream actors and shared places come from other producers: never re-published as Essaim's."""
    from essaim.directory.national_offer import national_offer_load

    national_offer_load()
    assert Programme.objects.exclude(family="ess").count() > 1000
    export = export_records()
    assert len(export.services) == 14
    assert {s["id"] for s in export.services} == set(
        Programme.objects.filter(family="ess").values_list("slug", flat=True)
    )
    assert all(s["source"] == "essaim" for s in export.structures + export.services)
    for record in export.services:
        Service.model_validate(record)
        assert record["thematiques"] and record["type"]
    for record in export.structures:
        Structure.model_validate(record)
    meta = as_json("services", export)["meta"]
    assert meta["familles"] == [{"famille": "ess", "libelle": "Dispositif d'appui à l'ESS"}]
    assert meta["non_exporte"].startswith("L'offre nationale (acteurs de droit commun, lieux partagés)")
    assert {s["source"] for s in meta["sources"]} == set(
        Programme.objects.filter(family="ess").values_list("source", flat=True)
    )
