"""Shared form fields: date inputs carry the plausible range, text areas show their limit."""

from django import forms

from essaim.core.dates import latest
from essaim.core.forms import LongTextField, PlausibleDateField, PlausibleDateTimeField


class _Form(forms.Form):
    day = PlausibleDateField(widget=forms.DateInput(attrs={"type": "date"}))
    at = PlausibleDateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    past = PlausibleDateField(widget=forms.DateInput(attrs={"type": "date", "max": "2026-01-01"}))
    typed = PlausibleDateField()
    notes = LongTextField(max_length=5000, required=False)


def test_date_inputs_carry_min_and_max_read_at_rendering():
    form = _Form()
    last = latest().isoformat()
    assert f'min="1900-01-01" max="{last}"' in str(form["day"])
    assert f'min="1900-01-01T00:00" max="{last}T23:59"' in str(form["at"])


def test_a_widget_narrower_bound_wins_and_text_inputs_get_none():
    form = _Form()
    html = str(form["past"])
    assert 'max="2026-01-01"' in html
    assert f'max="{latest().isoformat()}"' not in html
    assert "max=" not in str(form["typed"])


def test_long_text_shows_its_limit():
    form = _Form()
    assert form.fields["notes"].help_text == "5000 caractères au plus."
    assert 'maxlength="5000"' in str(form["notes"])


def test_a_date_past_the_bound_is_refused():
    day = latest().replace(day=1).replace(year=latest().year + 1).isoformat()
    form = _Form(data={"day": day, "at": "2024-01-01T10:00", "past": "2024-01-01", "typed": "2024-01-01"})
    assert form.is_valid() is False
    assert list(form.errors) == ["day"]
