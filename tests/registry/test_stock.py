"""The stock-file importer: INSEE's layouts read as a stream, only what Essaim needs kept,
batches committed one by one (an interrupted import resumes), a second run changes nothing,
bad rows counted in the report."""

import datetime as dt
import zipfile

import pytest

from essaim.registry import stock
from essaim.registry.enums import RegistryState, RunStatus, Source, StockKind
from essaim.registry.models import Establishment, ImportRun, LegalUnit
from tests.factories.evidence import EnterpriseFactory
from tests.registry.helpers import AS_OF, ESTABLISHMENTS, HISTORY, LYON, UNITS, import_lyon, stock_file

pytestmark = pytest.mark.django_db

H = StockKind.HISTORIQUE
E = StockKind.ETABLISSEMENT


def _state():
    return sorted(
        Establishment.objects.values_list("siret", "commune", "created_on", "closed_on", "state", "as_of")
    )


def test_the_lyon_fixtures_are_imported_with_their_closures():
    run = import_lyon()
    assert (run.status, run.rows_done, run.rows_kept, run.rows_refused) == (RunStatus.DONE, 8504, 8504, 0)
    assert Establishment.objects.filter(commune="69384", departement="69").count() == 4551
    # 30222818400057: created 2016-01-22, closed from 2016-05-21 (its first closed period).
    e = Establishment.objects.get(siret="30222818400057")
    assert (e.created_on, e.closed_on, e.state, e.source) == (
        dt.date(2016, 1, 22),
        dt.date(2016, 5, 21),
        RegistryState.CLOSED,
        Source.STOCK,
    )
    assert Establishment.objects.get(siret="10281861400012").closed_on is None


def test_only_the_territories_asked_and_the_followed_are_kept(tmp_path):
    followed = EnterpriseFactory(siret="13002526500013")
    rows = [
        {
            "siret": "30222818400057",
            "codeCommuneEtablissement": "69384",
            "etatAdministratifEtablissement": "A",
        },
        {
            "siret": "55208131766522",
            "codeCommuneEtablissement": "75056",
            "etatAdministratifEtablissement": "A",
        },
        {"siret": followed.siret, "codeCommuneEtablissement": "34172", "etatAdministratifEtablissement": "A"},
        {
            "siret": "38012986600054",
            "codeCommuneEtablissement": "69123",
            "etatAdministratifEtablissement": "A",
        },
    ]
    run = stock.import_stock(stock_file(tmp_path, E, rows), kind=E, as_of=AS_OF, territories=[LYON])
    assert sorted(Establishment.objects.values_list("siret", flat=True)) == [
        "13002526500013",
        "30222818400057",
    ]
    assert (run.rows_done, run.rows_kept) == (4, 2)
    stock.import_stock(
        stock_file(tmp_path, E, rows, name="b.zip"), kind=E, as_of=AS_OF, territories=["departement:69"]
    )
    assert sorted(Establishment.objects.values_list("siret", flat=True)) == [
        "13002526500013",
        "30222818400057",
        "38012986600054",
    ]


def test_a_second_run_changes_nothing_and_another_batch_size_gives_the_same_rows():
    import_lyon(batch=1000)
    first = _state()
    again = import_lyon(batch=1000)
    assert again.status == RunStatus.DONE and ImportRun.objects.count() == 2
    assert _state() == first
    ImportRun.objects.all().delete()  # a fresh import of the same files over the same rows
    import_lyon(batch=333)
    assert _state() == first


def test_the_establishment_file_again_after_the_history_keeps_the_closures():
    import_lyon()
    first = _state()
    assert Establishment.objects.get(siret="30222818400057").months == 3  # 2016-01-22 → 2016-05-21
    ImportRun.objects.all().delete()
    stock.import_stock(ESTABLISHMENTS, kind=E, as_of=AS_OF, territories=[LYON])
    assert _state() == first


class Interrupted(Exception):
    pass


