"""Forms of the fair pages. They validate input; the services do the writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.core import bounds
from essaim.fairs.models import MAX_TABLES, FollowUp, Priority, Side
from essaim.web.events.forms import _datetime, add_service_errors

__all__ = [
    "FollowUpForm",
    "MoveForm",
    "ParticipantForm",
    "RequestForm",
    "SlotForm",
    "StaffRequestForm",
    "add_service_errors",
]


class ParticipantForm(forms.Form):
    side = forms.ChoiceField(label=_("Côté"), choices=Side.choices, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Structure"), max_length=200)
    contact_name = forms.CharField(label=_("Personne à contacter"), max_length=200)
    email = forms.EmailField(label=_("Courriel"), max_length=254)


class SlotForm(forms.Form):
    starts_at = _datetime(_("Début"))
    ends_at = _datetime(_("Fin"))
    tables = forms.IntegerField(
        label=_("Tables"),
        min_value=1,
        max_value=MAX_TABLES,
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_TABLES}),
    )


class RequestForm(forms.Form):
    target = forms.TypedChoiceField(label=_("Rencontrer"), coerce=int)
    priority = forms.TypedChoiceField(
        label=_("Priorité"), choices=Priority.choices, coerce=int, initial=Priority.NORMAL
    )

    def __init__(self, *args, counterparts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(p.pk, p.name) for p in counterparts]


class StaffRequestForm(RequestForm):
    requester = forms.TypedChoiceField(label=_("Demandeur"), coerce=int)

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, counterparts=participants, **kwargs)
        self.fields["requester"].choices = [
            (p.pk, f"{p.name} ({p.get_side_display()})") for p in participants
        ]
        self.order_fields(["requester", "target", "priority"])


class MoveForm(forms.Form):
    action = forms.CharField(max_length=40)


class FollowUpForm(forms.Form):
    follow_up = forms.ChoiceField(label=_("Suite donnée"), choices=FollowUp.choices)
    deal_amount = forms.DecimalField(
        label=_("Montant de l'affaire (€)"),
        required=False,
        min_value=bounds.AMOUNT_MIN,
        max_value=bounds.AMOUNT_MAX,
        decimal_places=2,
    )
