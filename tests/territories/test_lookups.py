"""essaim.territories.lookups: `field__prefix`, a prefix match on normalised text columns."""

import pytest

from essaim.directory.models import Programme
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def names():
    programmes = [
        ProgrammeFactory(name=name)
        for name in ("Ruche Alpha", "Ruche Alpine", "Ruches", "La Ruche", "Ruchex", "Rucher 2")
    ]
    return {p.pk for p in programmes}


def _found(names, prefix) -> list[str]:
    found = Programme.objects.filter(pk__in=names, name_norm__prefix=prefix)
    return sorted(found.values_list("name_norm", flat=True))


def test_prefix(names):
    assert _found(names, "ruche alp") == ["ruche alpha", "ruche alpine"]
    assert _found(names, "ruche alpha") == ["ruche alpha"]
    assert _found(names, "ruche") == ["ruche alpha", "ruche alpine", "rucher 2", "ruches", "ruchex"]
    assert _found(names, "la r") == ["la ruche"]
    assert _found(names, "ruche alphab") == []


def test_an_empty_prefix_matches_everything(names):
    assert len(_found(names, "")) == 6


@pytest.mark.parametrize("prefix", ["ruche_", "ruche%", "r%e", "ruche\\", "RUCHE"])
def test_no_wildcard_and_no_case_folding(names, prefix):
    assert _found(names, prefix) == []
