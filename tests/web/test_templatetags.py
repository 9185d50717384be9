import pytest
from django.template import Context, Template
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
