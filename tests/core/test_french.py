"""French helpers: prepositions and elision before names, numbers, amounts, plurals.

The tables list every département and région as the COG names them, with what French says
("dans l'Hérault", "en Lozère", "du Gard"): the lists in `essaim.core.french` are closed, so
the tests are too.
"""

import gzip
import json
from decimal import Decimal

import pytest
from django.utils import translation

from essaim.core.french import (
    DEPARTEMENTS as KNOWN_DEPARTEMENTS,
)
from essaim.core.french import (
    REGIONS as KNOWN_REGIONS,
)
from essaim.core.french import (
    count_words,
    format_amount,
    format_number,
    format_percent,
    in_place,
    of_name,
    of_place,
    plural_form,
    starts_with_vowel_sound,
)
from essaim.territories.services import DATA_FILE

NNBSP = "\u202f"
NBSP = "\u00a0"

DEPARTEMENTS = [
    ("Ain", "dans l'Ain", "de l'Ain"),
    ("Aisne", "dans l'Aisne", "de l'Aisne"),
    ("Allier", "dans l'Allier", "de l'Allier"),
    ("Alpes-Maritimes", "dans les Alpes-Maritimes", "des Alpes-Maritimes"),
    ("Alpes-de-Haute-Provence", "dans les Alpes-de-Haute-Provence", "des Alpes-de-Haute-Provence"),
    ("Ardennes", "dans les Ardennes", "des Ardennes"),
    ("Ardèche", "en Ardèche", "de l'Ardèche"),
    ("Ariège", "en Ariège", "de l'Ariège"),
    ("Aube", "dans l'Aube", "de l'Aube"),
    ("Aude", "dans l'Aude", "de l'Aude"),
    ("Aveyron", "dans l'Aveyron", "de l'Aveyron"),
    ("Bas-Rhin", "dans le Bas-Rhin", "du Bas-Rhin"),
    ("Bouches-du-Rhône", "dans les Bouches-du-Rhône", "des Bouches-du-Rhône"),
    ("Calvados", "dans le Calvados", "du Calvados"),
    ("Cantal", "dans le Cantal", "du Cantal"),
    ("Charente", "en Charente", "de la Charente"),
    ("Charente-Maritime", "en Charente-Maritime", "de la Charente-Maritime"),
    ("Cher", "dans le Cher", "du Cher"),
    ("Corrèze", "en Corrèze", "de la Corrèze"),
    ("Corse-du-Sud", "en Corse-du-Sud", "de la Corse-du-Sud"),
    ("Creuse", "en Creuse", "de la Creuse"),
    ("Côte-d'Or", "en Côte-d'Or", "de la Côte-d'Or"),
    ("Côtes-d'Armor", "dans les Côtes-d'Armor", "des Côtes-d'Armor"),
    ("Deux-Sèvres", "dans les Deux-Sèvres", "des Deux-Sèvres"),
    ("Dordogne", "en Dordogne", "de la Dordogne"),
    ("Doubs", "dans le Doubs", "du Doubs"),
    ("Drôme", "en Drôme", "de la Drôme"),
    ("Essonne", "en Essonne", "de l'Essonne"),
    ("Eure", "dans l'Eure", "de l'Eure"),
    ("Eure-et-Loir", "en Eure-et-Loir", "de l'Eure-et-Loir"),
    ("Finistère", "dans le Finistère", "du Finistère"),
    ("Gard", "dans le Gard", "du Gard"),
    ("Gers", "dans le Gers", "du Gers"),
    ("Gironde", "en Gironde", "de la Gironde"),
    ("Guadeloupe", "en Guadeloupe", "de la Guadeloupe"),
    ("Guyane", "en Guyane", "de la Guyane"),
    ("Haut-Rhin", "dans le Haut-Rhin", "du Haut-Rhin"),
    ("Haute-Corse", "en Haute-Corse", "de la Haute-Corse"),
    ("Haute-Garonne", "en Haute-Garonne", "de la Haute-Garonne"),
    ("Haute-Loire", "en Haute-Loire", "de la Haute-Loire"),
    ("Haute-Marne", "en Haute-Marne", "de la Haute-Marne"),
    ("Haute-Savoie", "en Haute-Savoie", "de la Haute-Savoie"),
    ("Haute-Saône", "en Haute-Saône", "de la Haute-Saône"),
    ("Haute-Vienne", "en Haute-Vienne", "de la Haute-Vienne"),
    ("Hautes-Alpes", "dans les Hautes-Alpes", "des Hautes-Alpes"),
    ("Hautes-Pyrénées", "dans les Hautes-Pyrénées", "des Hautes-Pyrénées"),
    ("Hauts-de-Seine", "dans les Hauts-de-Seine", "des Hauts-de-Seine"),
    ("Hérault", "dans l'Hérault", "de l'Hérault"),
    ("Ille-et-Vilaine", "en Ille-et-Vilaine", "de l'Ille-et-Vilaine"),
    ("Indre", "dans l'Indre", "de l'Indre"),
    ("Indre-et-Loire", "en Indre-et-Loire", "de l'Indre-et-Loire"),
    ("Isère", "en Isère", "de l'Isère"),
    ("Jura", "dans le Jura", "du Jura"),
    ("La Réunion", "à La Réunion", "de La Réunion"),
    ("Landes", "dans les Landes", "des Landes"),
    ("Loir-et-Cher", "en Loir-et-Cher", "du Loir-et-Cher"),
    ("Loire", "dans la Loire", "de la Loire"),
    ("Loire-Atlantique", "en Loire-Atlantique", "de la Loire-Atlantique"),
    ("Loiret", "dans le Loiret", "du Loiret"),
    ("Lot", "dans le Lot", "du Lot"),
    ("Lot-et-Garonne", "en Lot-et-Garonne", "du Lot-et-Garonne"),
    ("Lozère", "en Lozère", "de la Lozère"),
    ("Maine-et-Loire", "en Maine-et-Loire", "du Maine-et-Loire"),
    ("Manche", "dans la Manche", "de la Manche"),
    ("Marne", "dans la Marne", "de la Marne"),
    ("Martinique", "en Martinique", "de la Martinique"),
    ("Mayenne", "en Mayenne", "de la Mayenne"),
    ("Mayotte", "à Mayotte", "de Mayotte"),
    ("Meurthe-et-Moselle", "en Meurthe-et-Moselle", "de la Meurthe-et-Moselle"),
    ("Meuse", "dans la Meuse", "de la Meuse"),
    ("Morbihan", "dans le Morbihan", "du Morbihan"),
    ("Moselle", "en Moselle", "de la Moselle"),
    ("Nièvre", "en Nièvre", "de la Nièvre"),
    ("Nord", "dans le Nord", "du Nord"),
    ("Oise", "dans l'Oise", "de l'Oise"),
    ("Orne", "dans l'Orne", "de l'Orne"),
    ("Paris", "à Paris", "de Paris"),
    ("Pas-de-Calais", "dans le Pas-de-Calais", "du Pas-de-Calais"),
    ("Puy-de-Dôme", "dans le Puy-de-Dôme", "du Puy-de-Dôme"),
    ("Pyrénées-Atlantiques", "dans les Pyrénées-Atlantiques", "des Pyrénées-Atlantiques"),
    ("Pyrénées-Orientales", "dans les Pyrénées-Orientales", "des Pyrénées-Orientales"),
    ("Rhône", "dans le Rhône", "du Rhône"),
    ("Sarthe", "en Sarthe", "de la Sarthe"),
    ("Savoie", "en Savoie", "de la Savoie"),
    ("Saône-et-Loire", "en Saône-et-Loire", "de la Saône-et-Loire"),
    ("Seine-Maritime", "en Seine-Maritime", "de la Seine-Maritime"),
    ("Seine-Saint-Denis", "en Seine-Saint-Denis", "de la Seine-Saint-Denis"),
    ("Seine-et-Marne", "en Seine-et-Marne", "de la Seine-et-Marne"),
    ("Somme", "dans la Somme", "de la Somme"),
    ("Tarn", "dans le Tarn", "du Tarn"),
    ("Tarn-et-Garonne", "en Tarn-et-Garonne", "du Tarn-et-Garonne"),
    ("Territoire de Belfort", "dans le Territoire de Belfort", "du Territoire de Belfort"),
    ("Val-d'Oise", "dans le Val-d'Oise", "du Val-d'Oise"),
    ("Val-de-Marne", "dans le Val-de-Marne", "du Val-de-Marne"),
    ("Var", "dans le Var", "du Var"),
    ("Vaucluse", "dans le Vaucluse", "du Vaucluse"),
    ("Vendée", "en Vendée", "de la Vendée"),
    ("Vienne", "dans la Vienne", "de la Vienne"),
    ("Vosges", "dans les Vosges", "des Vosges"),
    ("Yonne", "dans l'Yonne", "de l'Yonne"),
    ("Yvelines", "dans les Yvelines", "des Yvelines"),
]

