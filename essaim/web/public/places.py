"""Turn the directory's free-text "place" field into one territory, without JavaScript.

A chosen suggestion sends both the name and its `level:code` reference; typed text alone goes
through the place resolver (`territories.resolver`, zones allowed). The directory never stops
at a question: when several places match (homonyms, "romans") it shows the best-ranked one and
offers the others; an unknown place is a field error with the resolver's suggestions.
"""

from dataclasses import dataclass, field

from essaim.core.text import normalise
from essaim.territories import resolver
from essaim.territories.selectors import Place

ALTERNATIVES = 5


@dataclass
class PlaceChoice:
    text: str = ""
    ref: str = ""
    place: Place | None = None
    alternatives: list[Place] = field(default_factory=list)
    error: str = ""
    ambiguous: bool = False  # several places match the text: the others are worth a look


def resolve_place(text: str, ref: str) -> PlaceChoice:
    text, ref = (text or "").strip()[:100], (ref or "").strip()[:30]
    if ref:
        found = resolver.resolve(ref, levels=resolver.ZONES).place
        # A stale reference (the text was edited since) yields to the text.
        if found is not None and (
            not text or normalise(text) in (normalise(found.name), normalise(found.label))
        ):
            return PlaceChoice(text=found.name, ref=found.ref, place=found.place)
        if found is None and not text:
            return PlaceChoice(ref=ref)  # parse_filters reports the bad reference
    if not text:
        return PlaceChoice()
    result = resolver.resolve(text, levels=resolver.ZONES)
    if result.place is None and not result.choices:
        return PlaceChoice(text=text, error=result.error, alternatives=[s.place for s in result.suggestions])
    best, *others = result.ranked
    return PlaceChoice(
        text=text,
        ref=best.ref,
        place=best.place,
        alternatives=[c.place for c in others[:ALTERNATIVES]],
        ambiguous=result.ambiguous,
    )
