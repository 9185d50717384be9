from decimal import Decimal

from stdnum.fr import siret

from essaim.demo import history
from essaim.directory.validators import is_fictitious_siret


def test_sirets_are_valid_distinct_and_fictitious():
    numbers = [1, 2, 99_999, 100_000, 7_012_345, 20_000_001]
    sirets = [history.siret_for(n) for n in numbers]
    assert all(siret.is_valid(s) and is_fictitious_siret(s) for s in sirets)
    assert len(set(sirets)) == len(numbers)
    assert history.siret_for(1)[:3] == "000"
    assert history.siret_for(1)[9:13] == "0001"  # the head office


def test_revenue_band_follows_jobs():
    assert [history.revenue_band(Decimal(v)) for v in ("0.5", "1", "3.5", "10", "20")] == [
        "lt50k",
        "lt200k",
        "lt200k",
        "lt1m",
        "gte1m",
    ]


def test_activities_fit_the_commune():
    village, city = set(history.activities_for(800)), set(history.activities_for(300_000))
    assert "Conciergerie rurale" in village and "Conciergerie rurale" not in city
    assert "Conciergerie de quartier" in city and "Conciergerie de quartier" not in village
    assert len(history.activities_for(None)) == len(history.ACTIVITIES)
