"""essaim.core.fields: FlagsField, a set of enumeration values in one integer column."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from essaim.core.fields import FlagSet, FlagsField
from essaim.directory.enums import LifeStage
from essaim.directory.models import Programme

E, C, K, D = "emergence", "creation", "consolidation", "developpement"


@pytest.fixture
def field():
    return FlagsField(choices_enum=LifeStage)


def test_one_bit_per_member_in_declaration_order(field):
    assert field.members == [E, C, K, D]
    assert [field.bit(v) for v in field.members] == [1, 2, 4, 8]
    assert field.mask([D, E]) == 9
    assert field.mask([C, C]) == 2
    assert field.mask([]) == 0


def test_an_unknown_value_is_a_french_error(field):
    with pytest.raises(ValidationError) as exc:
        field.mask([E, "amorcage"])
    assert exc.value.code == "invalid_choice"
    assert exc.value.messages == ["Valeur inconnue : amorcage"]


def test_decode_gives_a_flag_set_in_declaration_order(field):
    decoded = field.decode(13)
    assert isinstance(decoded, FlagSet)
    assert decoded == (E, K, D)
    assert field.decode(0) == ()
    assert field.decode(16) == ()  # a bit beyond the enumeration is ignored


def test_from_db_value(field):
    assert field.from_db_value(None, None, None) == ()
    assert field.from_db_value(6, None, None) == (C, K)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, ()), ("", ()), (3, (E, C)), (C, (C,)), ([D, E, D], (E, D)), ({K}, (K,))],
)
def test_to_python(field, value, expected):
    assert field.to_python(value) == expected
    assert isinstance(field.to_python(value), FlagSet)


def test_to_python_refuses_unknown_values(field):
    with pytest.raises(ValidationError):
        field.to_python([E, "?"])


@pytest.mark.parametrize(("value", "expected"), [(None, 0), (5, 5), (D, 8), ([E, D], 9), ((), 0)])
def test_get_prep_value(field, value, expected):
    assert field.get_prep_value(value) == expected


def test_value_to_string():
    programme = Programme(stages=[E, K])
    assert Programme._meta.get_field("stages").value_to_string(programme) == "emergence,consolidation"


def test_validate_only_refuses_an_empty_set_when_the_field_is_required(field):
    field.validate((E,), None)
    with pytest.raises(ValidationError) as exc:
        field.validate((), None)
    assert exc.value.code == "blank"
    FlagsField(choices_enum=LifeStage, blank=True).validate((), None)
    assert field.run_validators(10**30) is None  # no integer bounds


def test_deconstruct_keeps_the_enumeration_and_drops_the_default():
    name, path, args, kwargs = FlagsField(choices_enum=LifeStage, blank=True).deconstruct()
    assert path == "essaim.core.fields.FlagsField"
    assert kwargs == {"choices_enum": LifeStage, "blank": True}
    assert FlagsField(choices_enum=LifeStage).default == 0


def test_formfield_is_a_set_of_checkboxes():
    formfield = Programme._meta.get_field("stages").formfield()
    assert isinstance(formfield, forms.TypedMultipleChoiceField)
    assert isinstance(formfield.widget, forms.CheckboxSelectMultiple)
    assert formfield.required is False
    assert str(formfield.label) == "étapes de vie couvertes"
    assert [(value, str(label)) for value, label in formfield.choices] == [
        (E, "Émergence"),
        (C, "Création"),
        (K, "Consolidation"),
        (D, "Développement"),
    ]
    assert FlagsField(choices_enum=LifeStage).formfield().required is True
