"""A programme's economic model over the years, derived from its budget lines (issue 11 §3).

Pure functions over `{source: amount}` per year; no database access.

- **Shares**: each family of the study (`BudgetGroup`: public subsidies, sold services, member
  contributions, private funding, other) as a share of the year's total of lines.
- **Diversification index**: `1 − Σ sᵢ²`, the complement of the Herfindahl–Hirschman index over
  the eleven sources as entered (`BudgetSource`: State, EU, région, département, EPCI, commune,
  services, contributions, foundations, companies, other), `sᵢ` each source's share of the year's
  total. 0 when one source pays for everything; it rises towards 1 − 1/11 ≈ 0,91 when the eleven
  sources weigh the same. None when the year's lines add up to nothing.
- **Trend**: from the first year with lines to the last, the change in points of the subsidies'
  share and of the share of services and contributions together (the study's move from
  subsidies to sold services and member contributions).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from essaim.evidence.enums import BUDGET_GROUPS, BudgetGroup, BudgetSource

EARNED = (BudgetGroup.SERVICES, BudgetGroup.CONTRIBUTIONS)


@dataclass(frozen=True)
class BudgetYear:
    year: int
    total: Decimal
    lines: dict  # BudgetSource → Decimal
    shares: dict  # BudgetGroup → float (0…1), empty when the total is 0
    diversification: float | None

    @property
    def subsidies(self) -> float | None:
        return self.shares.get(BudgetGroup.SUBSIDIES) if self.shares else None

    @property
    def earned(self) -> float | None:
        """Share of sold services and member contributions together."""
        return sum(self.shares.get(group, 0.0) for group in EARNED) if self.shares else None

    @property
    def percents(self) -> list[float | None]:
        """The families' shares in percent, in `BudgetGroup` order (None without a total)."""
        return [self.shares[group] * 100 if self.shares else None for group in BudgetGroup]


@dataclass(frozen=True)
class Trend:
    first: int
    last: int
    subsidies_points: float  # change of the subsidies' share, in points (last − first)
    earned_points: float  # change of services + contributions, in points


def group_shares(lines: dict) -> dict:
    total = sum(lines.values(), Decimal(0))
    if total <= 0:
        return {}
    sums = {group: Decimal(0) for group in BudgetGroup}
    for source, amount in lines.items():
        sums[BUDGET_GROUPS[BudgetSource(source)]] += amount
    return {group: float(amount / total) for group, amount in sums.items()}


def diversification(lines: dict) -> float | None:
    """1 − Herfindahl over the sources: 0 for a single source, higher when spread."""
    total = sum(lines.values(), Decimal(0))
    if total <= 0:
        return None
    return 1.0 - sum(float(amount / total) ** 2 for amount in lines.values())


def budget_year(year: int, lines: dict) -> BudgetYear:
    lines = {BudgetSource(source): Decimal(amount) for source, amount in lines.items()}
    return BudgetYear(
        year=year,
        total=sum(lines.values(), Decimal(0)),
        lines=lines,
        shares=group_shares(lines),
        diversification=diversification(lines),
    )


def trend(years: list[BudgetYear]) -> Trend | None:
    """From the earliest year with a positive total to the latest; None with fewer than two."""
    known = sorted((y for y in years if y.shares), key=lambda y: y.year)
    if len(known) < 2:
        return None
    first, last = known[0], known[-1]
    return Trend(
        first=first.year,
        last=last.year,
        subsidies_points=round((last.subsidies - first.subsidies) * 100, 1),
        earned_points=round((last.earned - first.earned) * 100, 1),
    )
