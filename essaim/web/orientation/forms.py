"""Forms of the orientation wizard and of the contact request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.core.forms import LongTextField, PhoneField
from essaim.directory.enums import LifeStage, Need, Public
from essaim.orientation.assessment import QUESTIONS

UNKNOWN_STAGE = "unknown"
YES_NO = [("yes", _("Oui")), ("no", _("Non"))]


class PlaceForm(forms.Form):
    place = forms.CharField(
        label=_("Où se situe votre projet ?"),
        max_length=100,
        help_text=_("Nom de la commune, code postal ou code INSEE — par exemple Montpellier ou 34000."),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2", "spellcheck": "false"}),
    )


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Où en est votre projet ?"),
        choices=[*LifeStage.choices, (UNKNOWN_STAGE, _("Je ne sais pas : aidez-moi à le déterminer"))],
        widget=forms.RadioSelect,
    )


class AssessmentForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.name] = forms.ChoiceField(
                label=question.text, help_text=question.help, choices=YES_NO, widget=forms.RadioSelect
            )

    def answers(self) -> dict[str, bool]:
        return {name: value == "yes" for name, value in self.cleaned_data.items()}


class DetailsForm(forms.Form):
    need = forms.MultipleChoiceField(
        label=_("De quoi avez-vous besoin ? (facultatif)"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    public = forms.ChoiceField(
        label=_("Vous êtes… (facultatif)"),
        choices=[("", _("Je ne précise pas"))]
        + [
            c
            for c in Public.choices
            if c[0]
            in {Public.JOB_SEEKERS, Public.YOUNG_PEOPLE, Public.WOMEN, Public.ESS_WORKERS, Public.CITIZENS}
        ],
        required=False,
    )
    model = forms.ChoiceField(
        label=_("Comment souhaitez-vous entreprendre ?"),
        choices=[
            ("", _("Peu importe")),
            ("carrier", _("Être accompagné pour réaliser ma propre idée")),
            ("generator", _("Rejoindre un projet conçu par un générateur, pour en devenir le dirigeant")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Votre nom"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Votre adresse électronique"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = PhoneField(label=_("Votre téléphone (facultatif)"), required=False)
    message = LongTextField(
        label=_("Votre message"),
        max_length=4000,
        rows=6,
        help_text=_("Présentez votre projet en quelques lignes et ce que vous attendez du dispositif."),
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que mon nom, mes coordonnées et mon message soient transmis à l'équipe de ce "
            "dispositif pour qu'elle me recontacte."
        ),
        error_messages={"required": _("Votre accord est nécessaire pour transmettre votre message.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            described = [f"errors-{name}"] + ([f"help-{name}"] if field.help_text else [])
            field.widget.attrs["aria-describedby"] = " ".join(described)

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"
        return valid


class AlternativesContactForm(ContactForm):
    """The same details, sent once to several programmes (the nearest alternatives)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = _(
            "J'accepte que mon nom, mes coordonnées et mon message soient transmis aux destinataires "
            "listés ci-dessus pour qu'ils me recontactent."
        )
        self.fields["message"].help_text = _(
            "Présentez votre projet en quelques lignes : où vous en êtes et ce que vous cherchez."
        )
