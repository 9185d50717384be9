"""Form fields for places, as a person types them, resolved by `territories.resolver`.

A field shows a stored place as a label that resolves back to it ("Saint-Martin (Gers)",
"Hérault (département)"); a bound form shows what was typed, and an unknown or ambiguous place
is a field error naming the candidates ("Commune inconnue : « xyz ». Vouliez-vous dire … ?").
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from essaim.territories import resolver
from essaim.territories.models import Commune, Epci
from essaim.territories.placelists import resolve_many

CHOICES_SHOWN = 6


def _error(result: resolver.Resolution) -> str:
    if result.ambiguous:
        names = get_text_list([c.label for c in result.choices[:CHOICES_SHOWN]], _("ou"))
        return f"{result.error} " + _("Par exemple : %(names)s.") % {"names": names}
    return result.error


class PlaceField(forms.CharField):
    """One place; cleans to the model instance of its level (`model`), or None when empty."""

    levels: tuple[str, ...] = resolver.COMMUNE_ONLY
    model = Commune

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", resolver.MAX_LENGTH)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, self.model):
            return resolver.label_of(self.levels[0], value.pk)
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        result = resolver.resolve(text, levels=self.levels)
        if result.place is None:
            raise ValidationError(_error(result), code="place")
        return self.model.objects.filter(pk=result.place.code).first()


class CommunePlaceField(PlaceField):
    default_help_text = gettext_lazy(
        "Nom, code postal ou code INSEE, par exemple Montpellier, 34000 ou Saint-Martin (Gers)."
    )

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", self.default_help_text)
        super().__init__(**kwargs)


class EpciPlaceField(PlaceField):
    levels = (resolver.EPCI,)
    model = Epci

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", gettext_lazy("Nom ou SIREN de l'intercommunalité."))
        super().__init__(**kwargs)


class ZonesField(forms.CharField):
    """Several territories separated by commas: communes, EPCI, départements, régions, France.

    Cleans to a list of `level:code` references; shows stored references as labels.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            gettext_lazy("Séparés par des virgules, par exemple : Lozère, Occitanie, Montpellier (Hérault)."),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(resolver.label_of(*resolver.split_ref(ref)) for ref in value)
        return value

    def clean(self, value):
        text = super().clean(value)
        refs, errors = resolve_many(text or "", levels=resolver.ZONES)
        if errors:
            raise ValidationError(errors, code="place")
        return refs
