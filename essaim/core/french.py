"""French done right: prepositions and elision before names, plurals with numbers, amounts.

Every function follows the active language: in French it applies French grammar and
typography, in any other language it falls back to the plain English form ("in Hérault",
"of Alter'Incub", "12,500.50 €"), so a sentence built with them can be translated.

Places
    `in_place("Hérault", "departement")` → "dans l'Hérault"; `in_place("Lozère", "departement")`
    → "en Lozère"; `in_place("Paris", "commune")` → "à Paris"; `in_place("Le Havre", "commune")`
    → "au Havre"; `in_place("Antilles")` → "aux Antilles". `of_place(...)` gives "de l'Hérault",
    "de la Lozère", "du Gard", "des Bouches-du-Rhône", "du Havre".

    Départements and régions form a closed list, so their gender and number are written out
    below rather than guessed (tests cover every one of them). Communes carry their article in
    their official name ("Le Havre", "Les Mureaux"), which is what the rules read. Intercommunal
    bodies are "communautés" or "métropoles", all feminine.

Names
    `of_name("Alter'Incub")` → "d'Alter'Incub"; `of_name("URSCOP")` → "de l'URSCOP" is *not*
    attempted: only elision is applied ("d'URSCOP"), never an article the name does not carry.
    Before "h" no elision is made (h aspiré is as common as h muet in proper names), except for
    the few names listed in `H_MUET`.

Numbers
    `format_number(12500.5, 2)` → "12 500,50" (narrow no-break space between thousands, as the
    Imprimerie nationale and CLDR write them); `format_amount(12500.5)` → "12 500,50 €" (no-break
    space before the sign; whole amounts without cents); `format_percent(53)` → "53 %".

Plurals
    `count_words(n, "dispositif", "dispositifs")` → "0 dispositif", "1 dispositif",
    "2 dispositifs": French counts 0 and 1 as singular, which gettext's fallback for a msgid
    without a French catalogue entry gets wrong (it uses English's `n == 1`).
"""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import get_language, ngettext

NNBSP = "\u202f"  # narrow no-break space: thousands, before % in running text
NBSP = "\u00a0"  # no-break space: before the currency sign

# --- Places ----------------------------------------------------------------------------

# Names (of départements and régions) taking "à": cities and islands without article.
_AT = frozenset(
    {
        "Paris",
        "Mayotte",
        "La Réunion",
        "Saint-Pierre-et-Miquelon",
        "Saint-Barthélemy",
        "Saint-Martin",
        "Wallis et Futuna",
        "Île de Clipperton",
    }
)
# First words that make a name plural: "dans les Bouches-du-Rhône", "dans les Hauts-de-France".
_PLURAL_WORDS = frozenset(
    {
        "Alpes",
        "Ardennes",
        "Bouches",
        "Côtes",
        "Deux",
        "Hautes",
        "Hauts",
        "Landes",
        "Pays",
        "Pyrénées",
        "Terres",
        "Vosges",
        "Yvelines",
    }
)
# Masculine départements and régions ("le Gard", "l'Hérault"); the others are feminine.
_MASCULINE = frozenset(
    {
        "Ain",
        "Allier",
        "Aveyron",
        "Bas-Rhin",
        "Calvados",
        "Cantal",
        "Centre-Val de Loire",
        "Cher",
        "Doubs",
        "Eure-et-Loir",
        "Finistère",
        "Gard",
        "Gers",
        "Grand Est",
        "Haut-Rhin",
        "Hérault",
        "Jura",
        "Loir-et-Cher",
        "Loiret",
        "Lot",
        "Lot-et-Garonne",
        "Maine-et-Loire",
        "Morbihan",
        "Nord",
        "Pas-de-Calais",
        "Puy-de-Dôme",
        "Rhône",
        "Tarn",
        "Tarn-et-Garonne",
        "Territoire de Belfort",
        "Val-d'Oise",
        "Val-de-Marne",
        "Var",
        "Vaucluse",
    }
)
# Feminine names that usage keeps with "dans la"/"dans l'" (mostly rivers): "dans la Somme",
# "dans l'Aude". Other feminine names take "en": "en Ardèche", "en Lozère", "en Occitanie".
_FEMININE_WITH_ARTICLE = frozenset(
    {"Aisne", "Aube", "Aude", "Eure", "Indre", "Loire", "Manche", "Marne", "Meuse", "Oise", "Orne", "Somme"}
    | {"Vienne", "Yonne"}
)
# Masculine names that usage nevertheless puts after "en".
_MASCULINE_WITH_EN = frozenset({"Centre-Val de Loire"})
# Names that nothing above describes well.
_SPECIAL_IN = {
    "Antilles": "aux Antilles",
    "France": "en France",
    "Île de Clipperton": "sur l'île de Clipperton",
}
_SPECIAL_OF = {
    "Antilles": "des Antilles",
    "France": "de France",
    "Île de Clipperton": "de l'île de Clipperton",
}
# Proper names starting with a mute h (elided: "d'Hyères"); every other h is treated as aspirated.
H_MUET = frozenset({"Hérault", "Hyères", "Honfleur", "Hendaye", "Hérouville"})  # first words
_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüÿœæ")
_EPCI_PREFIXES = ("CC ", "CA ", "CU ", "Métropole ", "Eurométropole ", "Communauté ")


