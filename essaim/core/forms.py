"""Form fields shared by every form: dates within a plausible range, telephone numbers, long
texts whose maximum length is shown."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import ngettext_lazy

from essaim.core.dates import validate_plausible
from essaim.core.phones import MAX_LENGTH as PHONE_MAX_LENGTH
from essaim.core.phones import normalise as phone_normalise


class PlausibleDateField(forms.DateField):
    """A DateField that refuses years like 1 or 9999 with a French message."""

    default_validators = [validate_plausible]


class PlausibleDateTimeField(forms.DateTimeField):
    default_validators = [validate_plausible]


class PhoneField(forms.CharField):
    """A telephone number as people type it, cleaned to its stored form (`essaim.core.phones`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", PHONE_MAX_LENGTH * 2)  # "+33 (0)4 67 12 34 56" is typed too
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}))
        super().__init__(**kwargs)

    def clean(self, value):
        return phone_normalise(super().clean(value))


def length_help(max_length: int):
    return ngettext_lazy("%(count)s caractère au plus.", "%(count)s caractères au plus.", "count") % {
        "count": max_length
    }


class LongTextField(forms.CharField):
    """A text area with a maximum length, shown to people (`maxlength` and "N caractères au plus")."""

    def __init__(self, *, max_length: int, rows: int = 3, help_text="", **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        limit = length_help(max_length)
        help_text = format_lazy("{} {}", help_text, limit) if help_text else limit
        super().__init__(max_length=max_length, help_text=help_text, **kwargs)
