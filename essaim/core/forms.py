"""Form fields shared by every form: dates within a plausible range."""

from __future__ import annotations

from django import forms

from essaim.core.dates import validate_plausible


class PlausibleDateField(forms.DateField):
    """A DateField that refuses years like 1 or 9999 with a French message."""

    default_validators = [validate_plausible]


class PlausibleDateTimeField(forms.DateTimeField):
    default_validators = [validate_plausible]
