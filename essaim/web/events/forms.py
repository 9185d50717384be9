"""Forms of the events pages. They validate input; the services do the writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.core.errors import ValidationError
from essaim.core.forms import PlausibleDateTimeField
from essaim.events.models import MAX_CAPACITY, MAX_COMMENT, MAX_DESCRIPTION, Audience, EventKind, PlaceKind
from essaim.web.place_fields import CommunePlaceField

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
SCORES = [(str(n), str(n)) for n in range(1, 6)]


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Attach a service's ValidationError to the form's fields, or to the form when unknown."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _datetime(label, required=True):
    return PlausibleDateTimeField(label=label, required=required, widget=DATETIME_WIDGET)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=EventKind.choices)
    title = forms.CharField(label=_("Titre"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    place_kind = forms.ChoiceField(label=_("Lieu"), choices=PlaceKind.choices, widget=forms.RadioSelect)
    address = forms.CharField(label=_("Adresse (sur place)"), required=False, max_length=300)
    commune = CommunePlaceField(label=_("Commune (sur place)"))
    online_url = forms.URLField(
        label=_("Lien de connexion (en ligne)"), required=False, max_length=500, assume_scheme="https"
    )
    capacity = forms.IntegerField(label=_("Nombre de places"), min_value=1, max_value=MAX_CAPACITY)
    audience = forms.ChoiceField(label=_("Public"), choices=Audience.choices)
    registration_opens_at = _datetime(_("Ouverture des inscriptions (facultatif)"), required=False)
    registration_closes_at = _datetime(
        _("Clôture des inscriptions (facultatif : le début de l'événement)"), False
    )

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if owners is not None:  # creation: the owner and the first session
            self.owners = {f"{kind}:{obj.pk}": obj for kind, obj in owners}
            choices = [(key, str(obj)) for key, obj in self.owners.items()]
            self.fields = {
                "owner": forms.ChoiceField(label=_("Organisé par"), choices=choices),
                **self.fields,
                "starts_at": _datetime(_("Début de la première séance")),
                "ends_at": _datetime(_("Fin de la première séance")),
            }

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        owner = data.pop("owner", None)
        if owner is not None:
            kind = owner.partition(":")[0]
            data[kind] = self.owners[owner]
        return data


class SessionForm(forms.Form):
    starts_at = _datetime(_("Début"))
    ends_at = _datetime(_("Fin"))


class TransitionForm(forms.Form):
    action = forms.CharField(max_length=40)
    comment = forms.CharField(required=False, max_length=2000)


class PublicRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Nom et prénom"), max_length=200)
    email = forms.EmailField(label=_("Adresse électronique"), max_length=254)


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Êtes-vous satisfait(e) de l'événement ? (1 : pas du tout, 5 : tout à fait)"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    usefulness = forms.TypedChoiceField(
        label=_("L'événement vous a-t-il été utile pour votre projet ? (1 : pas du tout, 5 : tout à fait)"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Un commentaire (facultatif)"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AttendanceForm(forms.Form):
    session = forms.IntegerField(min_value=1)
    present = forms.BooleanField(required=False)
