"""The national offer's data file and its loader (directory.national_offer, load_national_offer)."""

import gzip
import hashlib
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from essaim.directory.enums import OfferFamily
from essaim.directory.models import Organisation, Programme, ZoneItem
from essaim.directory.national_offer import (
    COLUMNS,
    DATA_FILE,
    FORMAT,
    NationalOfferError,
    national_offer_load,
    read_offer_file,
)

pytestmark = pytest.mark.django_db

SOURCES = {
    "anct-france-services": {
        "title": "ANCT, liste des France services",
        "licence": "Licence Ouverte 2.0",
        "date": "2024-08-01",
    },
    "dila-annuaire-2019": {"title": "DILA, Annuaire", "licence": "Licence Ouverte", "date": "2019-08-01"},
}


def actor(source, ref, kind, name, commune="", departement="", **values):
    data = dict.fromkeys(COLUMNS, "")
    defaults = {"latitude": None, "longitude": None, "stages": ["emergence", "creation"]}
    defaults |= {"needs": ["legal_structure"], "publics": []}
    data.update(defaults | values)
    data.update(source=source, ref=ref, kind=kind, name=name, commune=commune, departement=departement)
    return [data[c] for c in COLUMNS]


def write(path, actors, skipped=(), *, tamper=None):
    body = {"actors": list(actors), "skipped": [list(s) for s in skipped]}
    document = {
        "format": FORMAT,
        "columns": COLUMNS,
        "sources": SOURCES,
        "counts": {k: len(v) for k, v in body.items()},
        "sha256": hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode()).hexdigest(),
        **body,
    }
    if tamper:
        tamper(document)
    with gzip.open(path, "wb") as fh:
        fh.write(json.dumps(document, ensure_ascii=False).encode())
    return path


MONTPELLIER_FS = actor(
    "anct-france-services",
    "845",
    "france_services",
    "France services de Montpellier",
    commune="34172",
    departement="34",
    address="101 rue Robert-Fabre",
    postal_code="34080",
    city="Montpellier",
    phone="04 99 23 17 69",
    email="fs@example.org",
    hours="lundi : 09:00 - 12:00",
    latitude=43.6,
    longitude=3.87,
)
CCI_HERAULT = actor(
    "dila-annuaire-2019",
    "cci-34172-01",
    "cci",
    "CCI Hérault",
    commune="34172",
    departement="34",
    phone="04 99 51 53 00",
    website="https://www.herault.cci.fr",
)


@pytest.fixture
def small_file(tmp_path):
    return write(
        tmp_path / "offer.json.gz",
        [MONTPELLIER_FS, CCI_HERAULT],
        [["dila-annuaire-2019", "maia-1", "hors champ"]],
    )


def test_the_shipped_file_is_verified_and_counts_every_source():
    document = read_offer_file(DATA_FILE)
    kinds = {}
    for row in document["actors"]:
        kinds[row[2]] = kinds.get(row[2], 0) + 1
    assert document["counts"] == {"actors": len(document["actors"]), "skipped": len(document["skipped"])}
    assert kinds["france_services"] == 2845
    assert kinds["cci"] == 134 and kinds["cma"] == 99 and kinds["chamber_agriculture"] == 91
    assert kinds["inclusion_service"] == 55 and kinds["shared_place"] == 46
    assert kinds["associations_help"] == 114  # one MAIA per département and collectivity
    rows = {row[1]: dict(zip(COLUMNS, row, strict=True)) for row in document["actors"]}
    # Put right by the build script: the sous-préfecture of Saint-Pierre is in La Réunion.
    greffe = rows["prefecture_greffe_associations-97502-01"]
    assert (greffe["commune"], greffe["departement"]) == ("97416", "974")
    # Saint-Martin's agency, filed under Guadeloupe by the source.
    assert (rows["pole_emploi-774"]["commune"], rows["pole_emploi-774"]["departement"]) == ("97801", "978")
    assert rows["maia-98735-01"]["departement"] == "987"
    assert rows["maia-97502-01"]["phone"] == "+508 41 19 73"
    # The only service given at a distance everywhere, in its own words.
    assert [r["name"] for r in rows.values() if r["zone"] == "national"] == [
        "SUNS - DYNAMISER SON ENTREPRISE GRACE AU DIGITAL — SOCIAL BUILDER"
    ]
    assert set(document["sources"]) == {
        "anct-france-services",
        "dila-annuaire-2019",
        "france-travail-2023",
        "data-inclusion-2022",
        "france-tiers-lieux-2023",
    }


def test_load_creates_organisations_offers_and_zones(small_file):
    report = national_offer_load(path=small_file)
    fs = Programme.objects.select_related("organisation").get(slug="fs-845")
    assert (fs.family, fs.kind, fs.source_key, fs.updated_on.isoformat()) == (
        OfferFamily.MAINSTREAM,
        "france_services",
        "anct-france-services",
        "2024-08-01",
    )
    assert fs.stages == ("emergence", "creation")
    assert (fs.organisation.phone, fs.organisation.opening_hours, fs.organisation.latitude) == (
        "04 99 23 17 69",
        "lundi : 09:00 - 12:00",
        43.6,
    )
    assert [(z.level, z.code) for z in fs.zone.all()] == [("commune", "34172")]
    # A departmental chamber's zone is its département.
    assert list(
        ZoneItem.objects.filter(programme__slug="dila-cci-34172-01").values_list("level", "code")
    ) == [("departement", "34")]
    assert report.sources["anct-france-services"].created == 1
    assert report.skipped == {"hors champ": 1}
    assert report.changed


