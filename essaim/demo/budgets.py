"""Demo budget lines (issue 11 §3): the last four complete years of each demo programme's budget
broken down by source, so that the budget page, the API, the reports' shares and the conductor's
economic models have something true-looking to show.

Each year's lines add up to the bare total the evidence demo set for it (its cost per job does not
move). The families follow the programme's shares in the study (public funding, sold services,
member contributions, private funding; the rest "other"; a programme the study gives no shares
gets 60 / 25 / 5 / 10), drifting from subsidies to sold services by 1.5 points a year — the move
the study describes; public subsidies split between the State, the EU, the région, the
département, the EPCI and the commune, private funding between foundations and companies, with
weights drawn per programme (seeded by its slug: the same every run). Written through
`budget_line_set`; a programme that already has lines is left alone (a second run changes nothing).
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from decimal import ROUND_HALF_UP, Decimal

from essaim.core.actors import DEMO
from essaim.evidence.enums import BudgetSource
from essaim.evidence.models import ProgrammeBudget, ProgrammeBudgetLine
from essaim.evidence.services import budget_line_set

YEARS = 4
DRIFT = 1.5  # points a year, from subsidies to sold services
DEFAULT_SHARES = (60, 25, 5, 10)  # public, services, contributions, private
PUBLIC = {
    BudgetSource.STATE: (25, 40),
    BudgetSource.EU: (0, 12),
    BudgetSource.REGION: (20, 35),
    BudgetSource.DEPARTEMENT: (8, 20),
    BudgetSource.EPCI: (4, 15),
    BudgetSource.COMMUNE: (0, 10),
}
PRIVATE = {BudgetSource.FOUNDATIONS: (40, 70), BudgetSource.COMPANIES: (30, 60)}


def study_shares(programme) -> tuple[float, float, float, float]:
    """The study's four families in percent, completed with the defaults when it says nothing."""
    values = (
        programme.share_public_funding,
        programme.share_service_sales,
        programme.share_member_contributions,
        programme.share_private_funding,
    )
    if all(v is None for v in values):
        return DEFAULT_SHARES
    shares = tuple(float(v or 0) for v in values)
    total = sum(shares)
    return shares if total <= 100 else tuple(s * 100 / total for s in shares)


def _weights(rng: random.Random, ranges: dict) -> dict:
    drawn = {source: rng.randint(low, high) for source, (low, high) in ranges.items()}
    total = sum(drawn.values())
    return {source: w / total for source, w in drawn.items()}


def year_percents(shares, public_w: dict, private_w: dict, years_before_last: int) -> dict:
    """Per source, its percent of one year's budget."""
    public, services, contributions, private = shares
    drift = min(DRIFT * years_before_last, services)
    public, services = public + drift, services - drift
    percents = {source: public * w for source, w in public_w.items()}
    percents |= {source: private * w for source, w in private_w.items()}
    percents[BudgetSource.SERVICES] = services
    percents[BudgetSource.CONTRIBUTIONS] = contributions
    percents[BudgetSource.OTHER] = max(0.0, 100 - public - services - contributions - private)
    return percents


def split(total: Decimal, percents: dict) -> dict:
    """Whole euros per source adding up to `total` exactly (the rounding goes to the largest)."""
    amounts = {
        source: (total * Decimal(str(p)) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        for source, p in percents.items()
        if p > 0
    }
    amounts = {source: a for source, a in amounts.items() if a > 0}
    if not amounts:
        return {BudgetSource.OTHER: total}
    largest = max(amounts, key=amounts.get)
    amounts[largest] += total - sum(amounts.values())
    return amounts


def seed_lines(programmes, *, today: dt.date) -> int:
    """Lines for the programmes that have none yet; returns the number of lines written."""
    years = range(today.year - YEARS, today.year)
    with_lines = set(
        ProgrammeBudgetLine.objects.filter(budget__programme__in=programmes).values_list(
            "budget__programme_id", flat=True
        )
    )
    written = 0
    for programme in programmes:
        if programme.pk in with_lines:
            continue
        totals = dict(
            ProgrammeBudget.objects.filter(programme=programme, year__in=years).values_list("year", "amount")
        )
        rng = random.Random(zlib.crc32(f"budget:{programme.slug}".encode()))
        public_w, private_w = _weights(rng, PUBLIC), _weights(rng, PRIVATE)
        shares = study_shares(programme)
        for year in years:
            total = totals.get(year)
            if total is None or total <= 0:
                continue
            percents = year_percents(shares, public_w, private_w, today.year - 1 - year)
            for source, amount in split(total, percents).items():
                budget_line_set(programme=programme, year=year, source=source, amount=amount, by=DEMO)
                written += 1
    return written
