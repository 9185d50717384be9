"""Forms of the peer circles and of the register of pooled resources (docs/peers.md)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.core import bounds
from essaim.core.forms import LongTextField, PlausibleDateField
from essaim.peers.models import BODY_MAX, CIRCLE_NAME_MAX, TITLE_MAX, TOPIC_MAX, PooledKind
from essaim.web.peers.forms import board_choices, board_key


def _person(user) -> str:
    return user.full_name or user.email


class CircleForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Dispositif"), queryset=None)
    name = forms.CharField(label=_("Nom du cercle"), max_length=CIRCLE_NAME_MAX)
    purpose = LongTextField(label=_("Objet"), required=False, max_length=bounds.COMMENT, rows=3)

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class MemberForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Ajouter un membre"), queryset=None)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = candidates
        self.fields["member"].label_from_instance = _person


class MeetingForm(forms.Form):
    date = PlausibleDateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    duration_minutes = forms.IntegerField(
        label=_("Durée (minutes)"), min_value=1, max_value=bounds.MINUTES_PER_DAY
    )
    topic = forms.CharField(label=_("Sujet"), max_length=TOPIC_MAX)
    attendees = forms.ModelMultipleChoiceField(
        label=_("Membres venus"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members
        self.fields["attendees"].label_from_instance = _person


class PooledForm(forms.Form):
    register = forms.ChoiceField(label=_("Lieu ou écosystème"))
    kind = forms.ChoiceField(label=_("Type"), choices=PooledKind.choices)
    title = forms.CharField(label=_("Intitulé"), max_length=TITLE_MAX)
    description = LongTextField(label=_("Description"), max_length=BODY_MAX, rows=4)

    def __init__(self, *args, registers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.registers = {board_key(r): r for r in registers}
        self.fields["register"].choices = board_choices(registers)

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["register"] = self.registers[data["register"]]
        return data
