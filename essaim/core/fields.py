"""A set of enumeration values stored as a bit mask in one integer column.

Multi-valued vocabularies of the study (life stages, needs, publics, activities) are
small and closed: a bit mask keeps them in the row, filterable with one indexed-free but
cheap bitwise test on SQLite and PostgreSQL alike, with no join and no extra query.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class FlagSet(tuple):
    """An ordered tuple of enum values (in the enum's declaration order)."""


class FlagsField(models.BigIntegerField):
    description = _("Ensemble de valeurs d'une énumération")

    def __init__(self, *args, choices_enum=None, **kwargs):
        self.choices_enum = choices_enum
        kwargs.setdefault("default", 0)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices_enum"] = self.choices_enum
        if kwargs.get("default") == 0:
            kwargs.pop("default")
        return name, path, args, kwargs

    # -- conversion -------------------------------------------------------------
    @property
    def members(self) -> list[str]:
        return [member.value for member in self.choices_enum]

    def bit(self, value: str) -> int:
        try:
            return 1 << self.members.index(value)
        except ValueError as exc:
            raise ValidationError(
                _("Valeur inconnue : %(value)s"), code="invalid_choice", params={"value": value}
            ) from exc

    def mask(self, values: Iterable[str]) -> int:
        result = 0
        for value in values:
            result |= self.bit(value)
        return result

    def decode(self, mask: int) -> FlagSet:
        return FlagSet(v for i, v in enumerate(self.members) if mask & (1 << i))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return FlagSet()
        return self.decode(value)

    def to_python(self, value):
        if value is None or value == "":
            return FlagSet()
        if isinstance(value, int):
            return self.decode(value)
        if isinstance(value, str):
            value = [value]
        values = list(value)
        self.mask(values)  # validates
        return FlagSet(v for v in self.members if v in values)

    def get_prep_value(self, value):
        if value is None:
            return 0
        if isinstance(value, int):
            return value
        if isinstance(value, str):
            value = [value]
        return self.mask(value)

    def value_to_string(self, obj):
        return ",".join(self.value_from_object(obj))

    def validate(self, value, model_instance):
        # Choices are checked by mask(); the integer bounds of the parent do not apply.
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def run_validators(self, value):
        return None

    def formfield(self, **kwargs):
        from django import forms

        return forms.TypedMultipleChoiceField(
            choices=self.choices_enum.choices,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )
