import datetime as dt
from decimal import Decimal

import pytest

from essaim.evidence.facts import facts_refresh
from essaim.evidence.selectors import (
    Period,
    ScopeError,
    ScopeNotFound,
    access,
    parse_period,
    parse_scope,
    report,
    reports_for,
    survival_curves,
)
from essaim.evidence.survival import kaplan_meier
from tests.factories.accounts import MembershipFactory, TerritoryScopeFactory, UserFactory
from tests.factories.directory import ProgrammeFactory
from tests.factories.evidence import created_project
from tests.factories.financing import FinancingPlanFactory, FinancingResourceFactory, FunderFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 1, 1)


def _cohort(programme, commune_id, specs):
    """specs: (created_on, months observed, ceased)."""
    ids = []
    for created_on, months, ceased in specs:
        end = created_on + dt.timedelta(days=int(months * 30.5) + 1)
        obs = (end, "ceased", "0", end) if ceased else (end, "active", "2")
        ids.append(
            created_project(
                programme=programme, created_on=created_on, commune_id=commune_id, observations=[obs]
            ).pk
        )
    facts_refresh(ids, today=TODAY)
    return ids


SPECS = [
    (dt.date(2016, 1, 1), 70, False),
    (dt.date(2016, 1, 1), 20, True),
    (dt.date(2017, 1, 1), 61, False),
    (dt.date(2017, 1, 1), 36, True),
    (dt.date(2018, 1, 1), 12, False),
    (dt.date(2018, 1, 1), 48, False),
]


def test_parse_scope():
    programme = ProgrammeFactory(slug="alter-incub")
    assert parse_scope("programme:alter-incub").programme == programme
    scope = parse_scope("territory:region:76")
    assert (scope.kind, scope.level, scope.code, scope.label) == ("territory", "region", "76", "Occitanie")
    assert parse_scope("territory:national").ref == "territory:national:FR"
    for bad in ("", "region:76", "territory:planet:3", "programme:"):
        with pytest.raises(ScopeError):
            parse_scope(bad)
    for unknown in ("programme:nope", "territory:region:99", "funder:nope"):
        with pytest.raises(ScopeNotFound):
            parse_scope(unknown)


def test_parse_period():
    assert parse_period("2015", "2020") == Period(2015, 2020)
    assert parse_period(None, "") == Period()
    with pytest.raises(ScopeError) as exc:
        parse_period("deux", None)
    assert exc.value.field == "de"
    with pytest.raises(ScopeError):
        parse_period("2020", "2015")


def test_access_matrix():
    programme = ProgrammeFactory()
    staff = MembershipFactory(organisation=programme.organisation).user
    stranger = MembershipFactory().user
    viewer = TerritoryScopeFactory(level="region", code="76").user
    admin = UserFactory(admin=True)
    carrier = UserFactory(carrier=True)
    own = parse_scope(f"programme:{programme.slug}")
    region = parse_scope("territory:region:76")
    herault = parse_scope("territory:departement:34")
    idf = parse_scope("territory:region:11")
    assert [access(u, own) for u in (staff, stranger, viewer, admin, carrier)] == [
        "inside",
        None,
        None,
        "inside",
        None,
    ]
    assert [access(u, region) for u in (staff, viewer, admin, carrier)] == [None, "outside", "outside", None]
    assert access(viewer, herault) == "outside"
    assert access(viewer, idf) is None
    funder = FunderFactory(organisation=programme.organisation)
    scope = parse_scope(f"funder:{funder.slug}")
    assert [access(u, scope) for u in (staff, stranger, viewer, admin)] == ["outside", None, None, "outside"]
    assert [s.ref for s in reports_for(viewer)] == ["territory:region:76"]
    assert [s.ref for s in reports_for(staff)] == [f"programme:{programme.slug}", f"funder:{funder.slug}"]