REGIONS = [
    ("Auvergne-Rhône-Alpes", "en Auvergne-Rhône-Alpes", "d'Auvergne-Rhône-Alpes"),
    ("Bourgogne-Franche-Comté", "en Bourgogne-Franche-Comté", "de Bourgogne-Franche-Comté"),
    ("Bretagne", "en Bretagne", "de Bretagne"),
    ("Centre-Val de Loire", "en Centre-Val de Loire", "du Centre-Val de Loire"),
    ("Corse", "en Corse", "de Corse"),
    ("Grand Est", "dans le Grand Est", "du Grand Est"),
    ("Guadeloupe", "en Guadeloupe", "de Guadeloupe"),
    ("Guyane", "en Guyane", "de Guyane"),
    ("Hauts-de-France", "dans les Hauts-de-France", "des Hauts-de-France"),
    ("La Réunion", "à La Réunion", "de La Réunion"),
    ("Martinique", "en Martinique", "de Martinique"),
    ("Mayotte", "à Mayotte", "de Mayotte"),
    ("Normandie", "en Normandie", "de Normandie"),
    ("Nouvelle-Aquitaine", "en Nouvelle-Aquitaine", "de Nouvelle-Aquitaine"),
    ("Nouvelle-Calédonie", "en Nouvelle-Calédonie", "de Nouvelle-Calédonie"),
    ("Occitanie", "en Occitanie", "d'Occitanie"),
    ("Pays de la Loire", "dans les Pays de la Loire", "des Pays de la Loire"),
    ("Polynésie française", "en Polynésie française", "de Polynésie française"),
    ("Provence-Alpes-Côte d'Azur", "en Provence-Alpes-Côte d'Azur", "de Provence-Alpes-Côte d'Azur"),
    ("Saint-Barthélemy", "à Saint-Barthélemy", "de Saint-Barthélemy"),
    ("Saint-Martin", "à Saint-Martin", "de Saint-Martin"),
    ("Saint-Pierre-et-Miquelon", "à Saint-Pierre-et-Miquelon", "de Saint-Pierre-et-Miquelon"),
    (
        "Terres australes et antarctiques françaises",
        "dans les Terres australes et antarctiques françaises",
        "des Terres australes et antarctiques françaises",
    ),
    ("Wallis et Futuna", "à Wallis et Futuna", "de Wallis et Futuna"),
    ("Île de Clipperton", "sur l'île de Clipperton", "de l'île de Clipperton"),
    ("Île-de-France", "en Île-de-France", "d'Île-de-France"),
]


