import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from essaim.audit.models import Event
from essaim.core.actors import IMPORT
from essaim.directory.models import Organisation, Programme
from essaim.opendata.export import as_json, export_records
from essaim.opendata.importer import import_records
from tests.factories.accounts import MembershipFactory

pytestmark = pytest.mark.django_db

DEFINE = "creer-une-entreprise--definir-son-projet-de-creation-dentreprise"
DEVELOP = "creer-une-entreprise--developper-son-entreprise"
OCCITANIE = ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"]


def structure(id_, **extra):
    return {"source": "dora", "id": id_, "nom": f"Structure {id_}", "date_maj": "2025-01-15", **extra}


def service(id_, structure_id="s1", **extra):
    return {
        "source": "dora",
        "structure_id": structure_id,
        "id": id_,
        "nom": f"Service {id_}",
        "description": "Accompagnement à la création d'entreprise sociale.",
        "date_maj": "2025-02-01",
        "thematiques": [DEFINE],
        "zone_eligibilite": ["34"],
        **extra,
    }


@pytest.fixture
def records():
    return [
        structure("s1", code_insee="34172", courriel="accueil@s1.example"),
        structure("s2"),
        structure("s3", siret="123"),
        service("svc1", type="accompagnement", publics=["jeunes", "femmes"]),
        service("svc2", thematiques=["choisir-un-metier--confirmer-son-choix-de-metier"]),
        {**service("svc3"), "nom": None},
        service("svc4", zone_eligibilite=["00000"]),
        service("svc5", structure_id="nobody"),
        service("svc6", thematiques=[DEVELOP], type="aide-financiere", zone_eligibilite=OCCITANIE),
        service("svc7", structure_id="s2", thematiques=["choisir-un-metier--confirmer-son-choix-de-metier"]),
        "not a record",
    ]


def lines(report) -> dict[tuple[str, str], str]:
    return {(line.kind, line.id): line.action for line in report.lines}


def test_import_reports_every_record(records):
    report = import_records(records=records, by=IMPORT)
    assert lines(report) == {
        ("structure", "s3"): "invalid",
        ("service", "svc3"): "invalid",
        ("structure", "?"): "invalid",
        ("service", "svc2"): "skipped",
        ("service", "svc5"): "invalid",
        ("service", "svc7"): "skipped",
        ("structure", "s2"): "skipped",
        ("structure", "s1"): "created",
        ("service", "svc1"): "created",
        ("service", "svc4"): "invalid",
        ("service", "svc6"): "created",
    }
    reasons = {line.id: line.reason for line in report.lines}
    assert reasons["s3"].startswith("siret")
    assert reasons["svc3"].startswith("nom")
    assert reasons["svc2"] == "aucune thématique « creer-une-entreprise »"
    assert reasons["svc4"] == "zone_eligibilite : codes inconnus 00000"
    assert reasons["svc5"] == "structure inconnue : nobody"
    assert report.summary() == "3 créés, 0 modifiés, 0 inchangés, 3 ignorés, 5 invalides"

    organisation = Organisation.objects.get(slug="di-dora-s1")
    assert (organisation.name, organisation.commune_id, organisation.email) == (
        "Structure s1",
        "34172",
        "accueil@s1.example",
    )
    svc1 = Programme.objects.get(slug="di-dora-svc1")
    assert (svc1.kind, tuple(svc1.stages), tuple(svc1.needs), tuple(svc1.publics)) == (
        "incubator",
        ("emergence",),
        ("idea", "feasibility"),
        ("young_people", "women"),
    )
    assert [(z.level, z.code) for z in svc1.zone.all()] == [("departement", "34")]
    assert svc1.licence == "Licence Ouverte / Open Licence 2.0 (data·inclusion)"
    assert svc1.source == "data·inclusion, source « dora »"
    svc6 = Programme.objects.get(slug="di-dora-svc6")
    assert tuple(svc6.stages) == ("consolidation", "developpement")
    assert tuple(svc6.needs) == ("financing", "markets")
    assert [(z.level, z.code) for z in svc6.zone.all()] == [("region", "76")]


def test_import_is_idempotent_and_updates(records):
    import_records(records=records, by=IMPORT)
    again = import_records(records=records, by=IMPORT)
    assert again.count("created") == 0 and again.count("updated") == 0
    assert again.count("unchanged") == 3
    records[3] = service("svc1", type="accompagnement", nom="Nouveau nom")
    third = import_records(records=records, by=IMPORT)
    assert lines(third)[("service", "svc1")] == "updated"
    assert Programme.objects.get(slug="di-dora-svc1").name == "Nouveau nom"


def test_dry_run_writes_nothing(records):
    report = import_records(records=records, dry_run=True, by=IMPORT)
    assert report.count("created") == 3
    assert Programme.objects.filter(slug__startswith="di-").count() == 0
    assert Organisation.objects.filter(slug__startswith="di-").count() == 0


def test_our_own_export_is_not_imported_twice(study):
    export = export_records()
    before = Programme.objects.count()
    report = import_records(records=export.structures + export.services, by=IMPORT)
    assert report.count("created") == 0
    assert {line.action for line in report.lines} == {"skipped"}
    assert Programme.objects.count() == before


def test_command(records, tmp_path):
    path = tmp_path / "di.json"
    path.write_text(json.dumps({"structures": records[:3], "services": records[3:-1]}), encoding="utf-8")
    out = StringIO()
    call_command("import_data_inclusion", str(path), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "service svc4 : invalid — zone_eligibilite : codes inconnus 00000" in text
    assert "(simulation : rien n'a été enregistré)" in text
    assert Programme.objects.filter(slug__startswith="di-").count() == 0
    call_command("import_data_inclusion", str(path), stdout=StringIO())
    assert Programme.objects.filter(slug__startswith="di-").count() == 2


def test_command_accepts_our_envelope(study, tmp_path):
    path = tmp_path / "services.json"
    path.write_text(json.dumps(as_json("services", export_records())), encoding="utf-8")
    out = StringIO()
    call_command("import_data_inclusion", str(path), stdout=out)
    assert "0 créés" in out.getvalue()


def test_unreadable_file(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="fichier JSON illisible"):
        call_command("import_data_inclusion", str(path), stdout=StringIO())
    path.write_text('{"foo": 1}', encoding="utf-8")
    with pytest.raises(CommandError, match="une liste d'enregistrements data·inclusion est attendue"):
        call_command("import_data_inclusion", str(path), stdout=StringIO())


def test_import_is_the_platform_s_and_every_write_is_logged(records):
    with pytest.raises(PermissionDenied):
        import_records(records=records, by=MembershipFactory().user)
    assert Event.objects.count() == 0
    report = import_records(records=records, by=IMPORT)
    created = Event.objects.filter(action="create")
    assert created.count() == report.count("created") == 3
    assert set(created.values_list("object_type", "actor_label")) == {
        ("directory.organisation", "import de données"),
        ("directory.programme", "import de données"),
    }
    import_records(records=records, by=IMPORT)
    assert Event.objects.filter(action="validate").count() == 3 + 2  # rows checked, zones checked