def test_survival_curve_matches_raw_kaplan_meier_and_breakdowns():
    programme = ProgrammeFactory()
    _cohort(programme, "34172", SPECS)
    scope = parse_scope(f"programme:{programme.slug}")
    [curve] = survival_curves(scope, Period(), inside=True)
    expected = kaplan_meier([70, 20, 61, 36, 12, 48], [0, 1, 0, 1, 0, 0])
    assert curve.points == expected
    assert curve.n == 6
    by_cohort = survival_curves(scope, Period(), inside=True, by="cohort")
    assert [(c.label, c.n) for c in by_cohort] == [("2015", 2), ("2016", 2), ("2017", 2)]
    outside = survival_curves(scope, Period(), inside=False, by="cohort")
    assert [(c.n, c.suppressed, c.points) for c in outside] == [("< 5", True, [])] * 3
    by_place = survival_curves(parse_scope("territory:region:76"), Period(), inside=True, by="territory")
    assert [(c.label, c.n) for c in by_place] == [("Hérault", 6)]
    with pytest.raises(ScopeError):
        survival_curves(scope, Period(), inside=True, by="colour")


def test_territory_report_suppresses_small_groups_and_drops_thin_tail():
    programme = ProgrammeFactory()
    _cohort(programme, "34172", SPECS)
    _cohort(programme, "75056", SPECS[:2])
    outside = report(parse_scope("territory:region:76"), inside=False)
    assert (outside.projects, outside.created, outside.active, outside.ceased) == (6, 6, 4, 2)
    assert [p.at_risk for p in outside.curves[0].points] == [6, 6, 5]
    idf = report(parse_scope("territory:region:11"), inside=False)
    assert (idf.projects, idf.created, idf.fte, idf.curves[0].suppressed) == ("< 5", "< 5", "< 5", True)
    assert all(row["fte"] == "< 5" for row in idf.jobs)


def test_programme_report_inside_shows_everything_and_period_filters():
    programme = ProgrammeFactory()
    _cohort(programme, "34172", SPECS)
    scope = parse_scope(f"programme:{programme.slug}")
    full = report(scope, inside=True)
    assert (full.projects, full.created, full.active, full.ceased, full.fte) == (6, 6, 4, 2, 8.0)
    assert full.cohorts == (2015, 2017)
    assert full.jobs[-1] == {"year": 2024, "fte": 4.0, "integration_fte": 0.0, "enterprises": 2}
    later = report(scope, Period(start=2017), inside=True)
    assert later.projects == 2


def test_funder_scope_counts_only_financed_projects_and_leverage():
    programme = ProgrammeFactory()
    ids = _cohort(programme, "34172", SPECS)
    region = FunderFactory(kind="region")
    bank = FunderFactory(kind="bank")
    for pid in ids[:5]:
        plan = FinancingPlanFactory(project_id=pid)
        FinancingResourceFactory(plan=plan, funder=region, amount=Decimal("1000"), status="paid")
        FinancingResourceFactory(
            plan=plan, funder=bank, instrument="bank_loan", amount=Decimal("2500"), status="granted"
        )
    facts_refresh(ids, today=TODAY)
    result = report(parse_scope(f"funder:{region.slug}"), inside=False)
    assert result.projects == 5
    assert result.leverage == {
        "public": Decimal("5000"),
        "private": Decimal("12500"),
        "ratio": Decimal("2.50"),
    }


def test_report_query_count_is_fixed(django_assert_num_queries):
    programme = ProgrammeFactory()
    _cohort(programme, "34172", SPECS[:1])
    scope = parse_scope(f"programme:{programme.slug}")
    with django_assert_num_queries(6):
        report(scope, inside=True)
    _cohort(programme, "34172", SPECS)
    with django_assert_num_queries(6):
        report(scope, inside=True)


def test_a_territory_scope_may_name_the_place():
    assert parse_scope("territory:Lozère").ref == "territory:departement:48"
    assert parse_scope("territory:Occitanie").label == "Occitanie"
    with pytest.raises(ScopeError):
        parse_scope("territory:xqzwv")
