"""The evidence's arithmetic as pure functions: funnel, leverage, jobs, cost per job.

Selectors group rows in the database and hand counts to these functions; tests call them
directly on small hand-made inputs. Hiding small groups is `evidence.privacy`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

# --- Medians from grouped counts --------------------------------------------------------


def median_from_counts(counts: Iterable[tuple[float, int]]) -> float | None:
    """Median of a distribution given as (value, how many) pairs; mean of the two middles if even."""
    table = sorted((v, n) for v, n in counts if n > 0)
    total = sum(n for _v, n in table)
    if total == 0:
        return None
    low_rank, high_rank = (total - 1) // 2, total // 2
    low = high = None
    seen = 0
    for value, n in table:
        if low is None and seen + n > low_rank:
            low = value
        if seen + n > high_rank:
            high = value
            break
        seen += n
    return (low + high) / 2


# --- Funnel ---------------------------------------------------------------------------

PASSED, DROPPED, ONGOING = "passed", "dropped", "ongoing"


@dataclass(frozen=True, slots=True)
class FunnelRow:
    stage: str
    entered: int
    passed: int
    dropped: int
    ongoing: int
    median_days: float | None

    @property
    def pass_rate(self) -> float | None:
        done = self.passed + self.dropped
        return self.passed / done if done else None


def funnel_from_counts(
    rows: Iterable[tuple[str, str, int | None, int]], stages: Sequence[str]
) -> list[FunnelRow]:
    """Rows are (stage, outcome, days spent, how many). The median counts finished visits only."""
    outcomes: dict[str, Counter] = defaultdict(Counter)
    durations: dict[str, Counter] = defaultdict(Counter)
    for stage, outcome, days, n in rows:
        outcomes[stage][outcome] += n
        if outcome != ONGOING and days is not None:
            durations[stage][days] += n
    order = list(stages) + sorted(set(outcomes) - set(stages))
    result = []
    for stage in order:
        c = outcomes.get(stage, Counter())
        result.append(
            FunnelRow(
                stage=stage,
                entered=c[PASSED] + c[DROPPED] + c[ONGOING],
                passed=c[PASSED],
                dropped=c[DROPPED],
                ongoing=c[ONGOING],
                median_days=median_from_counts(durations.get(stage, Counter()).items()),
            )
        )
    return result


def funnel(visits: Iterable[tuple[str, str, int | None]], stages: Sequence[str]) -> list[FunnelRow]:
    """Visits are (stage, outcome, days spent in the stage)."""
    return funnel_from_counts(((s, o, d, 1) for s, o, d in visits), stages)


# --- Money ----------------------------------------------------------------------------

PUBLIC, PRIVATE = "public", "private"


@dataclass(frozen=True, slots=True)
class Leverage:
    public: Decimal
    private: Decimal

    @property
    def ratio(self) -> Decimal | None:
        """Euros of private and bank money per euro of public money (None without public money)."""
        if not self.public:
            return None
        return (self.private / self.public).quantize(Decimal("0.01"))


def leverage(amounts: Iterable[tuple[str | None, Decimal]]) -> Leverage:
    """Amounts are (side, euros) with side "public", "private" or None (not counted)."""
    public = private = Decimal(0)
    for side, amount in amounts:
        if side == PUBLIC:
            public += amount
        elif side == PRIVATE:
            private += amount
    return Leverage(public=public, private=private)


def cost_per_job(budget: Decimal | None, jobs: float | Decimal | None) -> Decimal | None:
    """Programme budget ÷ jobs created, when both are known and jobs > 0."""
    if budget is None or not jobs or jobs <= 0:
        return None
    return (Decimal(budget) / Decimal(str(jobs))).quantize(Decimal("1"))


def cost_per_enterprise(budget: Decimal | None, enterprises: int | None) -> Decimal | None:
    """Programme budget ÷ enterprises created, when both are known and enterprises > 0."""
    if budget is None or not enterprises or enterprises <= 0:
        return None
    return (Decimal(budget) / Decimal(enterprises)).quantize(Decimal("1"))


# --- Jobs over time --------------------------------------------------------------------


def jobs_by_year(
    observations: Iterable[tuple[int, object, float, bool]], years: Sequence[int]
) -> list[tuple[int, float]]:
    """Full-time-equivalent jobs at the end of each year.

    Observations are (enterprise, year, FTE, active) — the enterprise's last check-in of
    that year. An enterprise counts with its latest observation up to the year, and counts
    zero once ceased.
    """
    latest: dict[object, dict[int, tuple[float, bool]]] = defaultdict(dict)
    for enterprise, year, fte, active in observations:
        latest[enterprise][year] = (fte, active)
    totals = dict.fromkeys(years, 0.0)
    for history in latest.values():
        known = sorted(history)
        for year in years:
            last = None
            for y in known:
                if y > year:
                    break
                last = history[y]
            if last and last[1]:
                totals[year] += last[0]
    return [(year, round(totals[year], 2)) for year in years]
