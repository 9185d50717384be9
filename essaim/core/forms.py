"""Form fields shared by every form: dates within a plausible range, telephone numbers, long
texts whose maximum length is shown."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import ngettext_lazy

from essaim.core import bounds
from essaim.core.dates import EARLIEST, latest, validate_plausible
from essaim.core.phones import MAX_LENGTH as PHONE_MAX_LENGTH
from essaim.core.phones import normalise as phone_normalise


class _DateBounds(forms.BoundField):
    """Writes the plausible range as the input's `min`/`max`, read at each rendering: the upper
    bound moves with the calendar, a form class declared at start-up would freeze it."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        kind = widget.attrs.get("type", getattr(widget, "input_type", None))
        suffix = {"date": "", "datetime-local": "T00:00"}.get(kind)
        if suffix is None:
            return attrs
        # A widget's own narrower bound (a meeting: up to today) wins over the plausible range.
        if "min" not in widget.attrs:
            attrs.setdefault("min", EARLIEST.isoformat() + suffix)
        if "max" not in widget.attrs:
            attrs.setdefault("max", latest().isoformat() + (suffix and "T23:59"))
        return attrs


class PlausibleDateField(forms.DateField):
    """A DateField that refuses years like 1 or 9999 with a French message (1900 … ten years from
    today, `essaim.core.dates`), and says so to the browser (`min`/`max` of a date input)."""

    default_validators = [validate_plausible]

    def get_bound_field(self, form, field_name):
        return _DateBounds(form, self, field_name)


class PlausibleDateTimeField(forms.DateTimeField):
    default_validators = [validate_plausible]

    def get_bound_field(self, form, field_name):
        return _DateBounds(form, self, field_name)


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
    """A text area with a maximum length, shown to people (`maxlength` and "N caractères au plus").

    Usable as a ModelForm's `field_classes` entry: a model TextField without a length gets the
    shared one (`bounds.LONG_TEXT`)."""

    def __init__(self, *, max_length: int | None = None, rows: int = 3, help_text="", **kwargs):
        max_length = max_length or bounds.LONG_TEXT
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        limit = length_help(max_length)
        help_text = format_lazy("{} {}", help_text, limit) if help_text else limit
        super().__init__(max_length=max_length, help_text=help_text, **kwargs)
