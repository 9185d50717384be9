"""Properties of the place resolver over the whole territory file (34,969 communes), on an
index built from the file itself: no database needed. `bench/bench_resolver.py` runs the same
checks on every commune."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essaim.core.text import normalise
from essaim.territories.placeindex import index_from_document
from essaim.territories.resolver import COMMUNE_ONLY, ZONES, resolve
from essaim.territories.services import read_data_file

DOCUMENT = read_data_file()
DEPARTEMENTS = {code: name for code, name, _region, _chef in DOCUMENT["departements"]}
COMMUNES = DOCUMENT["communes"]
WITH_POSTAL_CODES = [c for c in COMMUNES if c[6]]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def index():
    return index_from_document(DOCUMENT)


def _forms(commune) -> list[str]:
    name, departement = commune[1], commune[2]
    return [
        f"{name} ({DEPARTEMENTS[departement]})",
        f"{name} ({departement})",
        f"{name}, {DEPARTEMENTS[departement]}",
    ]


@SETTINGS
@given(commune=st.sampled_from(COMMUNES), form=st.integers(0, 2), zones=st.booleans())
def test_every_commune_resolves_from_its_exact_name_and_departement(index, commune, form, zones):
    text = _forms(commune)[form]
    result = resolve(text, levels=ZONES if zones else COMMUNE_ONLY, index=index)
    assert result.place is not None, (text, result.error)
    assert result.place.key == ("commune", commune[0])


@SETTINGS
@given(commune=st.sampled_from(WITH_POSTAL_CODES), data=st.data())
def test_every_commune_resolves_from_each_of_its_postal_codes(index, commune, data):
    postal_code = data.draw(st.sampled_from(commune[6]))
    result = resolve(postal_code, index=index)
    if result.place is not None:
        assert result.place.code == commune[0]
    else:
        # A shared postal code asks, listing every commune it serves, most populous first.
        codes = [c.code for c in result.choices]
        assert commune[0] in codes
        assert len(codes) == len(set(codes))
        populations = [c.population for c in result.choices]
        assert populations == sorted(populations, reverse=True)


@SETTINGS
@given(commune=st.sampled_from(COMMUNES))
def test_every_commune_resolves_from_its_insee_code(index, commune):
    result = resolve(f"commune:{commune[0]}", index=index)
    assert result.place.code == commune[0]


@SETTINGS
@given(text=st.text(max_size=120), zones=st.booleans())
def test_any_text_gets_a_place_choices_or_a_message(index, text, zones):
    result = resolve(text, levels=ZONES if zones else COMMUNE_ONLY, index=index)
    assert (result.place is not None) != bool(result.error)


def test_the_file_has_no_two_communes_of_one_name_in_one_departement():
    # The premise of "exact name + département": if it ever breaks, homonyms need the INSEE code.
    seen = {(normalise(c[1]), c[2]) for c in COMMUNES}
    assert len(seen) == len(COMMUNES)
