"""Validation of orientation and coverage input (query strings, command options).

Errors are keyed by parameter name with a French message, for a 400 body, a form error
or a command error; an ambiguous place also carries its `choices`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from essaim.directory.enums import AccompanimentModel, LifeStage, Need, Public
from essaim.directory.index import ecosystem_member_ids
from essaim.directory.models import Ecosystem
from essaim.orientation.index import Preferences
from essaim.orientation.places import PlaceContext, PlaceError, resolve_place
from essaim.territories import resolver

MODEL_CHOICES = [AccompanimentModel.CARRIER.value, AccompanimentModel.GENERATOR.value]


@dataclass
class OrientationQuery:
    context: PlaceContext | None = None
    stage: str | None = None
    needs: list[str] = field(default_factory=list)
    preferences: Preferences = field(default_factory=Preferences)
    errors: dict[str, str] = field(default_factory=dict)
    choices: list[dict] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors and self.context is not None


def _unknown(value: str, choices) -> str:
    return _("Valeur inconnue « %(value)s ». Valeurs possibles : %(choices)s") % {
        "value": value[:50],
        "choices": ", ".join(choices),
    }


def _getlist(params, name: str) -> list[str]:
    if hasattr(params, "getlist"):
        return params.getlist(name)
    value = params.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def parse_orientation(params) -> OrientationQuery:
    """`place`, `stage`, `need` (repeatable), `public`, `model`, `ecosystem` (a slug: its member
    programmes only) from a QueryDict or a dict."""
    query = OrientationQuery()
    try:
        query.context = resolve_place(params.get("place") or "")
    except PlaceError as exc:
        query.errors["place"] = exc.message
        query.choices = exc.choices
    stage = (params.get("stage") or "").strip()
    if stage:
        if stage in LifeStage.values:
            query.stage = stage
        else:
            query.errors["stage"] = _unknown(stage, LifeStage.values)
    needs = []
    for raw in _getlist(params, "need"):
        for value in str(raw).split(","):
            value = value.strip()
            if not value:
                continue
            if value not in Need.values:
                query.errors["need"] = _unknown(value, Need.values)
            elif value not in needs:
                needs.append(value)
    query.needs = needs
    public = (params.get("public") or "").strip()
    if public and public not in Public.values:
        query.errors["public"] = _unknown(public, Public.values)
        public = ""
    model = (params.get("model") or "").strip()
    if model and model not in MODEL_CHOICES:
        query.errors["model"] = _unknown(model, MODEL_CHOICES)
        model = ""
    ecosystem, members = (params.get("ecosystem") or "").strip()[:80], None
    if ecosystem:
        if Ecosystem.objects.filter(slug=ecosystem).exists():
            members = frozenset(ecosystem_member_ids(ecosystem))
        else:
            query.errors["ecosystem"] = _("Écosystème inconnu « %(value)s ».") % {"value": ecosystem}
            ecosystem = ""
    query.preferences = Preferences(
        model=model or None, public=public or None, ecosystem=ecosystem or None, members=members
    )
    return query


def parse_territory(ref: str) -> tuple[str, str]:
    """`"departement:34"`, or what a person types ("Hérault", "34", "Occitanie", "34000")
    → ("departement", "34"), through the place resolver.

    Raises ValueError with a French message (an ambiguous name lists its candidates).
    """
    found = resolver.resolve(ref, levels=resolver.ZONES)
    if found.place is None:
        if found.ambiguous:
            raise ValueError(f"{found.error} ({', '.join(c.label for c in found.choices[:5])})")
        raise ValueError(found.error)
    return found.place.key