def _cog_names(kind: str) -> set[str]:
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as handle:
        return {row[1] for row in json.load(handle)[kind]}


def test_the_lists_are_the_cog_lists():
    """Every département (101, plus the overseas collectivities the file carries) and région."""
    assert {name for name, _in, _of in DEPARTEMENTS} == set(KNOWN_DEPARTEMENTS)
    assert {name for name, _in, _of in REGIONS} == set(KNOWN_REGIONS)
    assert set(KNOWN_REGIONS) == _cog_names("regions")
    assert set(KNOWN_DEPARTEMENTS) == _cog_names("departements") - set(KNOWN_REGIONS) | {
        "Guadeloupe",
        "Martinique",
        "Guyane",
        "La Réunion",
        "Mayotte",
    }


@pytest.mark.parametrize(("name", "inside", "of"), DEPARTEMENTS)
def test_departements(name, inside, of):
    assert in_place(name, "departement") == inside
    assert of_place(name, "departement") == of
    assert in_place(name) == inside or name in KNOWN_REGIONS


@pytest.mark.parametrize(("name", "inside", "of"), REGIONS)
def test_regions(name, inside, of):
    assert in_place(name, "region") == inside
    assert of_place(name, "region") == of


@pytest.mark.parametrize(
    ("name", "inside", "of"),
    [
        ("Paris", "à Paris", "de Paris"),
        ("Montpellier", "à Montpellier", "de Montpellier"),
        ("Arles", "à Arles", "d'Arles"),
        ("Le Havre", "au Havre", "du Havre"),
        ("Le Mans", "au Mans", "du Mans"),
        ("Les Mureaux", "aux Mureaux", "des Mureaux"),
        ("Les Sables-d'Olonne", "aux Sables-d'Olonne", "des Sables-d'Olonne"),
        ("La Rochelle", "à La Rochelle", "de La Rochelle"),
        ("L'Haÿ-les-Roses", "à L'Haÿ-les-Roses", "de L'Haÿ-les-Roses"),
        ("Hyères", "à Hyères", "d'Hyères"),
        ("Haguenau", "à Haguenau", "de Haguenau"),
        ("Yssingeaux", "à Yssingeaux", "d'Yssingeaux"),
        ("Vienne", "à Vienne", "de Vienne"),
    ],
)
def test_communes(name, inside, of):
    assert in_place(name, "commune") == inside
    assert of_place(name, "commune") == of


