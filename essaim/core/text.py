"""Text normalisation shared by every name search (territories, programmes)."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Short words that carry no meaning in French place names ("Saint-Jean-de-la-Ruelle").
STOP_WORDS = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "et", "sur", "en", "a", "au", "aux"})


def normalise(text: str) -> str:
    """Lower-case, strip accents, turn every separator into a single space.

    >>> normalise("Île-de-France")
    'ile de france'
    >>> normalise("L'Abergement-Clémenciat")
    'l abergement clemenciat'
    """
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe"))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return _NON_ALNUM.sub(" ", ascii_text).strip()


def search_tokens(text: str) -> list[str]:
    """Tokens of a query, longest first, without the stop words (unless nothing else is left)."""
    tokens = normalise(text).split()
    meaningful = [t for t in tokens if t not in STOP_WORDS]
    return sorted(meaningful or tokens, key=len, reverse=True)
