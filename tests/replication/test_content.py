import pytest

from essaim.core.errors import ValidationError
from essaim.replication import content
from tests.replication.factories import TEXTS


def test_parse_reads_one_item_per_line():
    c = content.parse(TEXTS)
    assert c["financing_plan"] == [
        {"label": "Outillage", "amount": "30000.00"},
        {"label": "Subvention région", "amount": "20000.00"},
    ]
    assert c["pipeline"][0] == {
        "key": "diagnostic-du-territoire",
        "name": "Diagnostic du territoire",
        "checklist": ["étude de marché", "partenaires rencontrés"],
    }
    assert c["documents"] == [{"title": "Guide de l'essaimage", "url": "https://example.org/guide.pdf"}]
    assert c["need"] == TEXTS["need"]


def test_texts_round_trip_and_checksum_is_stable():
    c = content.parse(TEXTS)
    assert content.parse(content.texts(c)) == c
    assert content.checksum(c) == content.checksum(content.parse(content.texts(c)))
    assert len(content.checksum(c)) == 64
    other = content.parse({**TEXTS, "lessons": "Autre chose."})
    assert content.checksum(other) != content.checksum(c)


@pytest.mark.parametrize(
    ("section", "text"),
    [
        ("financing_plan", "Outillage : beaucoup"),
        ("financing_plan", "Outillage : -5"),
        ("financing_plan", "Outillage : 1000000000000"),
        ("documents", "Guide : ftp://example.org/x"),
        ("pipeline", "Étape : a\nÉtape : b"),
        ("lessons", "x" * 5001),
        ("partners", "\n".join(f"R{i} : p" for i in range(51))),
    ],
)
def test_parse_refuses_bad_lines_by_section(section, text):
    with pytest.raises(ValidationError) as exc:
        content.parse({**TEXTS, section: text})
    assert list(exc.value.error_dict) == [section]


def test_drift_lists_added_and_removed_lines_by_section():
    taken = content.parse(TEXTS)
    current = content.parse({**TEXTS, "partners": "Financeur : région\nCollectivité : agglomération"})
    drift = content.drift(taken, current)
    assert [(d.section, d.added, d.removed) for d in drift] == [
        ("partners", ("Collectivité : agglomération",), ("Orienteur : France Travail",))
    ]
    assert drift[0].label == "Rôles des partenaires"
    assert content.drift(taken, taken) == []


def test_drift_of_a_reordering_shows_both_orders():
    taken = content.parse(TEXTS)
    current = content.parse({**TEXTS, "partners": "Orienteur : France Travail\nFinanceur : région"})
    [d] = content.drift(taken, current)
    assert d.added == ("Orienteur : France Travail", "Financeur : région")
