"""{% load french %} (essaim/web/templatetags/french.py): the filters of French grammar and numbers."""

import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

NNBSP = "\u202f"
NBSP = "\u00a0"


def render(source: str, **context) -> str:
    return Template("{% load french %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("source", "context", "expected"),
    [
        ("{{ n|in_place:lv }}", {"n": "Hérault", "lv": "departement"}, "dans l&#x27;Hérault"),
        ("{{ n|in_place:lv }}", {"n": "Lozère", "lv": "departement"}, "en Lozère"),
        ("{{ n|in_place:lv }}", {"n": "Le Havre", "lv": "commune"}, "au Havre"),
        ("{{ n|in_place }}", {"n": "Antilles"}, "aux Antilles"),
        ("{{ n|in_place:'' }}", {"n": "Paris"}, "à Paris"),
        ("{{ n|of_place:'departement' }}", {"n": "Gard"}, "du Gard"),
        ("{{ n|of_name }}", {"n": "Alter'Incub"}, "d&#x27;Alter&#x27;Incub"),
        ("{{ n|of_name }}", {"n": "<b>Inter</b>"}, "de &lt;b&gt;Inter&lt;/b&gt;"),
        ("{{ n|of_name }}", {"n": None}, ""),
        ("{{ n|number }}", {"n": 12500}, f"12{NNBSP}500"),
        ("{{ n|number:2 }}", {"n": 12500.5}, f"12{NNBSP}500,50"),
        ("{{ n|amount }}", {"n": Decimal("12500.50")}, f"12{NNBSP}500,50{NBSP}€"),
        ("{{ n|amount:2 }}", {"n": 7}, f"7,00{NBSP}€"),
        ("{{ n|amount }}", {"n": None}, ""),
        ("{{ n|percent }}", {"n": 70}, f"70{NNBSP}%"),
    ],
)
def test_filters_in_french(source, context, expected):
    assert render(source, **context) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, f"0{NBSP}dispositif"), (1, f"1{NBSP}dispositif"), (2, f"2{NBSP}dispositifs")],
)
def test_counted_with_a_translatable_pair(count, expected):
    assert render('{{ n|counted:_("dispositif/dispositifs") }}', n=count) == expected
    assert render('{{ n|counted:"dispositif|dispositifs" }}', n=count) == expected


def test_makemessages_extracts_every_counted_pair_whole():
    """makemessages cuts a {{ … }} tag at each "|", even inside quotes: a pair written "a|b"
    there would reach the catalogue as a broken message and never be translated."""
    from pathlib import Path

    from django.utils.translation.template import templatize

    broken = []
    for path in sorted(Path("essaim").rglob("templates/**/*.html")):
        source = path.read_text()
        if "counted:_(" not in source:
            continue
        extracted = templatize(source)
        for pair in re.findall(r'counted:_\("([^"]*)"\)', source):
            if f"_('{pair}')" not in extracted and f'_("{pair}")' not in extracted:
                broken.append((str(path), pair))
    assert broken == []


def test_counted_with_one_form_repeats_it():
    assert render('{{ n|counted:"fois" }}', n=3) == f"3{NBSP}fois"


def test_filters_in_english():
    with translation.override("en"):
        assert render("{{ n|in_place:'departement' }}", n="Hérault") == "in Hérault"
        assert render("{{ n|amount }}", n=Decimal("12500.5")) == "€12,500.50"
        assert render('{{ n|counted:"programme|programmes" }}', n=0) == f"0{NBSP}programmes"


def test_filters_of_nothing():
    assert render("{{ n|in_place:'departement' }}", n=None) == ""
    assert render("{{ n|of_place }}", n=None) == ""
    assert render("{{ n|number:'' }}", n=1234) == f"1{NNBSP}234"
    assert render("{{ n|amount:'' }}", n=Decimal("7")) == f"7{NBSP}€"
    assert render("{{ n|percent:1 }}", n=Decimal("53.25")) == f"53,3{NNBSP}%"