def _is_french() -> bool:
    return (get_language() or "fr").split("-")[0] == "fr"


def starts_with_vowel_sound(word: str) -> bool:
    """True when French elides before `word`: a vowel, or a mute h listed in `H_MUET`.

    French place names read an initial "y" as "i": "l'Yonne", "d'Yssingeaux", "d'Yerres".
    """
    if not word:
        return False
    first = unicodedata.normalize("NFC", word)[0].lower()
    if first == "h":
        return _first_word(word) in H_MUET
    return first in _VOWELS


def _split_article(name: str) -> tuple[str, str]:
    """("Le", "Havre") for "Le Havre"; ("", "Paris") for "Paris"; ("L'", "Haÿ-les-Roses")."""
    for article in ("Le ", "La ", "Les ", "le ", "la ", "les "):
        if name.startswith(article):
            return article.strip().capitalize(), name[len(article) :]
    for article in ("L'", "L’", "l'", "l’"):
        if name.startswith(article):
            return "L'", name[len(article) :]
    return "", name


def _first_word(name: str) -> str:
    return name.replace("-", " ").split(" ", 1)[0]


def _area_kind(name: str) -> str:
    """How a département, région or large area is used: "at", "plural", "masc", "fem"."""
    if name in _AT:
        return "at"
    if _first_word(name) in _PLURAL_WORDS:
        return "plural"
    if name in _MASCULINE:
        return "masc"
    return "fem"


def _area_in(name: str) -> str:
    if name in _SPECIAL_IN:
        return _SPECIAL_IN[name]
    kind = _area_kind(name)
    if kind == "at":
        return f"à {name}"
    if kind == "plural":
        return f"dans les {name}"
    if "-et-" in name or name in _MASCULINE_WITH_EN:
        return f"en {name}"  # "en Maine-et-Loire", "en Saône-et-Loire": administrative usage
    if kind == "masc":
        return f"dans l'{name}" if starts_with_vowel_sound(name) else f"dans le {name}"
    if name in _FEMININE_WITH_ARTICLE:
        return f"dans l'{name}" if starts_with_vowel_sound(name) else f"dans la {name}"
    return f"en {name}"


def _area_of(name: str, *, region: bool) -> str:
    if name in _SPECIAL_OF:
        return _SPECIAL_OF[name]
    kind = _area_kind(name)
    if kind == "plural":
        return f"des {name}"
    if kind == "at" or (kind == "fem" and region):
        # "de Paris", "de La Réunion"; régions: "d'Occitanie", "de Bretagne".
        return of_name(name)
    if starts_with_vowel_sound(name):
        return f"de l'{name}"
    return f"du {name}" if kind == "masc" else f"de la {name}"


