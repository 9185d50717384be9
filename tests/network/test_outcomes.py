import datetime as dt
from decimal import Decimal

import pytest

from essaim.evidence.facts import facts_refresh
from essaim.evidence.models import ProgrammeBudget
from essaim.evidence.privacy import MASKED, SMALL
from essaim.financing.enums import FunderKind, Instrument, ResourceStatus
from essaim.financing.models import FinancingPlan, FinancingResource, FunderTerritory
from essaim.network.outcomes import authority_funders, outcome_rows
from essaim.network.selectors import own_programme_ids, territory_subject
from tests.factories.evidence import created_project
from tests.factories.financing import FunderFactory


@pytest.fixture
def facts(world):
    region = FunderFactory(name="Région Occitanie", slug="region-occitanie", kind=FunderKind.REGION)
    FunderTerritory.objects.create(funder=region, level="region", code="76")
    bank = FunderFactory(name="Banque", slug="banque", kind=FunderKind.BANK)
    ids = []
    for programme, n in ((world.alpha, 6), (world.beta, 2), (world.gamma, 7)):
        for i in range(n):
            created = dt.date(2019, 1 + i, 1)
            project = created_project(
                programme=programme,
                created_on=created,
                commune_id="34172",
                observations=[(dt.date(2024, 1, 1), "active", "2")],
            )
            ids.append(project.pk)
            if programme == world.gamma:
                plan = FinancingPlan.objects.create(project=project)
                for funder, status in ((region, ResourceStatus.GRANTED), (bank, ResourceStatus.PAID)):
                    FinancingResource.objects.create(
                        plan=plan,
                        instrument=Instrument.GRANT,
                        funder=funder,
                        amount=Decimal(1000),
                        status=status,
                    )
    ProgrammeBudget.objects.create(programme=world.gamma, year=2020, amount=Decimal(140000))
    facts_refresh(ids, today=dt.date(2025, 1, 1))
    world.region_funder = region
    return world


def _rows(world, user):
    subject = territory_subject("departement", "34")
    funders = authority_funders(subject, user)
    return {r.slug: r for r in outcome_rows(subject, own_programme_ids(user), funders)}, funders


def test_outside_reader_small_programme_and_its_complement_hidden(facts):
    rows, funders = _rows(facts, facts.viewer)
    assert funders == [facts.region_funder]  # the viewer's région, whichever département they read
    assert rows["beta"].created == MASKED and rows["alpha"].created == MASKED
    assert rows["alpha"].fte == SMALL  # every figure of a hidden row is hidden
    gamma = rows["gamma"]
    assert (gamma.projects, gamma.created, gamma.fte) == (7, 7, 14.0)
    assert gamma.survival == 1.0
    assert gamma.cost_per_job == Decimal(10000)  # 140,000 € over 14 FTE
    assert gamma.authority_share == 0.5  # 1,000 € of 2,000 € secured on each of 7 projects


def test_own_programme_reads_its_row_in_full(facts):
    rows, funders = _rows(facts, facts.a_admin)
    assert funders == []  # no territory, no funder of its organisation
    assert rows["alpha"].own is True
    assert (rows["alpha"].created, rows["alpha"].fte) == (6, 12.0)
