import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from essaim.core.actors import IMPORT
from essaim.directory.data import study as study_data
from essaim.directory.models import Ecosystem, Organisation, Programme, ZoneItem
from essaim.directory.services import study_load

pytestmark = pytest.mark.django_db

LR = {"departement:11", "departement:30", "departement:34", "departement:48", "departement:66"}
ALL = {"emergence", "creation", "consolidation", "developpement"}

# The table of the project brief, written out again here on purpose (not imported from the data).
BRIEF_TABLE = [
    ("antropia", "Antropia", "incubator", "carrier", {"emergence", "creation"}, {"region:11"}),
    ("apeas", "APEAS", "resource_centre", "carrier", {"emergence"}, {"region:93"}),
    (
        "collectif-mesclun",
        "Collectif Mesclun",
        "shared_place",
        "none",
        {"consolidation", "developpement"},
        {"commune:13055"},
    ),
    (
        "inter-made",
        "Inter-Made",
        "couveuse",
        "carrier",
        {"emergence", "creation", "consolidation"},
        {"departement:13"},
    ),
    (
        "district-solidaire",
        "District Solidaire",
        "project_generator",
        "generator",
        {"emergence", "creation"},
        {"epci:200046977"},
    ),
    (
        "la-ruche",
        "La Ruche",
        "shared_place",
        "none",
        {"creation", "consolidation", "developpement"},
        {"commune:75056"},
    ),
    (
        "la-fabrique-a-initiatives",
        "La Fabrique à Initiatives",
        "project_generator",
        "generator",
        {"emergence"},
        {"region:11"}
        | {f"departement:{d}" for d in ["24", "33", "40", "47", "64"]}
        | {f"departement:{d}" for d in ["01", "07", "26", "38", "42", "69", "73", "74"]}
        | LR
        | {"departement:27", "departement:76"},
    ),
    ("pole-sud", "Pôle Sud", "ptce", "none", ALL, {"departement:26", "departement:07"}),
    ("realis", "REALIS", "network", "both", ALL, LR),
    ("alter-incub", "Alter'Incub", "incubator", "carrier", {"emergence", "creation"}, LR),
    ("cres-lr", "CRES LR", "representation_body", "none", ALL, LR),
    ("coventis", "Coventis", "business_flow_tool", "none", {"consolidation", "developpement"}, LR),
    (
        "ecole-entrepreneuriat-economie-sociale",
        "École de l'Entrepreneuriat en Économie Sociale",
        "training_centre",
        "none",
        {"consolidation", "developpement"},
        LR,
    ),
    ("replic", "REPLIC", "enterprise_group", "generator", {"emergence", "creation", "developpement"}, LR),
]


@pytest.mark.parametrize(("slug", "name", "kind", "model", "stages", "zone"), BRIEF_TABLE, ids=lambda v: v)
def test_programme_matches_the_brief(study, slug, name, kind, model, stages, zone):
    programme = Programme.objects.get(slug=slug)
    assert programme.name == name
    assert programme.kind == kind
    assert programme.model == model
    assert set(programme.stages) == stages
    assert {f"{z.level}:{z.code}" for z in programme.zone.all()} == zone
    assert programme.source == study_data.SOURCE
    assert programme.licence == study_data.LICENCE
    assert programme.updated_on == study_data.UPDATED_ON
    assert programme.is_published is True
    assert programme.is_synthetic is False
    assert programme.organisation.slug == slug


def test_exactly_the_fourteen_programmes(study):
    assert sorted(Programme.objects.values_list("slug", flat=True)) == sorted(row[0] for row in BRIEF_TABLE)
    assert Organisation.objects.count() == 14


def test_ecosystems_and_members(study):
    ecosystems = {e.slug: e for e in Ecosystem.objects.select_related("leader")}
    assert set(ecosystems) == {"ramsess", "realis", "pole-sud"}
    ramsess, realis, pole_sud = ecosystems["ramsess"], ecosystems["realis"], ecosystems["pole-sud"]
    assert (ramsess.model, ramsess.territory_refs, ramsess.leader) == ("coordination", [], None)
    assert list(ramsess.members.all()) == []
    assert realis.model == "common_brand"
    assert realis.leader.slug == "realis"
    assert realis.leader_role == ""  # the study's roles are a local authority's
    assert set(realis.territory_refs) == LR
    assert set(realis.members.values_list("slug", flat=True)) == {
        "alter-incub",
        "replic",
        "ecole-entrepreneuriat-economie-sociale",
        "coventis",
        "cres-lr",
    }
    assert pole_sud.model == "joint_projects"
    assert pole_sud.territory_refs == ["departement:26", "departement:07"]
    assert list(pole_sud.members.values_list("slug", flat=True)) == ["pole-sud"]


