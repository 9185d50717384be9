"""Forms of the contact-request inbox: filter, assign, move, turn into a project."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from essaim.accompaniment.enums import ProjectModel
from essaim.directory.enums import LifeStage, Need
from essaim.orientation.models import ContactState
from essaim.orientation.services import CARRIER_NOTE_MAX
from essaim.web.workspace.forms import ProjectForm

COMMENT_MAX = 2000
SUMMARY_MAX = 6000


class InboxFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("État"), choices=[("", _("Toutes"))] + list(ContactState.choices), required=False
    )


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(
        label=_("Suivie par"), queryset=None, required=False, empty_label=_("Personne pour l'instant")
    )

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers
        self.fields["handler"].label_from_instance = lambda user: user.full_name or user.email


class MoveForm(forms.Form):
    comment = forms.CharField(
        label=_("Motif (interne, lu par votre équipe seulement)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    carrier_note = forms.CharField(
        label=_("Message pour le porteur (facultatif, il le lira dans son espace)"),
        required=False,
        max_length=CARRIER_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TurnIntoProjectForm(ProjectForm):
    """The project a request becomes, pre-filled from it (`initial_for`)."""

    programme = forms.ModelChoiceField(label=_("Dispositif"), queryset=None, empty_label=None)
    life_stage = forms.ChoiceField(
        label=_("Étape de vie du projet"),
        choices=[("", _("Première étape du parcours"))] + list(LifeStage.choices),
        required=False,
    )
    carrier_note = MoveForm.base_fields["carrier_note"]

    field_order = ["programme", "name", "model", "life_stage", "commune", "summary", "social_need", "sector"]

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        summary = self.fields["summary"]
        summary.validators.append(MaxLengthValidator(SUMMARY_MAX))
        summary.widget.attrs.update(rows=8, maxlength=SUMMARY_MAX)

    @staticmethod
    def initial_for(contact_request, programmes) -> dict:
        programme = contact_request.programme
        if programme is None or programme not in programmes:
            programme = programmes[0] if programmes else None
        summary = [contact_request.message]
        if contact_request.needs:
            needs = ", ".join(str(Need(n).label) for n in contact_request.needs)
            summary.append(_t("Besoins exprimés : %(needs)s") % {"needs": needs})
        return {
            "programme": programme,
            "name": _t("Projet de %(name)s") % {"name": contact_request.name},
            "model": ProjectModel.GENERATOR
            if programme and programme.model == "generator"
            else ProjectModel.CARRIER,
            "life_stage": contact_request.stage,
            "commune": contact_request.commune,
            "summary": "\n\n".join(summary),
            "carrier_emails": contact_request.email,
        }

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["carriers"] = data.pop("carrier_emails")
        return data
