"""Forms of the registry pages. They read input; the services check the rules and write."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.core import bounds
from essaim.core.forms import LongTextField, PlausibleDateField
from essaim.registry.enums import EssBasis
from essaim.registry.services import STAFF_BASES
from essaim.registry.workflows import CONFLICT
from essaim.territories import resolver

FIRST_YEAR = 1973  # SIRENE's history starts in the 1970s


class ResolveForm(forms.Form):
    transition = forms.ChoiceField(
        label=_("Décision"), choices=[(t.name, t.label) for t in CONFLICT.transitions.values()]
    )
    note = LongTextField(label=_("Remarque (facultative)"), required=False, max_length=bounds.COMMENT, rows=2)


class EssForm(forms.Form):
    basis = forms.ChoiceField(label=_("Fondement"), choices=[(b, EssBasis(b).label) for b in STAFF_BASES])
    is_ess = forms.TypedChoiceField(
        label=_("Relève de l'ESS"),
        choices=[("oui", _("Oui")), ("non", _("Non"))],
        coerce=lambda v: v == "oui",
    )
    reference = forms.CharField(
        label=_("Référence, par exemple le numéro d'agrément (facultative)"), required=False, max_length=120
    )
    as_of = PlausibleDateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def service_fields(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("basis", "is_ess", "reference", "as_of")}


class BaselineForm(forms.Form):
    territoire = forms.ChoiceField(label=_("Territoire"))

    def __init__(self, *args, territories: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["territoire"].choices = [
            (f"{lv}:{code}", resolver.label_of(lv, code)) for lv, code in territories
        ]
        self.fields["debut"] = forms.IntegerField(
            label=_("Créations à partir de"), min_value=FIRST_YEAR, max_value=this_year
        )
        self.fields["fin"] = forms.IntegerField(
            label=_("jusqu'à (incluse)"), min_value=FIRST_YEAR, max_value=this_year
        )

    def clean(self):
        data = super().clean()
        if data.get("debut") and data.get("fin") and data["debut"] > data["fin"]:
            self.add_error("fin", _("L'année de fin doit suivre l'année de début."))
        return data

    def query(self) -> dict:
        level, code = self.cleaned_data["territoire"].split(":", 1)
        return {
            "level": level,
            "code": code,
            "start_year": self.cleaned_data["debut"],
            "end_year": self.cleaned_data["fin"],
        }
