"""Forms of the funding round and of outcomes: values are checked again by the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.core.forms import PlausibleDateField
from essaim.directory.enums import LegalForm
from essaim.evidence.enums import BudgetSource, IndicatorKind, IntegrationKind, RevenueBand
from essaim.evidence.models import Indicator, ProgrammeIndicator
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
    requested_on = PlausibleDateField(
        label=_("Demandée le"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nouveau statut"), choices=ResourceStatus.choices)
    on = PlausibleDateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class EnterpriseForm(forms.Form):
    name = forms.CharField(label=_("Dénomination"), max_length=200)
    legal_form = forms.ChoiceField(label=_("Forme juridique"), choices=LegalForm.choices)
    siret = forms.CharField(label=_("SIRET"), max_length=20, required=False, help_text=_("14 chiffres"))
    integration_kind = forms.ChoiceField(
        label=_("Structure d'insertion"), choices=IntegrationKind.choices, required=False
    )
    revenue_band = forms.ChoiceField(
        label=_("Tranche de chiffre d'affaires"), choices=[("", "—"), *RevenueBand.choices], required=False
    )


class MeasurementForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicateur"), queryset=Indicator.objects.none())
    measured_on = PlausibleDateField(
        label=_("Date de la mesure"), widget=forms.DateInput(attrs={"type": "date"})
    )
    value = forms.CharField(label=_("Valeur (indicateur chiffré)"), max_length=30, required=False)
    answer = forms.CharField(
        label=_("Réponse (question évaluative)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(
            pk__in=ProgrammeIndicator.objects.filter(programme=programme).values("indicator_id")
        ).order_by("name")


class FollowForm(forms.Form):
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicateurs suivis"),
        queryset=Indicator.objects.order_by("kind", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class TargetForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicateur chiffré"), queryset=Indicator.objects.none())
    value = forms.CharField(label=_("Cible"), max_length=30, help_text=_("ex. 12 ou 12,5"))
    due_on = PlausibleDateField(
        label=_("Échéance"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Date attendue au format JJ/MM/AAAA.")},
    )

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(
            pk__in=ProgrammeIndicator.objects.filter(programme=programme).values("indicator_id"),
            kind=IndicatorKind.QUANTITATIVE,
        ).order_by("name")
        self.fields["indicator"].error_messages["invalid_choice"] = _(
            "Choisissez un indicateur chiffré suivi par le dispositif."
        )


class BudgetForm(forms.Form):
    year = forms.CharField(label=_("Année"), max_length=12, help_text=_("ex. 2024"))
    amount = forms.CharField(label=_("Budget de l'année (€)"), max_length=30, help_text=_("ex. 250 000"))


class BudgetLineForm(forms.Form):
    year = forms.CharField(label=_("Année"), max_length=12, help_text=_("ex. 2024"))
    source = forms.ChoiceField(label=_("Source"), choices=BudgetSource.choices)
    amount = forms.CharField(label=_("Montant de l'année (€)"), max_length=30, help_text=_("ex. 80 000"))
