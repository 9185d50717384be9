"""Demand against supply of skills, by family, for one territory and year: the gap and its trend.

Pure functions over counted rows `(year, family, count)` (the sources — job offers, recruitment
needs at check-ins, mobilisations; candidacies, carriers, experts, training sessions — are read
elsewhere). Counts are of people and enterprises, so outside a programme they go through
`evidence.privacy.suppress` (decision 0018): a count of 1 to 4 reads "< 5"; a gap is shown only when
both its counts are, and a trend only when the four counts of both years are (either would give a
hidden count back by subtraction).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from essaim.evidence.privacy import SMALL, is_suppressed, suppress
from essaim.skills.vocabulary import SkillFamily

Row = tuple[int, str, int]  # (year, family, count)


@dataclass(frozen=True)
class Line:
    family: str
    demand: object
    supply: object
    gap: object  # demand − supply: > 0 a shortage, < 0 more supply than demand
    trend: object  # this year's gap − last year's (None when there is nothing to compare)

    @property
    def label(self) -> str:
        return str(SkillFamily(self.family).label)

    def as_dict(self) -> dict:
        def plain(value):
            return str(value) if is_suppressed(value) else value

        return {
            "family": self.family,
            "label": self.label,
            "demand": plain(self.demand),
            "supply": plain(self.supply),
            "gap": plain(self.gap),
            "trend": plain(self.trend),
        }


def _by_year_family(rows: Iterable[Row]) -> dict[tuple[int, str], int]:
    out: dict[tuple[int, str], int] = defaultdict(int)
    for year, family, count in rows:
        out[(year, family)] += count
    return out


def _count(value: int, *, inside: bool):
    """A count as shown: 0 is no small cell (decision 0018: "0 or at least 5")."""
    return value if value == 0 else suppress(value, value, inside=inside)


def _gap(demand: int, supply: int, *, inside: bool):
    shown_demand, shown_supply = _count(demand, inside=inside), _count(supply, inside=inside)
    hidden = is_suppressed(shown_demand) or is_suppressed(shown_supply)
    return shown_demand, shown_supply, (SMALL if hidden else demand - supply), hidden


def balance(demand: Iterable[Row], supply: Iterable[Row], *, year: int, inside: bool) -> list[Line]:
    """One line per family with any demand or supply this year or the year before, in the
    vocabulary's order."""
    asked, offered = _by_year_family(demand), _by_year_family(supply)
    lines = []
    for family in SkillFamily.values:
        now = (asked.get((year, family), 0), offered.get((year, family), 0))
        before = (asked.get((year - 1, family), 0), offered.get((year - 1, family), 0))
        if not any(now + before):
            continue
        shown_demand, shown_supply, gap, hidden_now = _gap(*now, inside=inside)
        trend = None
        if any(before):
            _d, _s, gap_before, hidden_before = _gap(*before, inside=inside)
            trend = SMALL if hidden_now or hidden_before else gap - gap_before
        lines.append(Line(family, shown_demand, shown_supply, gap, trend))
    return lines
