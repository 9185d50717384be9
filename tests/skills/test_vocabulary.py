import pytest

from essaim.accompaniment.enums import ExpertDomain
from essaim.skills.vocabulary import EXPERT_DOMAIN_FAMILY, WORDS, SkillFamily, families_in


@pytest.mark.parametrize(
    ("text", "families"),
    [
        ("Gestion de projet, comptabilité et recherche de financements", ["management", "finance"]),
        ("Mécanicien·ne pour un GARAGE solidaire", ["production", "mobility"]),
        ("Encadrant technique d'insertion, atelier de réemploi", ["production", "inclusion", "environment"]),
        ("Aide à domicile, petite enfance", ["care"]),
        ("Rien de particulier", []),
        ("", []),
        ("web et données", ["digital"]),
    ],
)
def test_families_in_texts(text, families):
    assert families_in(text) == families


def test_whole_words_only_where_no_star():
    assert families_in("droitier") == []
    assert families_in("droit du travail") == ["legal"]


def test_every_family_has_words_and_every_expert_domain_a_family():
    assert set(WORDS) == set(SkillFamily)
    assert set(EXPERT_DOMAIN_FAMILY) == set(ExpertDomain.values)
    assert set(EXPERT_DOMAIN_FAMILY.values()) <= set(SkillFamily.values)
