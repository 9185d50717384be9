"""One place resolver for every field that takes a place: what a person types → a territory.

It accepts a commune's name, postal code or INSEE code (`commune:` / `insee:` / `cp:` /
`postal:` prefixes remove the doubt between the last two), and where the field allows a zone a
département's code or name, a région's or an intercommunalité's name, `France`, or a reference
`niveau:code`. A name may carry a qualifier: "Saint-Martin (Gers)", "Vienne (département)".

How a person expects it to rank (docs/decisions/0017-place-resolver.md):

- names starting with the text come before names merely containing its words, each group by
  population, communes before intercommunalities ("romans" → Romans-sur-Isère first);
- a name shared by several places always asks, the homonyms ranked by population with their
  département ("Saint-Martin"); a single exact name resolves unless a place starting with it is
  ten times bigger ("romans" asks: Romans-sur-Isère before the village of Romans);
- a postal code lists its communes by population (13001 → Marseille, then Aix-en-Provence
  whose INSEE code it is);
- a typo finds the place among the suggestions of "Commune inconnue : « … ». Vouliez-vous
  dire … ?" (trigram similarity of normalised names, "st" read as "saint").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from essaim.core.text import STOP_WORDS
from essaim.territories.models import NATIONAL_CODE
from essaim.territories.placeindex import (
    ALIAS,
    COMMUNE,
    DEPARTEMENT,
    EPCI,
    NATIONAL,
    REGION,
    Entry,
    PlaceIndex,
    place_index,
    population_weight,
    query_norm,
)
from essaim.territories.qualifiers import (
    COMMUNE_CODE,
    DEPARTEMENT_CODE,
    split_qualifier,
    trailing_departement,
)
from essaim.territories.selectors import Place

COMMUNE_ONLY: tuple[str, ...] = (COMMUNE,)
ZONES: tuple[str, ...] = (COMMUNE, EPCI, DEPARTEMENT, REGION, NATIONAL)
MAX_LENGTH = 100
CHOICES = 10  # other places listed beside the homonyms, which are always all listed
SUGGESTIONS = 5
BIGGER = 10  # a place starting with the text this much bigger than the exact name still asks


_PREFIXES = {
    "commune": COMMUNE,
    "insee": COMMUNE,
    "cp": "postal",
    "postal": "postal",
    "epci": EPCI,
    "departement": DEPARTEMENT,
    "region": REGION,
    "national": NATIONAL,
}


@dataclass(frozen=True)
class Candidate:
    """A place as a person reads it in a list: name, and what tells it from its homonyms."""

    level: str
    code: str
    name: str
    population: int
    context: str = ""  # the département of a commune, or the kind of area ("département")
    departement: str = ""  # a commune's département code
    via: str = ""  # for a former commune or an arrondissement: the commune it belongs to

    @property
    def key(self) -> tuple[str, str]:
        return (self.level, self.code)

    @property
    def ref(self) -> str:
        return f"{self.level}:{self.code}"

    @property
    def label(self) -> str:
        """ "Saint-Martin (Gers)", "Vienne (département)", "Annecy-le-Vieux (Annecy, Haute-Savoie)"."""
        details = ", ".join(part for part in (self.via, self.context) if part)
        return f"{self.name} ({details})" if details else self.name

    @property
    def place(self) -> Place:
        return Place(self.level, self.code, self.via or self.name, self.population)

    def as_choice(self) -> dict:
        """The shape of the orientation API's `choices`."""
        return {"code": self.code, "name": self.via or self.name, "departement": self.departement}


@dataclass
class Resolution:
    """The outcome: a place, or choices to ask between, or an error with suggestions."""

    text: str
    place: Candidate | None = None
    choices: list[Candidate] = field(default_factory=list)  # ask (or, once resolved, the others)
    suggestions: list[Candidate] = field(default_factory=list)  # similar names, for an unknown one
    error: str = ""

    @property
    def ambiguous(self) -> bool:
        return self.place is None and bool(self.choices)

    @property
    def explained(self) -> str:
        """The error, with the first candidates when the text is ambiguous (for the API)."""
        if self.ambiguous:
            return f"{self.error} ({', '.join(c.label for c in self.choices[:SUGGESTIONS])})"
        return self.error

    @property
    def ranked(self) -> list[Candidate]:
        """Every candidate, best first: the place, the choices, then the suggestions."""
        return ([self.place] if self.place else []) + self.choices + self.suggestions


# -- what a person reads ---------------------------------------------------------------------


def _area_word(level: str) -> str:
    return {
        DEPARTEMENT: _("département"),
        REGION: _("région"),
        EPCI: _("intercommunalité"),
        COMMUNE: _("commune"),
    }.get(level, "")


