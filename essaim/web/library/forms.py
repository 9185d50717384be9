"""Forms of the practice library: the public filters, a resource's writing, a reuse's way and stage."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.core.forms import LongTextField
from essaim.directory.enums import ESS_KINDS, LifeStage, Need
from essaim.library.enums import Facet, Licence, ResourceKind, ReuseMode
from essaim.library.models import ITEM_MAX, ITEMS_MAX, STAGE_NAME_MAX, SUMMARY_MAX, TITLE_MAX
from essaim.library.selectors import tag_values

KINDS = [(k.value, k.label) for k in ESS_KINDS]
ALL = [("", _("Tous"))]


class FilterForm(forms.Form):
    stage = forms.ChoiceField(label=_("Étape de vie"), required=False, choices=ALL + LifeStage.choices)
    kind = forms.ChoiceField(label=_("Type de dispositif"), required=False, choices=ALL + KINDS)
    need = forms.ChoiceField(label=_("Besoin"), required=False, choices=ALL + Need.choices)
    resource_kind = forms.ChoiceField(
        label=_("Type de ressource"), required=False, choices=ALL + ResourceKind.choices
    )

    def filters(self) -> dict:
        return {name: self.cleaned_data.get(name) or "" for name in self.fields} if self.is_valid() else {}


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type de ressource"), choices=ResourceKind.choices)
    title = forms.CharField(label=_("Titre"), max_length=TITLE_MAX)
    summary = LongTextField(label=_("Résumé"), max_length=SUMMARY_MAX, rows=2)
    body = LongTextField(label=_("Contenu"), required=False, rows=8)
    items = LongTextField(
        label=_("Lignes de la liste de contrôle"),
        required=False,
        max_length=ITEMS_MAX * (ITEM_MAX + 1),
        rows=6,
        help_text=_("Une ligne par livrable, dans l'ordre (listes de contrôle seulement)."),
    )
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices)
    stages = forms.MultipleChoiceField(
        label=_("Étapes de vie"),
        required=False,
        choices=LifeStage.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    kinds = forms.MultipleChoiceField(
        label=_("Types de dispositif"), required=False, choices=KINDS, widget=forms.CheckboxSelectMultiple
    )
    needs = forms.MultipleChoiceField(
        label=_("Besoins"), required=False, choices=Need.choices, widget=forms.CheckboxSelectMultiple
    )

    @classmethod
    def initial_for(cls, resource) -> dict:
        return {
            "kind": resource.kind,
            "title": resource.title,
            "summary": resource.summary,
            "body": resource.body,
            "items": "\n".join(resource.items),
            "licence": resource.licence,
            "stages": tag_values(resource, Facet.STAGE),
            "kinds": tag_values(resource, Facet.KIND),
            "needs": tag_values(resource, Facet.NEED),
        }

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("programme", None)
        data["items"] = data["items"].splitlines()
        return data


class NewResourceForm(ResourceForm):
    field_order = ["programme"]

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"] = forms.ModelChoiceField(label=_("Dispositif auteur"), queryset=programmes)
        self.order_fields(["programme", *self.base_fields])


class ReuseForm(forms.Form):
    """Where the resource goes: its lines added to a stage, or a new stage made of it after a
    stage (the programme's admins only, by accompaniment's rule)."""

    mode = forms.ChoiceField(
        label=_("Comment la reprendre"),
        required=False,
        choices=ReuseMode.choices,
        initial=ReuseMode.CHECKLIST,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, stages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"] = forms.ModelChoiceField(
            label=_("Étape de mon parcours"),
            queryset=stages,
            help_text=_("Celle qui reçoit les lignes, ou celle après laquelle placer la nouvelle étape."),
        )
        self.fields["stage"].label_from_instance = lambda s: (
            f"{s.pipeline.programme.name} — {s.pipeline.name} — {s.name}"
        )
        self.fields["name"] = forms.CharField(
            label=_("Nom de la nouvelle étape"),
            required=False,
            max_length=STAGE_NAME_MAX,
            help_text=_("Nouvelle étape seulement ; par défaut, le titre de la ressource."),
        )

    def clean_mode(self) -> str:
        return self.cleaned_data.get("mode") or ReuseMode.CHECKLIST
