"""Forms of the public pages. They render the fields; validation is the selectors' job."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.directory import index as directory_index
from essaim.directory.enums import AccompanimentModel, LifeStage, Need, OfferFamily, ProgrammeKind, Public
from essaim.directory.models import Ecosystem


def _choices(enum, empty_label):
    return [("", empty_label), *enum.choices]


def ecosystem_choices() -> list[tuple[str, str]]:
    """(slug, name) of every ecosystem by name, kept in the directory index's memo so that a warm
    directory page makes no query for it (a new index, at the latest after
    ORIENTATION_INDEX_MAX_AGE, reads them again)."""
    memo = directory_index.get_index().memo
    choices = memo.get("ecosystem-choices")
    if choices is None:
        choices = memo["ecosystem-choices"] = list(
            Ecosystem.objects.order_by("name", "pk").values_list("slug", "name")
        )
    return choices


class DirectoryFilterForm(forms.Form):
    """The directory's GET form. Works without JavaScript; htmx only makes it update in place.

    `place` is free text (a name or a postal code) resolved on the server; `territory` holds a
    `level:code` reference once a place is chosen (from a suggestion or a resolved name).
    """

    place = forms.CharField(
        label=_("Lieu"),
        required=False,
        max_length=100,
        help_text=_("Commune, code postal, intercommunalité, département ou région"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    territory = forms.CharField(required=False, widget=forms.HiddenInput)
    family = forms.ChoiceField(label=_("Famille d'offre"), required=False, choices=())
    stage = forms.ChoiceField(label=_("Étape du projet"), required=False, choices=())
    need = forms.ChoiceField(label=_("Besoin"), required=False, choices=())
    public = forms.ChoiceField(label=_("Public"), required=False, choices=())
    kind = forms.ChoiceField(label=_("Type de dispositif"), required=False, choices=())
    model = forms.ChoiceField(label=_("Modèle d'accompagnement"), required=False, choices=())
    ecosystem = forms.ChoiceField(label=_("Écosystème"), required=False, choices=())
    q = forms.CharField(
        label=_("Mots-clés"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def __init__(self, *args, errors: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family"].choices = _choices(OfferFamily, _("Toutes les familles"))
        self.fields["stage"].choices = _choices(LifeStage, _("Toutes les étapes"))
        self.fields["need"].choices = _choices(Need, _("Tous les besoins"))
        self.fields["public"].choices = _choices(Public, _("Tous les publics"))
        self.fields["kind"].choices = _choices(ProgrammeKind, _("Tous les types"))
        self.fields["model"].choices = _choices(AccompanimentModel, _("Tous les modèles"))
        self.fields["ecosystem"].choices = [("", _("Tous les écosystèmes")), *ecosystem_choices()]
        # Errors come from parse_filters (and the place resolution), keyed by field name.
        self.filter_errors = errors or {}
        for name in self.filter_errors:
            field_name = "place" if name == "territory" else name
            if field_name in self.fields:
                widget = self.fields[field_name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"errors-{field_name}"

    @property
    def place_error(self) -> str:
        return self.error_for("place")

    def error_for(self, name: str) -> str:
        if name == "place":
            return self.filter_errors.get("place") or self.filter_errors.get("territory", "")
        return self.filter_errors.get(name, "")

    def errors_by_field(self) -> list[tuple[str, str]]:
        """(field name, message or "") for every visible field, for out-of-band updates."""
        return [(name, self.error_for(name)) for name in self.fields if name != "territory"]
