"""essaim.core.lookups: `field__has` (every value) and `field__has_any` (one at least) on FlagsField."""

import pytest

from essaim.directory.enums import LifeStage
from essaim.directory.models import Programme
from tests.factories.directory import ProgrammeFactory

E, C, K, D = LifeStage.EMERGENCE, LifeStage.CREATION, LifeStage.CONSOLIDATION, LifeStage.DEVELOPPEMENT

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes():
    return {
        "emergence": ProgrammeFactory(stages=[E]),
        "creation": ProgrammeFactory(stages=[E, C]),
        "all": ProgrammeFactory(stages=[E, C, K, D]),
        "none": ProgrammeFactory(stages=[]),
    }


def _names(programmes, **lookup) -> set[str]:
    pks = {p.pk: name for name, p in programmes.items()}
    return {pks[pk] for pk in Programme.objects.filter(pk__in=pks, **lookup).values_list("pk", flat=True)}


def test_has_one_value(programmes):
    assert _names(programmes, stages__has=E) == {"emergence", "creation", "all"}
    assert _names(programmes, stages__has=D) == {"all"}


def test_has_every_value_of_a_list(programmes):
    assert _names(programmes, stages__has=[E, C]) == {"creation", "all"}
    assert _names(programmes, stages__has=[C, K]) == {"all"}


def test_has_any(programmes):
    assert _names(programmes, stages__has_any=[C, D]) == {"creation", "all"}
    assert _names(programmes, stages__has_any=K) == {"all"}
    assert _names(programmes, stages__has_any=[]) == set()


def test_the_lookups_exclude(programmes):
    assert _names(programmes, stages__has=[]) == set(programmes)  # the empty set is in every set
    pks = [p.pk for p in programmes.values()]
    assert set(
        Programme.objects.filter(pk__in=pks).exclude(stages__has_any=[E]).values_list("pk", flat=True)
    ) == {programmes["none"].pk}