def test_an_interrupted_import_resumes_after_its_last_batch():
    stock.import_stock(ESTABLISHMENTS, kind=E, as_of=AS_OF, territories=[LYON])
    calls = []

    def crash(run, fraction):
        calls.append((run.rows_done, fraction))
        if len(calls) == 2:
            raise Interrupted

    with pytest.raises(Interrupted):
        stock.import_stock(HISTORY, kind=H, as_of=AS_OF, batch=3000, progress=crash)
    run = ImportRun.objects.get(kind=H)
    assert (run.status, run.rows_done) == (RunStatus.RUNNING, 6000)
    assert 0 < calls[0][1] < calls[1][1] < 1
    seen = []
    resumed = stock.import_stock(
        HISTORY, kind=H, as_of=AS_OF, batch=3000, progress=lambda r, f: seen.append(r.rows_done)
    )
    assert resumed.pk == run.pk
    assert (resumed.status, resumed.rows_done, resumed.rows_kept) == (RunStatus.DONE, 8504, 8504)
    assert seen == [8504]  # the last batch of 2,504 rows, then the end
    resumed_state = _state()
    Establishment.objects.all().delete()
    ImportRun.objects.all().delete()
    import_lyon()
    assert _state() == resumed_state


def test_the_earliest_closure_wins_and_the_open_period_gives_the_state(tmp_path):
    stock.import_stock(
        stock_file(
            tmp_path,
            E,
            [
                {
                    "siret": "30222818400057",
                    "codeCommuneEtablissement": "69384",
                    "dateCreationEtablissement": "2010-03-01",
                    "dateDebut": "2020-01-01",
                    "etatAdministratifEtablissement": "F",
                }
            ],
        ),
        kind=E,
        as_of=AS_OF,
        territories=[LYON],
    )
    assert Establishment.objects.get().closed_on == dt.date(2020, 1, 1)
    periods = [
        {
            "siret": "30222818400057",
            "dateDebut": "2010-03-01",
            "dateFin": "2014-12-31",
            "etatAdministratifEtablissement": "A",
        },
        {
            "siret": "30222818400057",
            "dateDebut": "2015-01-01",
            "dateFin": "2016-12-31",
            "etatAdministratifEtablissement": "F",
        },
        {
            "siret": "30222818400057",
            "dateDebut": "2017-01-01",
            "dateFin": "",
            "etatAdministratifEtablissement": "A",
        },
    ]
    stock.import_stock(stock_file(tmp_path, H, periods, name="h.csv", zipped=False), kind=H, as_of=AS_OF)
    e = Establishment.objects.get()
    assert (e.created_on, e.closed_on, e.state) == (
        dt.date(2010, 3, 1),
        dt.date(2015, 1, 1),
        RegistryState.ACTIVE,
    )


def test_bad_rows_are_counted_in_the_report_and_skipped(tmp_path):
    EnterpriseFactory(siret="30222818400057")
    periods = [
        {"siret": "30222818400057", "dateDebut": "2015-13-01", "etatAdministratifEtablissement": "F"},
        {"siret": "30222818400057", "dateDebut": "2016-05-21", "etatAdministratifEtablissement": "F"},
    ]
    run = stock.import_stock(stock_file(tmp_path, H, periods), kind=H, as_of=AS_OF)
    assert (run.rows_kept, run.rows_refused) == (1, 1)
    assert run.report == {"refused": {"date": 1}, "examples": [{"row": 1, "reason": "date"}]}
    assert Establishment.objects.get().closed_on == dt.date(2016, 5, 21)


def test_legal_units_of_followed_enterprises_with_the_ess_flag():
    EnterpriseFactory(siret="10002917200010")  # JUNIOR ISEN-MEDITERANNEE, real ESS association
    run = stock.import_stock(UNITS, kind=StockKind.UNITE_LEGALE, as_of=AS_OF)
    assert (run.rows_done, run.rows_kept) == (300, 1)
    unit = LegalUnit.objects.get()
    assert (unit.siren, unit.name, unit.is_ess, unit.state, unit.legal_category, unit.created_on) == (
        "100029172",
        "JUNIOR ISEN-MEDITERANNEE",
        True,
        RegistryState.ACTIVE,
        "9220",
        dt.date(2026, 1, 8),
    )


def test_files_that_are_not_stock_files_are_refused(tmp_path):
    with pytest.raises(stock.StockFormatError, match="dateFin"):
        stock.import_stock(ESTABLISHMENTS, kind=H, as_of=AS_OF)
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as archive:
        archive.writestr("a.csv", "siret\n")
        archive.writestr("b.csv", "siret\n")
    with pytest.raises(stock.StockFormatError, match="one CSV"):
        stock.import_stock(two, kind=H, as_of=AS_OF)


def test_departement_of_overseas_communes():
    assert [stock.departement_of(c) for c in ("69384", "2A004", "97411")] == ["69", "2A", "974"]
