"""Survival from registry dates: Kaplan–Meier checked against lifelines to 1e-9; the Lyon 4e
baseline from the real (shipped) file against a computation made here independently (the CSV
read again with the csv module, months counted another way, lifelines fitted); followed and
declared curves side by side; small groups hidden."""

import csv
import datetime as dt
import io
import math
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lifelines import KaplanMeierFitter

from essaim.evidence import privacy
from essaim.evidence.facts import facts_refresh
from essaim.evidence.models import Enterprise
from essaim.registry import survival
from essaim.registry.models import Establishment
from tests.factories.evidence import EnterpriseFactory, checkin
from tests.registry.helpers import AS_OF, HISTORY, import_lyon

TOLERANCE = 1e-9
SHARED = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "data"
    / "real"
    / "sirene_etablissements_periodes_lyon4_69384.csv"
)


def _months(start: dt.date, end: dt.date) -> int:
    """Whole months, counted one by one: a month is complete when its day number is reached
    (not the app's formula)."""
    n = 0
    while True:
        total = start.month + n  # the month after n complete months, counted from 0
        year, month = start.year + total // 12, total % 12 + 1
        if (year, month) < (end.year, end.month) or (
            (year, month) == (end.year, end.month) and end.day >= start.day
        ):
            n += 1
        else:
            return n


def assert_matches_lifelines(curve, durations, events):
    fitter = KaplanMeierFitter().fit(durations, events)
    assert [p.t for p in curve.points] == list(fitter.survival_function_.index)
    estimates = fitter.survival_function_.iloc[:, 0].tolist()
    lowers = fitter.confidence_interval_.iloc[:, 0].tolist()
    uppers = fitter.confidence_interval_.iloc[:, 1].tolist()
    at_risk = fitter.event_table["at_risk"].tolist()
    for p, s, lo, up, n in zip(curve.points, estimates, lowers, uppers, at_risk, strict=True):
        assert math.isclose(p.estimate, s, rel_tol=0, abs_tol=TOLERANCE)
        assert math.isclose(p.lower, lo, rel_tol=0, abs_tol=TOLERANCE)
        assert math.isclose(p.upper, up, rel_tol=0, abs_tol=TOLERANCE)
        assert p.at_risk == n


def test_independent_month_count_agrees_with_the_app_on_awkward_days():
    cases = [
        (dt.date(2016, 1, 31), dt.date(2016, 2, 29), 0),
        (dt.date(2016, 1, 31), dt.date(2016, 3, 31), 2),
        (dt.date(2016, 1, 22), dt.date(2016, 5, 21), 3),
        (dt.date(2016, 1, 22), dt.date(2016, 5, 22), 4),
        (dt.date(2019, 12, 31), dt.date(2020, 1, 1), 0),
    ]
    for start, end, expected in cases:
        assert _months(start, end) == expected
        assert survival.durations([(start, end, AS_OF)]) == {(expected, True): 1}


dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2025, 12, 31))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(dates, st.one_of(st.none(), st.integers(0, 4000))), min_size=5, max_size=80))
def test_registry_dates_give_lifelines_curve(establishments):
    as_of = dt.date(2026, 1, 1)
    rows = [(c, c + dt.timedelta(days=d) if d is not None else None, as_of) for c, d in establishments]
    curve = survival.curve_of(survival.durations(rows), inside=True)
    durations, events = [], []
    for created, closed, _as_of in rows:
        known = closed is not None and closed <= as_of
        durations.append(_months(created, closed if known else as_of))
        events.append(known)
    assert_matches_lifelines(curve, durations, events)


def _independent(periods_by_siret, first_year, last_year, as_of):
    """Durations and events straight from periods: created at the first period's start, closed
    at the start of the first F period."""
    durations, events = [], []
    for rows in periods_by_siret.values():
        rows.sort(key=lambda r: r["dateDebut"])
        start = rows[0]["dateDebut"]
        if start in ("", "1900-01-01") or not first_year <= int(start[:4]) <= last_year:
            continue
        created = dt.date.fromisoformat(start)
        closures = [
            dt.date.fromisoformat(r["dateDebut"]) for r in rows if r["etat"] == "F" and r["dateDebut"]
        ]
        closed = min(closures) if closures else None
        if closed and closed <= as_of:
            durations.append(_months(created, closed))
            events.append(True)
        else:
            durations.append(_months(created, as_of))
            events.append(False)
    return durations, events


def _periods_from_shipped():
    by_siret = defaultdict(list)
    with zipfile.ZipFile(HISTORY) as archive, archive.open(archive.namelist()[0]) as raw:
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
            by_siret[row["siret"]].append(
                {"dateDebut": row["dateDebut"], "etat": row["etatAdministratifEtablissement"]}
            )
    return by_siret


@pytest.mark.django_db
def test_lyon_4e_baseline_equals_an_independent_computation():
    import_lyon()
    curve = survival.baseline(level="commune", code="69384", start_year=2015, end_year=2019)
    durations, events = _independent(_periods_from_shipped(), 2015, 2019, AS_OF)
    assert curve.n == len(durations) == 4551
    assert curve.as_of == AS_OF
    full = survival.curve_of(
        survival.durations(
            Establishment.objects.filter(commune="69384").values_list("created_on", "closed_on", "as_of")
        ),
        inside=True,
    )
    assert_matches_lifelines(full, durations, events)
    # Outside the programme the tail stops where fewer than five remain at risk.
    assert curve.points == [p for p in full.points if p.at_risk >= privacy.MIN_PROJECTS]
    five = curve.five_year
    assert five is not None and 0.3 < five.estimate < 0.8
    one_year = survival.baseline(level="commune", code="69384", start_year=2017, end_year=2017)
    durations17, events17 = _independent(_periods_from_shipped(), 2017, 2017, AS_OF)
    assert one_year.n == len(durations17) == 862


@pytest.mark.skipif(not SHARED.exists(), reason="the full real extract lives outside the repository")
@pytest.mark.django_db
def test_the_shipped_fixture_keeps_every_lyon_establishment_of_those_years():
    by_siret = defaultdict(list)
    with SHARED.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            by_siret[row["siret"]].append(row)
    expected = _independent(by_siret, 2015, 2019, AS_OF)
    assert _independent(_periods_from_shipped(), 2015, 2019, AS_OF) == expected


@pytest.mark.django_db
def test_followed_and_declared_curves_side_by_side():
    sirets = ["30222818400057", "10281861400012", "10538241000014", "18004301001683", "30137433600057"]
    for siret in sirets:
        enterprise = EnterpriseFactory(siret=siret)
        checkin(enterprise.project, dt.date(2021, 6, 1))
    import_lyon()
    facts_refresh()  # the signals refresh facts on commit, which a test does not reach
    followed = survival.followed(Enterprise.objects.all(), inside=True)
    assert followed.n == 5
    assert [p.events for p in followed.points if p.events] == [1, 1]  # two of the five are closed
    assert survival.followed(Enterprise.objects.filter(siret__in=sirets[:4]), inside=False).n == privacy.SMALL
    declared = survival.declared(Enterprise.objects.all(), inside=True)
    assert declared.n == 5 and all(p.events == 0 for p in declared.points)


def test_unknown_levels_are_refused():
    with pytest.raises(ValueError):
        survival.baseline(level="region", code="84", start_year=2015, end_year=2019)


def test_a_closure_after_the_stock_date_is_censored():
    as_of = dt.date(2020, 1, 1)
    assert survival.durations([(dt.date(2019, 1, 1), dt.date(2021, 1, 1), as_of)]) == {(12, False): 1}
