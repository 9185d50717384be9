"""Small cells under subtraction across sub-territories (issue 16, decision 0018): a
département's figures minus those of its EPCIs, read in the département's breakdown by EPCI and
in each EPCI's own report, on random data.

The attacker is a viewer outside the programmes whose scope is the département: they may open
the département's report, its breakdown by EPCI, and each EPCI's report. For each EPCI they
keep what any of these shows (a number, "< 5": 1 to 4, "masqué": at least 1) and solve for the
rest with the département's total.
"""

import datetime as dt
import random

import pytest

from essaim.evidence.facts import facts_refresh
from essaim.evidence.privacy import MIN_PROJECTS, Suppressed, is_suppressed
from essaim.evidence.selectors import Period, funnel, funnel_groups, parse_scope
from essaim.territories.models import Commune
from tests.factories.directory import ProgrammeFactory
from tests.factories.evidence import created_project

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 1, 1)
# One commune in each of five EPCIs of Hérault (département 34).
COMMUNES = ["34172", "34032", "34301", "34003", "34142"]


def _entered(rows) -> dict:
    return {row["stage"]: row["entered"] for row in rows}


def _bounds(value, total: int) -> tuple[int, int]:
    if not is_suppressed(value):
        return value, value
    assert isinstance(value, Suppressed)
    return (1, MIN_PROJECTS - 1) if not value.complementary else (1, total)


def _pinned(total: int, bounds: list[tuple[int, int]]) -> list[int]:
    """The hidden cells a reader finds exactly (the box cut by the total), among small ones."""
    lows, highs = sum(lo for lo, _hi in bounds), sum(hi for _lo, hi in bounds)
    found = []
    for lo, hi in bounds:
        low, high = max(lo, total - (highs - hi)), min(hi, total - (lows - lo))
        if lo != hi and low == high and 0 < low < MIN_PROJECTS:
            found.append(low)
    return found


def _world(seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    programme = ProgrammeFactory()
    counts = {code: rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12]) for code in COMMUNES}
    counts[rng.choice(COMMUNES)] = rng.randint(1, 4)  # at least one small EPCI
    ids = [
        created_project(programme=programme, commune_id=code, started_on=dt.date(2016, 3, 1)).pk
        for code, n in counts.items()
        for _i in range(n)
    ]
    facts_refresh(ids, today=TODAY)
    return counts


# Known open attack (decision 0018, "Not covered": reports of nested territories asked one by
# one). A complement hidden in the département's table is shown in the EPCI's own report, so the
# small one is the département minus the others (seeds 0 and 5: 4 and 2 projects recomputed).
# strict: the test fails as soon as the attack stops succeeding, so that this mark goes.
KNOWN_LEAK = pytest.mark.xfail(strict=True, reason="cross-report differencing not yet protected")


@pytest.mark.parametrize("seed", [pytest.param(s, marks=KNOWN_LEAK) if s in (0, 5) else s for s in range(6)])
def test_no_small_epci_is_recomputed_from_the_departement_and_the_epci_reports(seed):
    counts = _world(seed)
    epcis = dict(Commune.objects.filter(code__in=COMMUNES).values_list("code", "epci_id"))
    departement = parse_scope("territory:departement:34")
    total_rows = _entered(funnel(departement, Period(), inside=False))
    table = {
        g["label"]: _entered(g["stages"])
        for g in funnel_groups(departement, Period(), inside=False, by="territory")
    }
    own = {
        code: _entered(funnel(parse_scope(f"territory:epci:{epcis[code]}"), Period(), inside=False))
        for code in COMMUNES
        if counts[code]
    }
    for stage, total in total_rows.items():
        if is_suppressed(total):
            continue
        names = {code: parse_scope(f"territory:epci:{epcis[code]}").label for code in own}
        bounds = []
        for code in own:
            seen = [own[code].get(stage), table.get(names[code], {}).get(stage)]
            exact = [v for v in seen if v is not None and not is_suppressed(v)]
            if exact:
                bounds.append((exact[0], exact[0]))
            else:
                hidden = [v for v in seen if v is not None]
                bounds.append(min((_bounds(v, total) for v in hidden), key=lambda b: b[1] - b[0]))
        assert _pinned(total, bounds) == [], (counts, stage, bounds)
