"""Kaplan–Meier survival with right-censoring, as pure functions.

The estimator, its Greenwood variance and the 95 % confidence interval follow the
conventions of `lifelines.KaplanMeierFitter` (its default "exponential Greenwood", i.e.
log(−log) transform) so that our curves can be checked against it: the timeline starts at
0, then has one point per distinct duration (event or censoring), and `at_risk` is the
number of subjects still observed just before that time.

Input can be raw (durations + event flags) or already counted per duration
(`kaplan_meier_from_counts`), which lets the database do the heavy grouping.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import NormalDist


@dataclass(frozen=True, slots=True)
class SurvivalPoint:
    t: float
    estimate: float
    lower: float
    upper: float
    at_risk: int
    events: int
    censored: int
    greenwood: float  # Σ d / (n (n − d)): the variance of log S(t)

    @property
    def variance(self) -> float:
        """Greenwood's variance of the estimate S(t)."""
        return self.estimate * self.estimate * self.greenwood

    def as_dict(self) -> dict:
        return {
            "t": self.t,
            "estimate": self.estimate,
            "lower": self.lower,
            "upper": self.upper,
            "at_risk": self.at_risk,
        }


def count_by_time(durations: Sequence[float], events: Sequence[bool | int]) -> list[tuple[float, int, int]]:
    """(time, events, censored) per distinct duration, sorted by time."""
    if len(durations) != len(events):
        raise ValueError("durations and events must have the same length")
    deaths: Counter = Counter()
    censored: Counter = Counter()
    for duration, event in zip(durations, events, strict=True):
        if duration < 0 or math.isnan(duration):
            raise ValueError("durations must be non-negative numbers")
        if event:
            deaths[duration] += 1
        else:
            censored[duration] += 1
    return [(t, deaths[t], censored[t]) for t in sorted(set(deaths) | set(censored))]


def _bounds(estimate: float, greenwood: float, z: float) -> tuple[float, float]:
    if estimate >= 1.0:
        return 1.0, 1.0
    if estimate <= 0.0:
        return 0.0, 0.0
    v = math.log(estimate)
    spread = z * math.sqrt(greenwood) / v
    centre = math.log(-v)
    return math.exp(-math.exp(centre - spread)), math.exp(-math.exp(centre + spread))


def kaplan_meier_from_counts(
    rows: Iterable[tuple[float, int, int]], *, alpha: float = 0.05
) -> list[SurvivalPoint]:
    """The curve from (time, events, censored) rows; times need not be sorted or distinct."""
    merged: dict[float, list[int]] = {}
    for t, d, c in rows:
        if t < 0 or d < 0 or c < 0:
            raise ValueError("times and counts must be non-negative")
        slot = merged.setdefault(float(t), [0, 0])
        slot[0] += int(d)
        slot[1] += int(c)
    if not merged:
        return []
    if 0.0 not in merged:
        merged[0.0] = [0, 0]
    z = NormalDist().inv_cdf(1 - alpha / 2)
    at_risk = sum(d + c for d, c in merged.values())
    log_estimate = 0.0
    greenwood = 0.0
    points = []
    for t in sorted(merged):
        d, c = merged[t]
        n = at_risk
        if d:
            if d >= n:
                log_estimate = -math.inf
            else:
                log_estimate += math.log(n - d) - math.log(n)
                greenwood += d / (n * (n - d))
        estimate = math.exp(log_estimate)
        lower, upper = _bounds(estimate, greenwood, z)
        points.append(SurvivalPoint(t, estimate, lower, upper, n, d, c, greenwood))
        at_risk -= d + c
    return points


def kaplan_meier(
    durations: Sequence[float], events: Sequence[bool | int], *, alpha: float = 0.05
) -> list[SurvivalPoint]:
    """The Kaplan–Meier curve; `events[i]` is true when subject i ceased at `durations[i]`."""
    return kaplan_meier_from_counts(count_by_time(durations, events), alpha=alpha)


def survival_at(curve: Sequence[SurvivalPoint], t: float) -> SurvivalPoint | None:
    """The step of the curve in force at time t (None before the curve or when empty).

    Past the last observed time the estimate is not extrapolated: None.
    """
    found = None
    for point in curve:
        if point.t > t:
            break
        found = point
    if found is None or (curve and t > curve[-1].t):
        return None
    return found


def median_survival(curve: Sequence[SurvivalPoint]) -> float | None:
    """First time at which the estimate falls to 0.5 or below; None if it never does."""
    for point in curve:
        if point.estimate <= 0.5:
            return point.t
    return None