def _town_in(name: str) -> str:
    article, rest = _split_article(name)
    if article == "Le":
        return f"au {rest}"
    if article == "Les":
        return f"aux {rest}"
    return f"à {name}"


def _town_of(name: str) -> str:
    article, rest = _split_article(name)
    if article == "Le":
        return f"du {rest}"
    if article == "Les":
        return f"des {rest}"
    return of_name(name)


def _epci_in(name: str) -> str:
    if name.startswith(_EPCI_PREFIXES):
        return f"dans la {name}"
    return f"sur le territoire {of_name(name)}"  # "Toulouse Métropole", "Grenoble-Alpes-Métropole"


def _epci_of(name: str) -> str:
    return f"de la {name}" if name.startswith(_EPCI_PREFIXES) else of_name(name)


def _is_area(name: str) -> bool:
    """A name given without level that is a département, a région or a listed large area."""
    return name in KNOWN_AREAS or name in _SPECIAL_IN


def in_place(name: str, level: str | None = None) -> str:
    """The place with the preposition French puts before it to say "in": "dans l'Hérault".

    `level` is one of the territory levels (`commune`, `epci`, `departement`, `region`,
    `national`); without it, a name known as a département or région is treated as one, and
    any other name as a town or a large area ("aux Antilles", "au Havre", "à Lyon").
    """
    name = (name or "").strip()
    if not name:
        return ""
    if not _is_french():
        return f"in {name}"
    if level == "national":
        return _SPECIAL_IN.get(name, f"en {name}")
    if level in ("departement", "region"):
        return _area_in(name)
    if level == "epci":
        return _epci_in(name)
    if level is None and _is_area(name):
        return _area_in(name)
    return _town_in(name)


def of_place(name: str, level: str | None = None) -> str:
    """The place after "de", article included: "de l'Hérault", "du Gard", "des Landes", "du Havre"."""
    name = (name or "").strip()
    if not name:
        return ""
    if not _is_french():
        return f"of {name}"
    if level == "national":
        return _SPECIAL_OF.get(name, of_name(name))
    if level in ("departement", "region"):
        return _area_of(name, region=level == "region")
    if level == "epci":
        return _epci_of(name)
    if level is None and _is_area(name):
        return _area_of(name, region=name in REGIONS and name not in DEPARTEMENTS)
    return _town_of(name)


def of_name(name: str) -> str:
    """ "de" before a name, elided when French elides: "d'Alter'Incub", "de Paris", "d'Yssingeaux".

    The name is left as written: an article it carries stays ("de La Rochelle"); none is added.
    """
    name = (name or "").strip()
    if not name:
        return ""
    if not _is_french():
        return f"of {name}"
    return f"d'{name}" if starts_with_vowel_sound(name) else f"de {name}"


# --- Numbers ----------------------------------------------------------------------------


