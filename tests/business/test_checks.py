"""essaim.business.checks: the sectors of an offer or a request."""

import pytest

from essaim.business.checks import check_sectors
from essaim.core.errors import ValidationError


def test_known_sectors_come_back_once_each_in_their_order():
    assert check_sectors(["batiment", "nettoyage", "batiment"]) == ["batiment", "nettoyage"]
    assert check_sectors(("restauration",)) == ["restauration"]


@pytest.mark.parametrize("sectors", [None, [], ()])
def test_at_least_one_sector(sectors):
    with pytest.raises(ValidationError) as exc:
        check_sectors(sectors)
    assert exc.value.message_dict == {"sectors": ["Choisissez au moins un secteur."]}


def test_unknown_sectors_are_named_on_the_given_field():
    with pytest.raises(ValidationError) as exc:
        check_sectors(["nettoyage", "peinture", 3, "peinture"], field="wanted")
    assert exc.value.message_dict == {"wanted": ["Secteur inconnu : peinture, 3."]}


def test_the_field_of_the_empty_list_message():
    with pytest.raises(ValidationError) as exc:
        check_sectors([], field="offered")
    assert exc.value.message_dict == {"offered": ["Choisissez au moins un secteur."]}
