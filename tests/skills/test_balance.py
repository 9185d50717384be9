from essaim.skills.balance import balance

DEMAND = [
    (2025, "finance", 6),
    (2025, "finance", 2),
    (2026, "finance", 12),
    (2026, "care", 3),
    (2026, "digital", 7),
]
SUPPLY = [(2025, "finance", 5), (2026, "finance", 6), (2026, "care", 9), (2024, "mobility", 4)]


def _rows(lines):
    return [line.as_dict() for line in lines]


def test_inside_every_count_gap_and_trend_is_exact():
    assert [
        (d["family"], d["demand"], d["supply"], d["gap"], d["trend"])
        for d in _rows(balance(DEMAND, SUPPLY, year=2026, inside=True))
    ] == [
        ("finance", 12, 6, 6, 3),  # 2025: 8 − 5 = 3
        ("care", 3, 9, -6, None),
        ("digital", 7, 0, 7, None),
    ]


def test_outside_small_counts_hide_their_gap_and_trend():
    rows = _rows(balance(DEMAND, SUPPLY, year=2026, inside=False))
    assert [(d["family"], d["demand"], d["supply"], d["gap"], d["trend"]) for d in rows] == [
        ("finance", 12, 6, 6, 3),
        ("care", "< 5", 9, "< 5", None),
        ("digital", 7, 0, 7, None),  # nothing on offer is not a small cell
    ]
    assert rows[0]["label"] == "Finance, comptabilité, gestion"


def test_a_trend_over_a_small_year_is_hidden():
    lines = balance(
        [(2026, "food", 9), (2025, "food", 6)],
        [(2025, "food", 2), (2026, "food", 5)],
        year=2026,
        inside=False,
    )
    assert [(line.gap, str(line.trend)) for line in lines] == [(4, "< 5")]


def test_families_without_anything_in_both_years_are_left_out():
    assert balance(DEMAND, SUPPLY, year=2030, inside=True) == []
    assert [line.family for line in balance([], SUPPLY, year=2025, inside=True)] == ["finance", "mobility"]