def test_inter_made_durations_and_organisation_facts(study):
    inter_made = Programme.objects.get(slug="inter-made")
    assert inter_made.duration == "Starter : 13 semaines ; couveuse : 9 mois ; suivi post-couveuse : 6 mois"
    assert Organisation.objects.get(slug="cres-lr").legal_form == "association"
    assert Organisation.objects.get(slug="pole-sud").commune_id == "26281"
    assert Organisation.objects.get(slug="antropia").initiator == "business_school"
    assert Organisation.objects.get(slug="alter-incub").initiator == "cooperative_federation"
    # Never invented: identifiers, websites and years the study does not give.
    assert list(Organisation.objects.exclude(siren="").values_list("slug", flat=True)) == []
    assert list(Organisation.objects.exclude(rna="").values_list("slug", flat=True)) == []
    assert list(Organisation.objects.exclude(website="").values_list("slug", flat=True)) == []
    assert list(Organisation.objects.filter(year_created__isnull=False).values_list("slug", flat=True)) == []
    assert list(Programme.objects.filter(share_public_funding__isnull=False)) == []


def test_every_programme_has_description_activities_publics(study):
    for programme in Programme.objects.all():
        assert programme.description, programme.slug
        assert programme.summary, programme.slug
        assert programme.activities, programme.slug
        assert programme.publics, programme.slug


STUDY_TEXT = Path("/work/shared/domain/etude-favoriser-creation-entreprises-sociales.txt")


def _words(text: str) -> list[str]:
    from essaim.core.text import normalise

    return normalise(text).split()


@pytest.mark.skipif(not STUDY_TEXT.exists(), reason="texte de l'étude absent de cette machine")
def test_descriptions_are_written_in_our_own_words():
    """No run of 8 words of a description, summary or beneficiaries text appears in the study."""
    study_words = " ".join(_words(STUDY_TEXT.read_text()))
    for data in study_data.PROGRAMMES:
        for field in ("description", "summary", "beneficiaries"):
            words = _words(data[field])
            for i in range(len(words) - 7):
                run = " ".join(words[i : i + 8])
                assert not re.search(rf"\b{re.escape(run)}\b", study_words), (data["slug"], field, run)


def test_load_study_is_idempotent(study):
    report = study_load(by=IMPORT)
    assert (report.created, report.updated) == (0, 0)
    assert report.programmes.unchanged == 14


def test_load_study_command_reports(db):
    from io import StringIO

    first, second = StringIO(), StringIO()
    call_command("load_study", stdout=first)
    call_command("load_study", stdout=second)
    assert "dispositifs : 14 (14 créés, 0 modifiés)" in first.getvalue()
    assert "Étude déjà à jour : 0 créés, 0 modifiés" in second.getvalue()
    assert ZoneItem.objects.count() == 6 + 21 + 2 + 6 * 5


def test_load_study_repairs_edited_rows(study):
    programme = Programme.objects.get(slug="antropia")
    programme.kind = "couveuse"
    programme.stages = ["developpement"]
    programme.save()
    ZoneItem.objects.filter(programme__slug="realis", code="34").delete()
    Ecosystem.objects.get(slug="realis").members.remove(Programme.objects.get(slug="coventis"))
    report = study_load(by=IMPORT)
    assert (report.programmes.updated, report.ecosystems.updated, report.created) == (2, 1, 0)
    programme.refresh_from_db()
    assert (programme.kind, set(programme.stages)) == ("incubator", {"emergence", "creation"})
    assert ZoneItem.objects.filter(programme__slug="realis", code="34").exists()


def test_dry_run_writes_nothing(db):
    report = study_load(dry_run=True, by=IMPORT)
    assert report.programmes.created == 14
    assert Programme.objects.count() == 0


def test_unknown_territory_gives_a_clear_error_and_writes_nothing(db, monkeypatch):
    programmes = [dict(p) for p in study_data.PROGRAMMES]
    programmes[5]["zone"] = ["epci:200046978", "departement:999"]
    monkeypatch.setattr(study_data, "PROGRAMMES", programmes)
    with pytest.raises(ValidationError) as caught:
        study_load(by=IMPORT)
    assert caught.value.messages[0] == (
        "Territoires inconnus : epci:200046978, departement:999. "
        "Chargez d'abord les territoires (python manage.py load_territories)."
    )
    assert Programme.objects.count() == 0
    assert Organisation.objects.count() == 0


def test_load_study_command_fails_cleanly(db, monkeypatch):
    from django.core.management import CommandError

    programmes = [dict(p) for p in study_data.PROGRAMMES]
    programmes[0]["zone"] = ["region:00"]
    monkeypatch.setattr(study_data, "PROGRAMMES", programmes)
    with pytest.raises(CommandError) as caught:
        call_command("load_study")
    assert str(caught.value) == (
        "Territoires inconnus : region:00. Chargez d'abord les territoires "
        "(python manage.py load_territories). Base de données inchangée."
    )
    assert Organisation.objects.count() == 0
