"""Forms of the funding round: amounts are read by the financing services (French numbers)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.financing.enums import Instrument, NeedKind, ResourceStatus
from essaim.financing.models import Funder


class NeedForm(forms.Form):
    kind = forms.ChoiceField(label=_("Nature du besoin"), choices=NeedKind.choices)
    label = forms.CharField(label=_("Précision"), max_length=200, required=False)
    amount = forms.CharField(label=_("Montant (€)"), max_length=30, help_text=_("ex. 12 500,50"))


class ResourceForm(forms.Form):
    instrument = forms.ChoiceField(label=_("Outil"), choices=Instrument.choices)
    funder = forms.ModelChoiceField(
        label=_("Financeur"),
        queryset=Funder.objects.filter(is_synthetic=False).order_by("name"),
        required=False,
    )
    amount = forms.CharField(label=_("Montant (€)"), max_length=30, help_text=_("ex. 12 500,50"))
    status = forms.ChoiceField(
        label=_("Statut"), choices=ResourceStatus.choices, initial=ResourceStatus.PLANNED
    )
    requested_on = forms.DateField(
        label=_("Demandée le"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nouveau statut"), choices=ResourceStatus.choices)
    on = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
