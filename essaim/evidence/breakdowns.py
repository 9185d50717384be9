"""The breakdowns of a report (by cohort, programme, territory, model): which column each one
groups on, in the facts tables, and how a group is named."""

from __future__ import annotations

from django.utils.translation import gettext as _

from essaim.accompaniment.enums import ProjectModel
from essaim.evidence.scopes import Scope, ScopeError

BREAKDOWNS = ("cohort", "programme", "territory", "model")


def check_by(by: str | None) -> None:
    if by not in (None, "", *BREAKDOWNS):
        raise ScopeError(
            _("Ventilation attendue : %(names)s.") % {"names": ", ".join(BREAKDOWNS)}, field="by"
        )


def territory_group(scope: Scope) -> str:
    """The level below the scope's territory (régions for France, … communes for an EPCI)."""
    below = {"national": "region", "region": "departement", "departement": "epci", "epci": "commune"}
    return below.get(scope.level, "region") if scope.kind == "territory" else "region"


def fact_group(scope: Scope, by: str | None, *, names: bool = True) -> str | None:
    """The ProjectFact column of a breakdown (the programme's name for labels, else its id)."""
    if not by:
        return None
    programme = "programme__name" if names else "programme_id"
    return {
        "cohort": "cohort",
        "programme": programme,
        "model": "model",
        "territory": territory_group(scope),
    }[by]


def stage_group(scope: Scope, by: str | None) -> str | None:
    """The StageFact column a breakdown groups on (région, département, cohort need no join)."""
    if not by:
        return None
    if by == "territory":
        level = territory_group(scope)
        return level if level in ("region", "departement") else f"fact__{level}"
    return {"cohort": "cohort", "programme": "programme_id", "model": "model"}[by]


def label_for(by: str | None, key) -> str:
    if not by:
        return _("Ensemble")
    if by == "model":
        return str(dict(ProjectModel.choices).get(key, key))
    if key in ("", None):
        return _("Non renseigné")
    return str(key)