def test_a_remote_service_is_national_and_a_maia_departmental(tmp_path):
    path = write(
        tmp_path / "offer.json.gz",
        [
            actor("dila-annuaire-2019", "maia-34172-01", "associations_help", "MAIA Hérault", "34172", "34"),
            actor(
                "dila-annuaire-2019", "apec-1", "apec", "Service à distance", "34172", "34", zone="national"
            ),
        ],
    )
    national_offer_load(path=path)
    zones = dict(ZoneItem.objects.values_list("programme__slug", "level"))
    assert zones == {"dila-maia-34172-01": "departement", "dila-apec-1": "national"}
    remote = Programme.objects.get(slug="dila-apec-1")
    assert remote.zone_description == "À distance, partout en France"
    assert remote.family == OfferFamily.MAINSTREAM


def test_second_run_changes_nothing_and_says_so(small_file):
    national_offer_load(path=small_file)
    out = StringIO()
    call_command("load_national_offer", file=small_file, stdout=out)
    assert "Offre nationale déjà à jour : aucun changement" in out.getvalue()
    assert "anct-france-services : 0 créés, 0 modifiés, 0 supprimés, 1 inchangés" in out.getvalue()


def test_changed_and_removed_rows_are_updated_and_deleted(small_file, tmp_path):
    national_offer_load(path=small_file)
    moved = list(MONTPELLIER_FS)
    moved[COLUMNS.index("phone")] = "04 00 00 00 00"
    report = national_offer_load(path=write(tmp_path / "v2.json.gz", [moved]))
    assert report.sources["anct-france-services"].updated == 1
    assert report.sources["dila-annuaire-2019"].deleted == 1
    assert Organisation.objects.get(slug="fs-845").phone == "04 00 00 00 00"
    assert not Programme.objects.filter(slug="dila-cci-34172-01").exists()
    assert not Organisation.objects.filter(slug="dila-cci-34172-01").exists()


def test_old_insee_code_is_mapped_and_unknown_one_reported(tmp_path):
    from essaim.territories.models import CommuneAlias

    alias = CommuneAlias.objects.select_related("commune").first()
    rows = [
        actor("dila-annuaire-2019", "ml-old", "mission_locale", "Mission locale", commune=alias.code),
        actor("dila-annuaire-2019", "ml-gone", "mission_locale", "Mission disparue", commune="99999"),
    ]
    report = national_offer_load(path=write(tmp_path / "codes.json.gz", rows))
    organisation = Organisation.objects.get(slug="dila-ml-old")
    assert organisation.commune_id == alias.commune_id
    assert report.mapped == 1
    assert report.skipped == {"code INSEE inconnu du référentiel (commune disparue ou non chargée)": 1}
    assert not Programme.objects.filter(slug="dila-ml-gone").exists()


def test_invalid_email_is_dropped_not_loaded(tmp_path):
    row = actor("dila-annuaire-2019", "apec-1", "apec", "Apec", commune="34172", email="pas-un-courriel")
    report = national_offer_load(path=write(tmp_path / "bad.json.gz", [row]))
    assert Organisation.objects.get(slug="dila-apec-1").email == ""
    assert report.fields_dropped == 1


def test_dry_run_writes_nothing(small_file):
    report = national_offer_load(path=small_file, dry_run=True)
    assert report.sources["anct-france-services"].created == 1
    assert not Programme.objects.filter(source_key__gt="").exists()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda raw: raw[: len(raw) // 2], "illisible (tronqué ou corrompu)"),
        (lambda raw: gzip.compress(b"{not json"), "JSON invalide"),
    ],
)
def test_truncated_or_corrupted_file_is_refused_and_database_unchanged(small_file, tmp_path, damage, message):
    national_offer_load(path=small_file)
    before = list(Programme.objects.order_by("pk").values_list("slug", flat=True))
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(damage(small_file.read_bytes()))
    with pytest.raises(CommandError) as exc:
        call_command("load_national_offer", file=broken, stdout=StringIO())
    assert message in str(exc.value) and "Base de données inchangée." in str(exc.value)
    assert list(Programme.objects.order_by("pk").values_list("slug", flat=True)) == before


def test_edited_file_fails_its_checksum(tmp_path):
    def edit(document):
        document["actors"][0][3] = "Nom modifié à la main"

    path = write(tmp_path / "edited.json.gz", [MONTPELLIER_FS], tamper=edit)
    with pytest.raises(NationalOfferError) as exc:
        national_offer_load(path=path)
    assert str(exc.value) == "Empreinte SHA-256 incorrecte : le fichier de l'offre nationale a été altéré."
    assert not Programme.objects.filter(source_key__gt="").exists()


def test_missing_rows_fail_the_counts(tmp_path):
    def drop(document):
        document["actors"].pop()

    path = write(tmp_path / "short.json.gz", [MONTPELLIER_FS, CCI_HERAULT], tamper=drop)
    with pytest.raises(NationalOfferError) as exc:
        national_offer_load(path=path)
    assert str(exc.value) == "Section « actors » incomplète : 1 lignes au lieu de 2."


def test_missing_file(tmp_path):
    with pytest.raises(NationalOfferError) as exc:
        read_offer_file(tmp_path / "absent.json.gz")
    assert "introuvable" in str(exc.value)


def test_the_study_programmes_stay_ess_programmes(study, small_file):
    national_offer_load(path=small_file)
    assert Programme.objects.filter(family=OfferFamily.ESS).count() == 14
    assert Programme.objects.filter(source_key="").count() == 14