def _candidate(index: PlaceIndex, entry: Entry) -> Candidate:
    if entry.kind in (COMMUNE, ALIAS):
        commune = index.get(COMMUNE, entry.place_code) or entry
        context = _commune_context(index, commune)
        via = commune.name if entry.kind == ALIAS else ""
        return Candidate(
            COMMUNE, commune.code, entry.name, commune.population, context, commune.departement, via
        )
    if entry.kind == NATIONAL:
        return Candidate(NATIONAL, NATIONAL_CODE, "France", 0)
    return Candidate(entry.kind, entry.code, entry.name, entry.population, _area_word(entry.kind))


def _commune_context(index: PlaceIndex, commune: Entry) -> str:
    """The département's name; the région's when they share the commune's name (Paris);
    "outre-mer" for a collectivity that is all three (Saint-Martin, Saint-Barthélemy)."""
    for level, code in ((DEPARTEMENT, commune.departement), (REGION, commune.region)):
        area = index.get(level, code)
        if area is not None and area.norm != commune.norm:
            return area.name
    return _("outre-mer")


def name_of(level: str, code: str) -> str:
    """The name of a territory ("departement", "11" → "Aude"); the code itself if unknown."""
    entry = _entry(place_index(), level, code)
    return entry.name if entry else code


def _entry(index: PlaceIndex, level: str, code: str) -> Entry | None:
    if level == COMMUNE:
        return index.commune_for_code(code)
    return index.get(level, code)


def names_of(refs) -> list[str]:
    """Names of `level:code` references or (level, code) pairs, in order."""
    return [name_of(*split_ref(ref)) for ref in refs]


def split_ref(ref) -> tuple[str, str]:
    if isinstance(ref, str):
        level, _sep, code = ref.partition(":")
        return (level, code or (NATIONAL_CODE if level == NATIONAL else ""))
    return (str(ref[0]), str(ref[1]))


def commune_param(code: str) -> str:
    """How to name a commune by code in a URL or a hidden field: the bare INSEE code when it
    means only this commune, else `commune:<code>` (34070 is also Montpellier's postal code)."""
    index = place_index()
    if all(entry.code == code for entry in index.communes_for_postal_code(code)):
        return code
    return f"commune:{code}"


def label_of(level: str, code: str) -> str:
    """A text that reads well and resolves back to exactly this place ("Montpellier (Hérault)",
    "Hérault (département)", "France"): for forms that show stored places as text."""
    index = place_index()
    entry = _entry(index, level, code)
    if entry is None:
        return f"{level}:{code}"
    return _candidate(index, entry).label


# -- resolving -------------------------------------------------------------------------------


def resolve(
    text: str, *, levels: tuple[str, ...] = COMMUNE_ONLY, index: PlaceIndex | None = None
) -> Resolution:
    """Resolve what a person typed. Never raises on any text; see the module's docstring."""
    index = index or place_index()
    raw = (text or "").strip()
    if not raw:
        return Resolution(raw, error=_empty(levels))
    if len(raw) > MAX_LENGTH:
        return Resolution(raw[:MAX_LENGTH], error=_unknown(raw[:40] + "…", levels, []))
    if raw.lower() == NATIONAL:
        raw = "national:FR"
    prefix, sep, rest = raw.partition(":")
    if sep and prefix.strip().lower() in _PREFIXES:
        return _explicit(index, raw, _PREFIXES[prefix.strip().lower()], rest.strip().upper(), levels)
    code = raw.upper()
    if len(code) == 4 and code.isdigit():
        code = "0" + code  # a postal code of the Ain or the Aisne written as a number
    if COMMUNE_CODE.match(code):
        return _by_code(index, raw, code, kinds=(COMMUNE, "postal"), levels=levels)
    if len(code) == 9 and code.isdigit() and index.get(EPCI, code):  # an EPCI's SIREN
        return _only_allowed(index, raw, index.get(EPCI, code), levels)
    if DEPARTEMENT_CODE.match(code) and index.get(DEPARTEMENT, code):
        return _only_allowed(index, raw, index.get(DEPARTEMENT, code), levels)
    return _by_name(index, raw, levels)


def suggest(text: str, *, levels: tuple[str, ...] = ZONES, limit: int = 8) -> list[Candidate]:
    """Autocomplete: the places a field would resolve to or ask about, best first."""
    text = (text or "").strip()
    if not text:
        return []
    return resolve(text, levels=levels).ranked[:limit]


