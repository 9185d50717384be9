import datetime as dt
from decimal import Decimal

import pytest

from essaim.evidence.facts import facts_refresh
from essaim.evidence.privacy import SMALL
from essaim.evidence.selectors import (
    Period,
    ScopeError,
    parse_scope,
    report,
)
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


def test_territory_report_suppresses_small_groups_and_drops_thin_tail():
    programme = ProgrammeFactory()
    _cohort(programme, "34172", SPECS)
    _cohort(programme, "75056", SPECS[:2])
    # Without a third région, France's table by région would hide Occitanie as the complement of
    # Paris's two, and Occitanie's own report would withhold its figures (decision 0018, rule 5).
    _cohort(programme, "13055", SPECS[:5])
    outside = report(parse_scope("territory:region:76"), inside=False)
    assert (outside.projects, outside.created, outside.active, outside.ceased) == (6, 6, 4, 2)
    assert [p.at_risk for p in outside.curves[0].points] == [6, 6, 5]
    idf = report(parse_scope("territory:region:11"), inside=False)
    assert (idf.projects, idf.created, idf.fte, idf.curves[0].suppressed) == (SMALL, SMALL, SMALL, True)
    assert all(row["fte"] == SMALL for row in idf.jobs)


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
