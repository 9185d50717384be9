"""Turn the directory's free-text "place" field into one territory, without JavaScript.

A chosen suggestion sends both the name and its `level:code` reference; typed text alone is
resolved to the best match of the territory search (most populous first), and the other
matches are offered as alternatives.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from essaim.core.text import normalise
from essaim.territories.models import Level
from essaim.territories.selectors import Place, TerritoryNotFound, get_place, parse_ref, search

ALTERNATIVES = 5


@dataclass
class PlaceChoice:
    text: str = ""
    ref: str = ""
    place: Place | None = None
    alternatives: list[Place] = field(default_factory=list)
    error: str = ""


def best_first(text: str, places: list[Place]) -> list[Place]:
    """Re-rank the name search for a visitor typing a place.

    Names starting with the text come first; among them a département, région or
    intercommunalité named exactly so ("Gard", not "Gardanne"), then communes, each group by
    population (the search's order). "romans" gives Romans-sur-Isère before the village of
    Romans and before "CA Valence Romans Agglo"; "Montpellier" the commune before its métropole.
    """
    wanted = normalise(text)

    def rank(place: Place) -> tuple[bool, bool, bool]:
        name = normalise(place.name)
        exact_area = name == wanted and place.level != Level.COMMUNE
        return (not name.startswith(wanted), not exact_area, place.level != Level.COMMUNE)

    return sorted(places, key=rank)


def resolve_place(text: str, ref: str) -> PlaceChoice:
    text, ref = (text or "").strip()[:100], (ref or "").strip()[:30]
    if ref:
        try:
            place = get_place(*parse_ref(ref))
        except (ValueError, TerritoryNotFound):
            place = None
        # A stale reference (the text was edited since) yields to the text.
        if place is not None and (not text or normalise(text) == normalise(place.name)):
            return PlaceChoice(text=place.name, ref=place.ref, place=place)
        if place is None and not text:
            return PlaceChoice(ref=ref)  # parse_filters reports the bad reference
    if not text:
        return PlaceChoice()
    if ":" in text:
        return PlaceChoice(text=text, ref=text)
    matches = best_first(text, search(text, limit=ALTERNATIVES + 1))
    if not matches:
        return PlaceChoice(
            text=text,
            error=_(
                "Aucun territoire ne correspond à « %(text)s ». Essayez un nom de commune, un code "
                "postal, un département ou une région."
            )
            % {"text": text},
        )
    return PlaceChoice(text=text, ref=matches[0].ref, place=matches[0], alternatives=matches[1:])
