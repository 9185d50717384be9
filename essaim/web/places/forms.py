"""Forms of the shared places pages. They read input; the services check the rules and write."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.core.forms import PlausibleDateField
from essaim.places.models import MAX_NOTE, MAX_OCCURRENCES

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class BookingForm(forms.Form):
    day = PlausibleDateField(
        label=_("Jour"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start = forms.TimeField(label=_("De"), widget=TIME_WIDGET)
    end = forms.TimeField(label=_("À"), widget=TIME_WIDGET)
    weeks = forms.IntegerField(
        label=_("Nombre de semaines"),
        min_value=1,
        max_value=MAX_OCCURRENCES,
        initial=1,
        help_text=_("1 pour une seule fois ; jusqu'à 52 pour la même heure chaque semaine."),
    )
    note = forms.CharField(label=_("Objet (facultatif)"), required=False, max_length=MAX_NOTE)

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "starts_at": timezone.make_aware(dt.datetime.combine(data["day"], data["start"])),
            "ends_at": timezone.make_aware(dt.datetime.combine(data["day"], data["end"])),
            "weeks": data["weeks"],
            "note": data["note"],
        }
