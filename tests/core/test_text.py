from hypothesis import given
from hypothesis import strategies as st

from essaim.core.text import normalise, search_tokens


def test_normalise_examples():
    assert normalise("Île-de-France") == "ile de france"
    assert normalise("  Saint-Étienne-du-Rouvray ") == "saint etienne du rouvray"
    assert normalise("Œuvre") == "oeuvre"


def test_search_tokens_drop_stop_words_and_sort_longest_first():
    assert search_tokens("ile de fr") == ["ile", "fr"]
    assert search_tokens("de") == ["de"]


@given(st.text())
def test_normalise_is_idempotent_and_ascii(text):
    once = normalise(text)
    assert normalise(once) == once
    assert once == "" or set(once) <= set("abcdefghijklmnopqrstuvwxyz0123456789 ")