def _empty(levels) -> str:
    if levels == COMMUNE_ONLY:
        return _("Indiquez une commune : son nom, son code postal ou son code INSEE.")
    return _(
        "Indiquez un territoire : une commune (nom, code postal ou code INSEE), un département ou une région."
    )


def _unknown(text: str, levels, suggestions: list[Candidate]) -> str:
    if levels == COMMUNE_ONLY:
        message = _("Commune inconnue : « %(text)s ».") % {"text": text}
    elif levels == (EPCI,):
        message = _("Intercommunalité inconnue : « %(text)s ».") % {"text": text}
    else:
        message = _("Territoire inconnu : « %(text)s ».") % {"text": text}
    if suggestions:
        names = get_text_list([s.label for s in suggestions], _("ou"))
        return f"{message} " + _("Vouliez-vous dire %(names)s ?") % {"names": names}
    if levels == COMMUNE_ONLY:
        return f"{message} " + _("Indiquez son nom, son code postal ou son code INSEE.")
    if levels == (EPCI,):
        return f"{message} " + _("Indiquez son nom ou son SIREN.")
    return f"{message} " + _("Essayez un nom de commune, un code postal, un département ou une région.")


def _explicit(index: PlaceIndex, raw: str, level: str, code: str, levels) -> Resolution:
    if level == NATIONAL:
        if code in ("", NATIONAL_CODE):
            return _only_allowed(index, raw, index.get(NATIONAL, NATIONAL_CODE), levels)
    elif level in (COMMUNE, "postal") and COMMUNE_CODE.match(code):
        return _by_code(index, raw, code, kinds=(level,), levels=levels)
    elif code and index.get(level, code):
        return _only_allowed(index, raw, index.get(level, code), levels)
    return Resolution(raw, error=_("Territoire inconnu : %(ref)s") % {"ref": raw[:50]})


def _only_allowed(index: PlaceIndex, raw: str, entry: Entry, levels) -> Resolution:
    candidate = _candidate(index, entry)
    if candidate.level in levels:
        return Resolution(raw, place=candidate)
    return Resolution(raw, error=_not_allowed(candidate.label, levels))


def _not_allowed(what: str, levels) -> str:
    if levels == COMMUNE_ONLY:
        return _(
            "« %(place)s » n'est pas une commune : indiquez une commune (nom, code postal ou code INSEE)."
        ) % {"place": what}
    wanted = get_text_list([_area_word(level) for level in levels if _area_word(level)], _("ou"))
    return _("« %(place)s » ne convient pas ici : indiquez un territoire de type %(levels)s.") % {
        "place": what,
        "levels": wanted,
    }


def _by_code(index: PlaceIndex, raw: str, code: str, *, kinds, levels) -> Resolution:
    """An INSEE code and / or a postal code: its communes, most populous first."""
    if COMMUNE not in levels:
        return Resolution(raw, error=_not_allowed(raw[:10], levels))
    found: dict[str, Entry] = {}
    if COMMUNE in kinds:
        commune = index.commune_for_code(code)
        if commune is not None:
            found[commune.code] = commune
    if "postal" in kinds:
        for commune in index.communes_for_postal_code(code):
            found.setdefault(commune.code, commune)
    ranked = sorted(found.values(), key=lambda e: (-e.population, e.code))
    candidates = [_candidate(index, e) for e in ranked]
    if len(candidates) == 1:
        return Resolution(raw, place=candidates[0])
    if candidates:
        return Resolution(
            raw,
            choices=candidates,
            error=_("Le code %(code)s désigne plusieurs communes : précisez laquelle.") % {"code": code},
        )
    message = _("Commune inconnue : « %(text)s ».") % {"text": raw[:10]}
    detail = {
        (COMMUNE,): _("Aucune commune ne porte ce code INSEE."),
        ("postal",): _("Aucune commune n'a ce code postal."),
    }.get(tuple(kinds), _("Aucune commune ne porte ce code INSEE ou ce code postal."))
    return Resolution(raw, error=f"{message} {detail}")


# -- names -----------------------------------------------------------------------------------


