"""Trade fair scheduler (issue 14 §3): 200 participants and 2,000 requests within 2 s.

Prints, for a few fairs, the time of `essaim.fairs.scheduler.schedule` (median of 5 runs), the
requests honoured against the upper bound (the relaxation that forgets the slots, counting
requests) and the weight reached against its bound. Pure Python, no database:

    uv run --frozen python bench/bench_fairs.py
"""

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from essaim.fairs.scheduler import Request, requests_bound, schedule  # noqa: E402


def fair(seed: int, buyers: int, suppliers: int, requests: int, *, popular: float = 0.0) -> list[Request]:
    """Random requests, a third each way, some both ways; `popular` skews the targets (a few
    suppliers everyone wants, as at real fairs)."""
    rng = random.Random(seed)
    weights = [1 / (1 + i) ** popular for i in range(suppliers)]
    out, seen = [], set()
    while len(out) < requests:
        b = rng.randrange(buyers)
        s = buyers + rng.choices(range(suppliers), weights)[0]
        way = rng.random() < 0.5
        if (b, s, way) in seen:
            continue
        seen.add((b, s, way))
        out.append(Request(b, s, rng.choice([1, 2, 2, 3])))
    return out


CASES = [
    ("100 + 100, 12 créneaux × 60 tables", fair(1, 100, 100, 2000), [60] * 12),
    ("100 + 100, 12 créneaux × 40 tables", fair(2, 100, 100, 2000), [40] * 12),
    ("100 + 100, 16 créneaux × 100 tables", fair(3, 100, 100, 2000), [100] * 16),
    ("100 + 100, tables inégales (80 × 6, 30 × 6)", fair(4, 100, 100, 2000), [80] * 6 + [30] * 6),
    ("100 + 100, fournisseurs très demandés", fair(5, 100, 100, 2000, popular=1.2), [60] * 12),
    ("120 acheteurs + 80 fournisseurs, 3 000 demandes", fair(6, 120, 80, 3000), [60] * 14),
]


def main() -> None:
    print(
        f"{'cas':48} {'ms (méd.)':>9} {'max':>6} {'rdv':>5} {'demandes':>8} {'honorées':>8} {'borne':>6} {'poids':>6} {'borne':>6}"
    )
    for label, requests, tables in CASES:
        times = []
        for _ in range(5):
            started = time.perf_counter()
            out = schedule(requests, tables)
            times.append((time.perf_counter() - started) * 1000)
        bound = requests_bound(requests, tables)
        print(
            f"{label:48} {statistics.median(times):9.0f} {max(times):6.0f} {len(out.placed):5} {out.requests:8} "
            f"{out.requests_honoured:8} {bound:6} {out.weight:6} {out.weight_bound:6}"
        )


if __name__ == "__main__":
    main()