@pytest.mark.parametrize(
    ("name", "inside", "of"),
    [
        (
            "CC du Grand Pic Saint-Loup",
            "dans la CC du Grand Pic Saint-Loup",
            "de la CC du Grand Pic Saint-Loup",
        ),
        ("Métropole du Grand Paris", "dans la Métropole du Grand Paris", "de la Métropole du Grand Paris"),
        ("Toulouse Métropole", "sur le territoire de Toulouse Métropole", "de Toulouse Métropole"),
        ("Orléans Métropole", "sur le territoire d'Orléans Métropole", "d'Orléans Métropole"),
    ],
)
def test_intercommunal_bodies(name, inside, of):
    assert in_place(name, "epci") == inside
    assert of_place(name, "epci") == of


@pytest.mark.parametrize(
    ("name", "inside", "of"),
    [
        ("Antilles", "aux Antilles", "des Antilles"),
        ("Les Antilles", "aux Antilles", "des Antilles"),
        ("Hérault", "dans l'Hérault", "de l'Hérault"),
        ("Lozère", "en Lozère", "de la Lozère"),
        ("Gard", "dans le Gard", "du Gard"),
        ("Occitanie", "en Occitanie", "d'Occitanie"),
        ("Lyon", "à Lyon", "de Lyon"),
        ("Le Havre", "au Havre", "du Havre"),
        ("France", "en France", "de France"),
    ],
)
def test_without_level_known_areas_then_towns(name, inside, of):
    assert in_place(name) == inside
    assert of_place(name) == of


def test_france_as_the_national_level():
    assert in_place("France", "national") == "en France"
    assert of_place("France", "national") == "de France"