def _by_name(index: PlaceIndex, raw: str, levels) -> Resolution:
    base, keep = split_qualifier(index, raw)
    norm = query_norm(base)
    if not norm:
        return Resolution(raw, error=_unknown(raw, levels, []))
    if keep is None:
        # "saint martin gers": a département named at the end, when the whole text names nothing.
        found = _matches(index, norm, levels, None)
        if not found[0] and not found[1]:
            base_norm, keep = trailing_departement(index, norm)
            norm = base_norm or norm
    exact, others = _matches(index, norm, levels, keep)
    area = None if exact else _area_named(index, norm, levels)
    if not exact and not others:
        if area is not None:
            return Resolution(raw, error=_not_allowed(area.label, levels))
        suggestions = _similar(index, norm, levels, keep)
        return Resolution(raw, suggestions=suggestions, error=_unknown(raw, levels, suggestions))
    exact_pop = max((_population(index, index.entries[p]) for p in exact), default=0)
    exact_levels = {index.entries[p].level for p in exact}
    threshold = BIGGER * max(exact_pop, 1)
    # With a qualifier ("Bey (Ain)") the exact name is what was meant, bigger neighbours or not.
    bigger = [
        p
        for p in others
        if keep is None
        and index.entries[p].level in exact_levels
        and _starts(index, p, norm)
        and index.entries[p].population >= threshold
    ]
    if exact:
        rest = [p for p in others if p not in bigger]
        ordered = bigger + exact + rest[:CHOICES]
    else:
        ordered = others[: CHOICES + 1]
    candidates = [_candidate(index, index.entries[p]) for p in ordered]
    if (len(exact) == 1 and not bigger) or (not exact and len(others) == 1):
        return Resolution(raw, place=candidates[0], choices=candidates[1:])
    if area is not None:
        error = _("« %(area)s » n'est pas une commune : choisissez une commune.") % {"area": area.label}
        return Resolution(raw, choices=candidates, error=error)
    if levels == COMMUNE_ONLY:
        error = _("Plusieurs communes correspondent à « %(text)s » : précisez laquelle.")
    else:
        error = _("Plusieurs territoires correspondent à « %(text)s » : précisez lequel.")
    return Resolution(raw, choices=candidates, error=error % {"text": raw})


def _area_named(index: PlaceIndex, norm: str, levels) -> Candidate | None:
    """A département, région or intercommunalité named exactly so, where it is not allowed."""
    for pos in index.exact_matches(norm):
        entry = index.entries[pos]
        if entry.kind in (DEPARTEMENT, REGION, EPCI) and not _allowed(entry, levels):
            return _candidate(index, entry)
    return None


def _population(index: PlaceIndex, entry: Entry) -> int:
    if entry.kind == ALIAS:
        commune = index.get(COMMUNE, entry.target)
        return commune.population if commune else 0
    return entry.population


def _starts(index: PlaceIndex, pos: int, norm: str) -> bool:
    return index.entries[pos].norm.startswith(norm)


def _allowed(entry: Entry, levels) -> bool:
    return entry.level in levels


def _matches(index: PlaceIndex, norm: str, levels, keep) -> tuple[list[int], list[int]]:
    """(exact, others): entry positions, one per place, each list best first.

    Exact: the name is the text. A former commune counts only when no current place has the
    name. Others: names starting with the text, then names whose words start with its words.
    """
    seen: set[tuple[str, str]] = set()

    def unique(positions, *, exact_only=False) -> list[int]:
        kept = []
        for pos in positions:
            pos = _canonical(index, pos, levels)
            entry = index.entries[pos]
            if not _allowed(entry, levels) or (keep is not None and not keep(entry)):
                continue
            if entry.key in seen:
                continue
            seen.add(entry.key)
            kept.append(pos)
        return kept

    def order(positions):
        return sorted(positions, key=lambda p: _rank(index.entries[p]))

    exact_all = index.exact_matches(norm)
    current = [p for p in exact_all if index.entries[p].kind != ALIAS]
    exact = unique(order(current)) or unique(order(exact_all))
    starting = unique(order(index.starting_with(norm)))
    tokens = [t for t in norm.split() if t not in STOP_WORDS] or norm.split()
    words = unique(order(index.every_word_matched(tokens)))
    return exact, starting + words


def _rank(entry: Entry) -> tuple:
    return (entry.kind == EPCI, entry.kind == ALIAS, -entry.population, entry.name, entry.code)


def _canonical(index: PlaceIndex, pos: int, levels) -> int:
    """An area that is one place with a commune of the same name (Paris) counts as that commune."""
    same = index.same_as.get(pos)
    if same is not None and _allowed(index.entries[same], levels):
        return same
    return pos


def _similar(index: PlaceIndex, norm: str, levels, keep) -> list[Candidate]:
    scored = []
    seen = set()
    for similarity, pos in index.similar(norm):
        pos = _canonical(index, pos, levels)
        entry = index.entries[pos]
        if not _allowed(entry, levels) or (keep is not None and not keep(entry)) or entry.key in seen:
            continue
        seen.add(entry.key)
        weight = population_weight(_population(index, entry))
        scored.append((similarity + 0.1 * weight, pos))
    scored.sort(key=lambda item: -item[0])
    return [_candidate(index, index.entries[pos]) for _score, pos in scored[:SUGGESTIONS]]
