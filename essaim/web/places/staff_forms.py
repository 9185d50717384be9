"""Forms of the staff pages of shared places: resources with their opening hours and booking
rules, members, entitlements, domiciliations and their mail. They read input; the services check
the rules and write (`add_service_errors` puts a service's refusal on the right field)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.accounts.models import User
from essaim.core.forms import PlausibleDateField
from essaim.places.models import (
    MAX_CAPACITY,
    MAX_DAYS_AHEAD,
    BookingPolicy,
    EntitlementKind,
    MailKind,
    MembershipKind,
    ResourceKind,
    Weekday,
)
from essaim.web.events.forms import add_service_errors  # noqa: F401  (one helper for both areas)
from essaim.web.places.forms import TIME_WIDGET

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_HOURS = 744


def _date(label, required=True):
    return PlausibleDateField(label=label, required=required, widget=DATE_WIDGET)


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=ResourceKind.choices)
    name = forms.CharField(label=_("Nom"), max_length=120)
    description = forms.CharField(label=_("Description (facultative)"), max_length=500, required=False)
    capacity = forms.IntegerField(label=_("Capacité (personnes)"), min_value=1, max_value=MAX_CAPACITY)
    policy = forms.ChoiceField(label=_("Qui peut réserver"), choices=BookingPolicy.choices)
    max_duration_minutes = forms.IntegerField(
        label=_("Durée maximale d'une réservation (minutes)"), min_value=15, max_value=24 * 60
    )
    max_days_ahead = forms.IntegerField(
        label=_("Réservable jusqu'à (jours à l'avance)"), min_value=1, max_value=MAX_DAYS_AHEAD
    )
    is_active = forms.BooleanField(label=_("Réservable"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day, label in Weekday.choices:
            self.fields[f"opens_{day}"] = forms.TimeField(
                label=_("%(day)s : ouverture") % {"day": str(label).capitalize()},
                required=False,
                widget=TIME_WIDGET,
            )
            self.fields[f"closes_{day}"] = forms.TimeField(
                label=_("%(day)s : fermeture") % {"day": str(label).capitalize()},
                required=False,
                widget=TIME_WIDGET,
                help_text=_("Laissez vide un jour de fermeture.") if day == 6 else "",
            )

    @classmethod
    def initial_for(cls, resource) -> dict:
        initial = {name: getattr(resource, name) for name in ("kind", "name", "description", "capacity")}
        initial.update(
            policy=resource.policy,
            max_duration_minutes=resource.max_duration_minutes,
            max_days_ahead=resource.max_days_ahead,
            is_active=resource.is_active,
        )
        for hours in resource.hours.all():
            initial[f"opens_{hours.weekday}"] = hours.opens_at
            initial[f"closes_{hours.weekday}"] = hours.closes_at
        return initial

    def clean(self):
        data = super().clean()
        for day, _label in Weekday.choices:
            opens, closes = data.get(f"opens_{day}"), data.get(f"closes_{day}")
            if (opens is None) != (closes is None):
                self.add_error(
                    f"closes_{day}", _("Indiquez l'ouverture et la fermeture, ou aucune des deux.")
                )
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            k: data[k]
            for k in (
                "kind",
                "name",
                "description",
                "capacity",
                "policy",
                "max_duration_minutes",
                "max_days_ahead",
            )
        }
        fields["hours"] = {
            day: (data[f"opens_{day}"], data[f"closes_{day}"])
            for day, _label in Weekday.choices
            if data.get(f"opens_{day}") is not None
        }
        return fields


class MembershipForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail de la personne (son compte Essaim)"))
    kind = forms.ChoiceField(label=_("Statut"), choices=MembershipKind.choices)
    allowance_hours = forms.IntegerField(
        label=_("Crédit mensuel de salles (heures)"),
        min_value=0,
        max_value=MAX_HOURS,
        required=False,
        help_text=_("Laissez vide : pas de plafond."),
    )
    starts_on = _date(_("Depuis le"))
    ends_on = _date(_("Jusqu'au (facultatif)"), required=False)

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Aucun compte actif ne porte cette adresse."))
        self.cleaned_data["user"] = user
        return email

    def service_fields(self) -> dict:
        data = self.cleaned_data
        hours = data.get("allowance_hours")
        return {
            "user": data["user"],
            "kind": data["kind"],
            "monthly_allowance_minutes": None if hours is None else hours * 60,
            "starts_on": data["starts_on"],
            "ends_on": data.get("ends_on"),
        }


class EntitlementForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Projet accompagné"), queryset=None)
    kind = forms.ChoiceField(label=_("Droit"), choices=EntitlementKind.choices, widget=forms.RadioSelect)
    resource = forms.ModelChoiceField(label=_("Poste (pour un poste)"), queryset=None, required=False)
    hours = forms.IntegerField(
        label=_("Heures de salles par mois (pour un crédit)"),
        min_value=1,
        max_value=MAX_HOURS,
        required=False,
    )
    starts_on = _date(_("Depuis le"))
    ends_on = _date(_("Jusqu'au (facultatif)"), required=False)

    def __init__(self, *args, projects, desks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["resource"].queryset = desks

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "project": data["project"],
            "kind": data["kind"],
            "resource": data.get("resource"),
            "monthly_minutes": data["hours"] * 60 if data.get("hours") else None,
            "starts_on": data["starts_on"],
            "ends_on": data.get("ends_on"),
        }


class DomiciliationForm(forms.Form):
    name = forms.CharField(label=_("Dénomination de l'entreprise"), max_length=200)
    siret = forms.CharField(label=_("SIRET (14 chiffres)"), max_length=20)
    starts_on = _date(_("Début du contrat"))
    ends_on = _date(_("Échéance du contrat (facultative)"), required=False)
    project = forms.ModelChoiceField(label=_("Projet accompagné (facultatif)"), queryset=None, required=False)

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects


class MailForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type de courrier"), choices=MailKind.choices)
    sender = forms.CharField(label=_("Expéditeur (facultatif)"), max_length=200, required=False)
    received_on = _date(_("Reçu le"))
