"""The directory's `ecosystem` parameter, parsed by `directory.selectors.parse_filters` (the
search applying it is the directory index's: see docs/ecosystems.md)."""

import pytest

from essaim.directory.selectors import parse_filters

pytestmark = pytest.mark.django_db


def test_a_known_ecosystem_is_kept(world):
    found = parse_filters({"ecosystem": " eco-test "})
    assert (found.is_valid, found.filters.ecosystem) == (True, "eco-test")


def test_an_unknown_ecosystem_is_refused_in_words(world):
    found = parse_filters({"ecosystem": "nulle-part" + "x" * 200})
    assert found.filters.ecosystem is None
    assert found.errors == {"ecosystem": f"Écosystème inconnu « {'nulle-part' + 'x' * 70} »."}


def test_no_ecosystem_no_filter(db):
    assert parse_filters({}).filters.ecosystem is None
