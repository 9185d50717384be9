"""Qualifiers that tell homonyms apart in what a person types: "Saint-Martin (Gers)",
"Saint-Martin, 32", "saint martin gers", "Vienne (département)", "Aubusson (23200)".

A qualifier becomes a predicate on the place index's entries; one that means nothing leaves
the text to be read whole.
"""

from __future__ import annotations

import re

from essaim.territories.placeindex import COMMUNE, DEPARTEMENT, EPCI, REGION, PlaceIndex, query_norm

COMMUNE_CODE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$", re.IGNORECASE)
DEPARTEMENT_CODE = re.compile(r"^(?:\d{2,3}|2[AB])$", re.IGNORECASE)
_QUALIFIED = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<qualifier>[^()]*)\)\s*$")
# Words that name a level in a qualifier: "Vienne (département)".
_LEVEL_WORDS = {
    "commune": COMMUNE,
    "ville": COMMUNE,
    "departement": DEPARTEMENT,
    "region": REGION,
    "intercommunalite": EPCI,
    "epci": EPCI,
    "communaute de communes": EPCI,
    "communaute d agglomeration": EPCI,
    "communaute urbaine": EPCI,
    "metropole": EPCI,
}


def split_qualifier(index: PlaceIndex, raw: str):
    """(name, filter) from "Name (qualifier)" or "Name, qualifier"; filter None without one."""
    match = _QUALIFIED.match(raw)
    if match:
        name, qualifier = match["name"], match["qualifier"]
    elif "," in raw:
        name, _sep, qualifier = raw.partition(",")
    else:
        return raw, None
    keep = _qualifier_filter(index, qualifier)
    return (name, keep) if keep is not None else (raw, None)


def trailing_departement(index: PlaceIndex, norm: str):
    words = norm.split()
    for size in (3, 2, 1):
        if len(words) > size:
            keep = _qualifier_filter(index, " ".join(words[-size:]))
            if keep is not None:
                return " ".join(words[:-size]), keep
    return "", None


def _qualifier_filter(index: PlaceIndex, qualifier: str):
    """A predicate on entries for each comma-separated part of the qualifier, or None when a
    part means nothing (then the text is read whole)."""
    tests = []
    for part in qualifier.split(","):
        norm = query_norm(part)
        if not norm:
            continue
        test = _one_qualifier(index, norm, part.strip().upper())
        if test is None:
            return None
        tests.append(test)
    if not tests:
        return None
    return lambda entry: all(test(entry) for test in tests)


def _one_qualifier(index: PlaceIndex, norm: str, upper: str):
    if norm in _LEVEL_WORDS:
        level = _LEVEL_WORDS[norm]
        return lambda entry: entry.level == level
    if norm == "outre mer":
        return lambda entry: len(entry.departement) == 3
    departement = index.get(DEPARTEMENT, upper) if DEPARTEMENT_CODE.match(upper) else None
    if departement is None:
        departement = next(
            (index.entries[p] for p in index.exact_matches(norm) if index.entries[p].kind == DEPARTEMENT),
            None,
        )
    if departement is not None:
        code = departement.code
        return lambda entry: entry.departement == code and entry.kind != DEPARTEMENT
    region = next(
        (index.entries[p] for p in index.exact_matches(norm) if index.entries[p].kind == REGION), None
    )
    if region is not None:
        code = region.code
        return lambda entry: entry.region == code and entry.kind != REGION
    if COMMUNE_CODE.match(upper):
        communes = {e.code for e in index.communes_for_postal_code(upper)}
        commune = index.commune_for_code(upper)
        if commune is not None:
            communes.add(commune.code)
        if communes:
            return lambda entry: entry.place_code in communes and entry.level == COMMUNE
    return None
