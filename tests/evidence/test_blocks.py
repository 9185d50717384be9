"""The blocks of cohorts of a scope (essaim/evidence/blocks.py), computed from its facts."""

import datetime as dt

import pytest

from essaim.evidence.blocks import outside_period, scope_blocks
from essaim.evidence.facts import facts_refresh
from essaim.evidence.scopes import Period, parse_scope
from tests.factories.directory import ProgrammeFactory
from tests.factories.evidence import created_project

pytestmark = pytest.mark.django_db


def _world():
    """Herault: 6 projects in 2016, 2 in 2017, 5 in 2018 (one programme)."""
    programme = ProgrammeFactory()
    ids = [
        created_project(programme=programme, commune_id="34172", started_on=dt.date(year, 3, 1)).pk
        for year in [2016] * 6 + [2017] * 2 + [2018] * 5
    ]
    facts_refresh(ids, today=dt.date(2025, 1, 1))
    return programme


def test_no_period_asked_needs_no_query(django_assert_num_queries):
    region = parse_scope("territory:region:76")
    with django_assert_num_queries(0):
        assert outside_period(region, Period()) == (Period(), [])


def test_blocks_keep_every_count_at_zero_or_five_and_periods_snap_to_them():
    _world()
    region = parse_scope("territory:region:76")
    assert scope_blocks(region) == [(2016, 2016), (2017, 2018)]
    assert outside_period(region, Period(2017, 2017)) == (Period(2017, None), [(2016, 2016), (2017, 2018)])
    assert outside_period(region, Period(2016, 2016))[0] == Period(None, 2016)
    assert scope_blocks(region, by="cohort") == [(2016, 2016), (2017, 2018)]