def _decimal(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


def _group(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(parts)


def format_number(value, decimals: int = 0) -> str:
    """A number as the active language writes it: "12 500,50" in French, "12,500.50" in English.

    Rounded half up to `decimals` places; values that are not numbers are returned as text
    ("" for None), so a template never fails on them.
    """
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    quantum = Decimal(1).scaleb(-decimals)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _dot, fraction = f"{abs(rounded):f}".partition(".")
    thousands, point = (NNBSP, ",") if _is_french() else (",", ".")
    text = sign + _group(whole, thousands)
    return f"{text}{point}{fraction}" if fraction else text


def format_amount(value, currency: str = "€", decimals: int | None = None) -> str:
    """An amount of money: "12 500,50 €", "12 500 €" (no cents when there are none).

    `decimals` forces the number of decimals (2 for a column of amounts that must line up).
    """
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    if decimals is None:
        decimals = 0 if number == number.to_integral_value() else 2
    text = format_number(number, decimals)
    if _is_french():
        return f"{text}{NBSP}{currency}"
    return f"{currency}{text}" if currency in ("€", "$", "£") else f"{text} {currency}"


def format_percent(value, decimals: int = 0) -> str:
    """A percentage already multiplied by 100: `format_percent(53)` → "53 %" ("53%" in English)."""
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    text = format_number(number, decimals)
    return f"{text}{NNBSP}%" if _is_french() else f"{text}%"


# --- Plurals ----------------------------------------------------------------------------


def plural_form(singular: str, plural: str, count) -> str:
    """ngettext, with French's own rule when the msgid has no French catalogue entry.

    French uses the singular for 0 and 1 (and 1.5); gettext falls back to `n == 1` for a
    message it cannot find, which would print "0 dispositifs".
    """
    number = _decimal(count) or Decimal(0)
    translated = ngettext(singular, plural, int(number) if number == number.to_integral_value() else 2)
    if _is_french() and translated in (singular, plural):
        return singular if abs(number) < 2 else plural
    return translated


def count_words(count, singular: str, plural: str, decimals: int = 0) -> str:
    """The number and its noun: "0 dispositif", "1 dispositif", "12 500 dispositifs"."""
    return f"{format_number(count, decimals)}{NBSP}{plural_form(singular, plural, count)}"


# Names of départements and régions as the COG writes them, for `in_place(name)` without level.
DEPARTEMENTS = frozenset(
    {
        "Ain", "Aisne", "Allier", "Alpes-de-Haute-Provence", "Hautes-Alpes", "Alpes-Maritimes",
        "Ardèche", "Ardennes", "Ariège", "Aube", "Aude", "Aveyron", "Bouches-du-Rhône", "Calvados",
        "Cantal", "Charente", "Charente-Maritime", "Cher", "Corrèze", "Côte-d'Or", "Côtes-d'Armor",
        "Creuse", "Dordogne", "Doubs", "Drôme", "Eure", "Eure-et-Loir", "Finistère", "Corse-du-Sud",
        "Haute-Corse", "Gard", "Haute-Garonne", "Gers", "Gironde", "Hérault", "Ille-et-Vilaine",
        "Indre", "Indre-et-Loire", "Isère", "Jura", "Landes", "Loir-et-Cher", "Loire", "Haute-Loire",
        "Loire-Atlantique", "Loiret", "Lot", "Lot-et-Garonne", "Lozère", "Maine-et-Loire", "Manche",
        "Marne", "Haute-Marne", "Mayenne", "Meurthe-et-Moselle", "Meuse", "Morbihan", "Moselle",
        "Nièvre", "Nord", "Oise", "Orne", "Pas-de-Calais", "Puy-de-Dôme", "Pyrénées-Atlantiques",
        "Hautes-Pyrénées", "Pyrénées-Orientales", "Bas-Rhin", "Haut-Rhin", "Rhône", "Haute-Saône",
        "Saône-et-Loire", "Sarthe", "Savoie", "Haute-Savoie", "Paris", "Seine-Maritime",
        "Seine-et-Marne", "Yvelines", "Deux-Sèvres", "Somme", "Tarn", "Tarn-et-Garonne", "Var",
        "Vaucluse", "Vendée", "Vienne", "Haute-Vienne", "Vosges", "Yonne", "Territoire de Belfort",
        "Essonne", "Hauts-de-Seine", "Seine-Saint-Denis", "Val-de-Marne", "Val-d'Oise", "Guadeloupe",
        "Martinique", "Guyane", "La Réunion", "Mayotte",
    }
)  # fmt: skip
REGIONS = frozenset(
    {
        "Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte", "Île-de-France",
        "Centre-Val de Loire", "Bourgogne-Franche-Comté", "Normandie", "Hauts-de-France", "Grand Est",
        "Pays de la Loire", "Bretagne", "Nouvelle-Aquitaine", "Occitanie", "Auvergne-Rhône-Alpes",
        "Provence-Alpes-Côte d'Azur", "Corse", "Saint-Pierre-et-Miquelon", "Saint-Barthélemy",
        "Saint-Martin", "Terres australes et antarctiques françaises", "Wallis et Futuna",
        "Polynésie française", "Nouvelle-Calédonie", "Île de Clipperton",
    }
)  # fmt: skip
KNOWN_AREAS = DEPARTEMENTS | REGIONS