def test_empty_names_give_empty_text():
    assert in_place("", "commune") == ""
    assert in_place(None) == ""
    assert of_place("  ") == ""
    assert of_name(None) == ""


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Alter'Incub", "d'Alter'Incub"),
        ("Inter-Made", "d'Inter-Made"),
        ("Écossolies", "d'Écossolies"),
        ("URSCOP Occitanie", "d'URSCOP Occitanie"),
        ("Ô Tiers-Lieu", "d'Ô Tiers-Lieu"),
        ("Antropia", "d'Antropia"),
        ("La Fabrique à Initiatives", "de La Fabrique à Initiatives"),
        ("REPLIC", "de REPLIC"),
        ("Honfleur", "d'Honfleur"),
        ("Hauts-de-France Active", "de Hauts-de-France Active"),
        ("  Antropia ", "d'Antropia"),
    ],
)
def test_of_name_elides_only(name, expected):
    assert of_name(name) == expected


def test_vowel_sound():
    assert starts_with_vowel_sound("île") is True
    assert starts_with_vowel_sound("Œuvre") is True
    assert starts_with_vowel_sound("Yonne") is True
    assert starts_with_vowel_sound("Hérault") is True
    assert starts_with_vowel_sound("Haute-Loire") is False
    assert starts_with_vowel_sound("") is False


def test_english_is_plain():
    with translation.override("en"):
        assert in_place("Hérault", "departement") == "in Hérault"
        assert of_place("Le Havre", "commune") == "of Le Havre"
        assert of_name("Alter'Incub") == "of Alter'Incub"


# --- Numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, 0, "0"),
        (999, 0, "999"),
        (1000, 0, f"1{NNBSP}000"),
        (12500.5, 2, f"12{NNBSP}500,50"),
        (Decimal("1234567.891"), 2, f"1{NNBSP}234{NNBSP}567,89"),
        (-5000000000, 0, f"-5{NNBSP}000{NNBSP}000{NNBSP}000"),
        (2.5, 0, "3"),
        (Decimal("0.125"), 2, "0,13"),
        ("42", 0, "42"),
    ],
)
def test_format_number_in_french(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_format_number_in_english():
    with translation.override("en"):
        assert format_number(12500.5, 2) == "12,500.50"


@pytest.mark.parametrize("value", [None, "", "pas un nombre", float("nan"), True])
def test_format_number_never_fails(value):
    expected = "" if value in (None, "") else str(value)
    assert format_number(value) == expected
    assert format_amount(value) == expected


def test_format_amount():
    assert format_amount(Decimal("12500.50")) == f"12{NNBSP}500,50{NBSP}€"
    assert format_amount(12500) == f"12{NNBSP}500{NBSP}€"
    assert format_amount(Decimal("12500.00")) == f"12{NNBSP}500{NBSP}€"
    assert format_amount(7, decimals=2) == f"7,00{NBSP}€"
    with translation.override("en"):
        assert format_amount(Decimal("12500.5")) == "€12,500.50"
        assert format_amount(3, currency="CHF") == "3 CHF"


def test_format_percent():
    assert format_percent(53) == f"53{NNBSP}%"
    assert format_percent(Decimal("46.04"), 1) == f"46,0{NNBSP}%"
    with translation.override("en"):
        assert format_percent(53) == "53%"


# --- Plurals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, f"0{NBSP}dispositif"),
        (1, f"1{NBSP}dispositif"),
        (2, f"2{NBSP}dispositifs"),
        (12500, f"12{NNBSP}500{NBSP}dispositifs"),
    ],
)
def test_count_words_uses_the_french_rule(count, expected):
    assert count_words(count, "dispositif", "dispositifs") == expected


def test_french_singular_up_to_two_and_english_rule_in_english():
    assert plural_form("heure", "heures", Decimal("1.5")) == "heure"
    assert count_words(Decimal("1.5"), "heure", "heures", decimals=1) == f"1,5{NBSP}heure"
    with translation.override("en"):
        assert plural_form("programme", "programmes", 0) == "programmes"
        assert plural_form("programme", "programmes", 1) == "programme"
