"""Forms of the replication pages. They validate input; the services do the writes."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from essaim.core.forms import LongTextField
from essaim.directory.enums import LifeStage
from essaim.replication import content as kit_content
from essaim.replication.enums import Section
from essaim.replication.services import NAME_MAX, NOTE_MAX, TERMS_MAX
from essaim.territories import resolver
from essaim.web.place_fields import CommunePlaceField, PlaceField

LIST_HELP = {
    Section.FINANCING_PLAN: _("Une ligne par poste : « Poste : montant en euros »."),
    Section.PIPELINE: _("Une ligne par étape : « Étape : livrable ; livrable »."),
    Section.PARTNERS: _("Une ligne par partenaire : « Rôle : partenaire »."),
    Section.INDICATORS: _("Une ligne par indicateur : « Indicateur : cible »."),
    Section.DOCUMENTS: _("Une ligne par document : « Titre : adresse https://… »."),
}
LIST_LENGTH = kit_content.LINES_MAX * (kit_content.LINE_MAX + 1)


class TerritoryField(PlaceField):
    """One territory of any level, cleaned to its "level:code" reference."""

    levels = resolver.ZONES

    def prepare_value(self, value):
        if isinstance(value, str) and ":" in value:
            return resolver.label_of(*resolver.split_ref(value))
        return value

    def clean(self, value):
        text = forms.CharField.clean(self, value)
        if not text:
            return ""
        result = resolver.resolve(text, levels=self.levels)
        if result.place is None:
            raise ValidationError(result.error, code="place")
        return result.place.ref


class KitForm(forms.Form):
    name = forms.CharField(label=_("Nom du modèle"), max_length=NAME_MAX)
    need_terms = forms.CharField(
        label=_("Mots du besoin"),
        max_length=TERMS_MAX,
        required=False,
        help_text=_(
            "Séparés par des virgules ; ils font reconnaître le besoin dans le registre d'un territoire."
        ),
    )
    life_stages = forms.MultipleChoiceField(
        label=_("Étapes de vie servies"),
        choices=LifeStage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in Section:
            if section in kit_content.TEXT_SECTIONS:
                field = LongTextField(label=section.label, max_length=kit_content.TEXT_MAX, required=False)
            else:
                field = LongTextField(
                    label=section.label,
                    max_length=LIST_LENGTH,
                    required=False,
                    help_text=LIST_HELP[section],
                    rows=4,
                )
            self.fields[section.value] = field

    def texts(self) -> dict[str, str]:
        return {s.value: self.cleaned_data.get(s.value, "") for s in Section}

    @classmethod
    def initial_for(cls, kit, content: dict) -> dict:
        return {
            "name": kit.name,
            "need_terms": kit.need_terms,
            "life_stages": kit.life_stages,
            **kit_content.texts(content),
        }


class NewKitForm(KitForm):
    subject = forms.ChoiceField(label=_("Projet ou dispositif modèle"))

    field_order = ["subject", "name"]

    def __init__(self, *args, projects, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.projects = {str(p.pk): p for p in projects}
        self.programmes = {str(p.pk): p for p in programmes}
        self.fields["subject"].choices = [
            (_t("Projets"), [(f"project:{pk}", str(p)) for pk, p in self.projects.items()]),
            (_t("Dispositifs"), [(f"programme:{pk}", str(p)) for pk, p in self.programmes.items()]),
        ]

    def subject_kwargs(self) -> dict:
        kind, _sep, pk = self.cleaned_data["subject"].partition(":")
        if kind == "project":
            return {"project": self.projects[pk]}
        return {"programme": self.programmes[pk]}


class EditKitForm(KitForm):
    note = forms.CharField(label=_("Ce qui change"), max_length=NOTE_MAX, required=False)


class ProjectCopyForm(forms.Form):
    name = forms.CharField(label=_("Nom du projet"), max_length=NAME_MAX)
    commune = CommunePlaceField(label=_("Commune"), required=True)
    programme = forms.ModelChoiceField(label=_("Dispositif qui l'accompagnera"), queryset=None)
    parent = forms.ModelChoiceField(
        label=_("Copié depuis"), queryset=None, required=False, empty_label=_("Le modèle lui-même")
    )

    def __init__(self, *args, programmes, replicas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["parent"].queryset = replicas


class ProgrammeCopyForm(forms.Form):
    name = forms.CharField(label=_("Nom du nouveau dispositif"), max_length=NAME_MAX)
    territory = TerritoryField(label=_("Territoire"), required=True)
    organisation = forms.ModelChoiceField(label=_("Organisation qui le portera"), queryset=None)
    parent = forms.ModelChoiceField(
        label=_("Copié depuis"), queryset=None, required=False, empty_label=_("Le modèle lui-même")
    )

    def __init__(self, *args, organisations, replicas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["parent"].queryset = replicas


class TerritoryForm(forms.Form):
    territoire = TerritoryField(label=_("Territoire"), required=True)
