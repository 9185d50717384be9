"""Several places in one field ("Lozère, Occitanie, Montpellier (Hérault)"), through the resolver."""

from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from essaim.territories.resolver import SUGGESTIONS, ZONES, resolve


def resolve_many(text: str, *, levels: tuple[str, ...] = ZONES) -> tuple[list[str], list[str]]:
    """Several places separated by commas, semicolons or lines ("Lozère, Occitanie",
    "departement:48, region:76"): (references in order, errors naming the part concerned)."""
    refs, errors = [], []
    for part in split_places(text):
        result = resolve(part, levels=levels)
        if result.place is None:
            if result.ambiguous:
                options = get_text_list([c.label for c in result.choices[:SUGGESTIONS]], _("ou"))
                errors.append(
                    _("« %(text)s » : plusieurs territoires possibles (%(options)s).")
                    % {"text": part, "options": options}
                )
            else:
                errors.append(result.error)
        elif result.place.ref not in refs:
            refs.append(result.place.ref)
    return refs, errors


def split_places(text: str) -> list[str]:
    """Parts of a list of places: commas inside parentheses ("(Annecy, Haute-Savoie)") stay."""
    parts, depth, current = [], 0, []
    for char in text or "":
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char in ",;\n" and depth <= 0:
            parts.append("".join(current))
            current, depth = [], 0
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]
