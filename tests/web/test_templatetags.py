import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from essaim.web.templatetags.essaim_tags import label, labels


def test_labels_follow_the_enum_order_and_skip_unknown_values():
    assert labels(("creation", "emergence", "inconnu"), "stage") == ["Émergence", "Création"]
    assert labels("financing", "need") == ["Financement"]
    assert labels(None, "public") == []


def test_label_of_a_level_and_of_an_unknown_value():
    assert label("departement", "level") == "Département"
    assert label("planete", "level") == "planete"


def test_labels_are_translated():
    with translation.override("en"):
        assert labels(("emergence",), "stage") == ["Emergence"]
        assert label("commune", "level") == "Municipality"


@pytest.mark.parametrize(
    ("query", "changes", "expected"),
    [
        ("stage=creation&page=2", "page=3", "page=3&amp;stage=creation"),
        ("stage=creation&page=2", "page=None", "stage=creation"),
        ("", 'q="a b"', "q=a+b"),
    ],
)
def test_query_with(query, changes, expected):
    request = RequestFactory().get(f"/annuaire/?{query}")
    template = Template("{% load essaim_tags %}{% query_with " + changes + " %}")
    assert template.render(Context({"request": request})) == expected


def test_siret_is_grouped_and_the_fictitious_range_marked():
    rendered = Template("{% load essaim_tags %}{{ a|siret }}|{{ b|siret }}|{{ c|siret }}").render(
        Context({"a": "00001234500012", "b": "73282932000074", "c": None})
    )
    assert rendered == "000 012 345 00012 (fictif)|732 829 320 00074|—"


@pytest.mark.parametrize("demo", [True, False])
def test_report_pages_say_their_figures_are_demo_ones_on_a_demo_site(settings, demo):
    settings.DEMO = demo
    rendered = render_to_string("reports/_demo_notice.html")
    assert ("Chiffres de démonstration" in rendered) is demo
