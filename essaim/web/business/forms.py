"""Forms of the business pages. They validate input; the services do the writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.business.enums import (
    AmountBand,
    BuyerKind,
    DeclineReason,
    LabelKind,
    RequestKind,
    Reserved,
    Sector,
)
from essaim.business.models import EMPLOYEES_MAX, SupplierOffer
from essaim.core import bounds
from essaim.core.forms import LongTextField, PhoneField, PlausibleDateField
from essaim.directory.models import Ecosystem
from essaim.territories import resolver
from essaim.web.place_fields import CommunePlaceField, PlaceField, ZonesField

CHECKBOXES = forms.CheckboxSelectMultiple


class ZonePlaceField(PlaceField):
    """One territory of any level, cleaned to its (level, code) key."""

    levels = resolver.ZONES

    def clean(self, value):
        text = forms.CharField.clean(self, value)
        if not text:
            return None
        result = resolver.resolve(text, levels=self.levels)
        if result.place is None:
            raise forms.ValidationError(result.error, code="place")
        return result.place.key


class SearchForm(forms.Form):
    sector = forms.ChoiceField(
        label=_("Secteur"), choices=[("", _("Tous les secteurs")), *Sector.choices], required=False
    )
    place = ZonePlaceField(
        label=_("Territoire à servir"),
        help_text=_("Commune, département, région : par exemple Montpellier ou Hérault."),
    )
    label = forms.ChoiceField(label=_("Label"), choices=[("", _("Tous")), *LabelKind.choices], required=False)


class OfferForm(forms.Form):
    summary = forms.CharField(label=_("Ce que nous proposons, en une phrase"), max_length=300)
    description = LongTextField(label=_("Description"), required=False, rows=4)
    sectors = forms.MultipleChoiceField(label=_("Secteurs"), choices=Sector.choices, widget=CHECKBOXES)
    zones = ZonesField(label=_("Territoires servis"), required=True)
    neighbours = forms.BooleanField(label=_("Nous servons aussi les départements voisins"), required=False)
    capacity_band = forms.ChoiceField(
        label=_("Montant le plus élevé que nous pouvons prendre"), choices=AmountBand.choices
    )
    employees = forms.IntegerField(label=_("Salariés"), required=False, min_value=0, max_value=EMPLOYEES_MAX)
    references = LongTextField(label=_("Références (clients, réalisations)"), required=False, rows=3)
    contact_name = forms.CharField(label=_("Nom du contact"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Courriel du contact"), required=False)
    contact_phone = PhoneField(label=_("Téléphone du contact"), required=False)
    is_published = forms.BooleanField(label=_("Visible des acheteurs"), required=False, initial=True)

    @classmethod
    def initial_of(cls, offer: SupplierOffer) -> dict:
        initial = {name: getattr(offer, name) for name in cls.base_fields if name != "zones"}
        initial["zones"] = [f"{z.level}:{z.code}" for z in offer.zones.all()]
        return initial


class NewOfferForm(OfferForm):
    organisation = forms.ModelChoiceField(label=_("Entreprise"), queryset=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.order_fields(["organisation"])


class LabelForm(forms.Form):
    kind = forms.ChoiceField(label=_("Label"), choices=LabelKind.choices)
    reference = forms.CharField(
        label=_("Référence (numéro d'agrément, registre)"), max_length=120, required=False
    )


class BuyerForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    kind = forms.ChoiceField(label=_("Type d'acheteur"), choices=BuyerKind.choices)
    annual_purchases = forms.DecimalField(
        label=_("Achats annuels (€ HT, facultatif)"),
        required=False,
        min_value=bounds.AMOUNT_MIN,
        max_value=bounds.AMOUNT_MAX,
        decimal_places=2,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class RequestForm(forms.Form):
    buyer = forms.ModelChoiceField(label=_("Acheteur"), queryset=None)
    kind = forms.ChoiceField(label=_("Type de demande"), choices=RequestKind.choices)
    title = forms.CharField(label=_("Objet"), max_length=200)
    description = LongTextField(label=_("Description du besoin"), rows=5)
    sectors = forms.MultipleChoiceField(label=_("Secteurs"), choices=Sector.choices, widget=CHECKBOXES)
    amount_band = forms.ChoiceField(label=_("Montant estimé (HT)"), choices=AmountBand.choices)
    commune = CommunePlaceField(label=_("Lieu de livraison"), required=True)
    deadline = PlausibleDateField(label=_("Date limite de réponse"))
    labels_wanted = forms.MultipleChoiceField(
        label=_("Labels demandés"), choices=LabelKind.choices, widget=CHECKBOXES, required=False
    )
    reserved = forms.ChoiceField(
        label=_("Marché réservé (acheteurs publics)"), choices=Reserved.choices, required=False
    )
    insertion_hours = forms.IntegerField(
        label=_("Clause d'insertion : heures (acheteurs publics)"),
        required=False,
        min_value=1,
        max_value=1_000_000,
    )
    ecosystem = forms.ModelChoiceField(
        label=_("Modération"),
        queryset=Ecosystem.objects.filter(leader__isnull=False).order_by("name"),
        required=False,
        empty_label=_("L'équipe de la plateforme"),
    )

    def __init__(self, *args, buyers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = buyers

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("buyer")
        return data


class TransitionForm(forms.Form):
    action = forms.CharField(max_length=20)
    comment = forms.CharField(max_length=bounds.COMMENT, required=False)


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("Pourquoi ?"), choices=DeclineReason.choices)
    comment = forms.CharField(label=_("Précision (facultatif)"), max_length=bounds.COMMENT, required=False)


class ResponseForm(forms.Form):
    message = LongTextField(label=_("Notre réponse"), rows=6)
    amount = forms.DecimalField(
        label=_("Montant proposé (€ HT, facultatif)"),
        required=False,
        min_value=bounds.AMOUNT_MIN,
        max_value=bounds.AMOUNT_MAX,
        decimal_places=2,
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Co-traitants (réponse à plusieurs)"),
        queryset=None,
        required=False,
        help_text=_(
            "D'autres fournisseurs de la plateforme qui répondent avec vous ; vous êtes le mandataire."
        ),
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = partners


class DealForm(forms.Form):
    made = forms.TypedChoiceField(
        label=_("Une affaire a-t-elle été conclue ?"),
        choices=[("1", _("Oui")), ("0", _("Non"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    response = forms.ModelChoiceField(label=_("Avec quelle réponse ?"), queryset=None, required=False)
    amount = forms.DecimalField(
        label=_("Montant (€ HT)"),
        required=False,
        min_value=bounds.AMOUNT_MIN,
        max_value=bounds.AMOUNT_MAX,
        decimal_places=2,
    )

    def __init__(self, *args, responses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response"].queryset = responses
        self.fields["response"].label_from_instance = lambda r: str(r.lead)


class FiguresForm(forms.Form):
    by = forms.ChoiceField(label=_("Regrouper par"), required=False)

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["by"].choices = list(groups.items())
