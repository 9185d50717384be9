"""The breakdowns of a report (by cohort, programme, territory, model): which column each one
groups on, in the facts tables, and how a group is named."""

from __future__ import annotations

from django.core.cache import cache
from django.utils.translation import gettext as _

from essaim.accompaniment.enums import ProjectModel
from essaim.evidence.scopes import Scope, ScopeError
from essaim.territories.models import Commune, Departement

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


PARENTS_CACHE_SECONDS = 3600


def territory_parents(scope: Scope) -> list[tuple[Scope, str]]:
    """The territories whose breakdown by territory shows `scope` as a cell, with the cell's key:
    France for a région, its région for a département, the départements an EPCI lies in, its
    EPCI for a commune (its département, cell "", for a commune outside any EPCI)."""
    if scope.kind != "territory" or scope.level == "national":
        return []
    key = f"essaim:evidence:parents:{scope.ref}"
    found = cache.get(key)
    if found is None:
        found = _parents(scope.level, scope.code)
        cache.set(key, found, timeout=PARENTS_CACHE_SECONDS)
    return [(Scope("territory", "", level=level, code=code), cell) for level, code, cell in found]


def _parents(level: str, code: str) -> list[tuple[str, str, str]]:
    if level == "region":
        return [("national", "FR", code)]
    if level == "departement":
        region = Departement.objects.filter(code=code).values_list("region_id", flat=True).first()
        return [("region", region, code)] if region else []
    if level == "epci":
        codes = Commune.objects.filter(epci_id=code).values_list("departement_id", flat=True).distinct()
        return [("departement", d, code) for d in sorted(codes)]
    commune = Commune.objects.filter(code=code).values("epci_id", "departement_id").first()
    if commune is None:
        return []
    if commune["epci_id"]:
        return [("epci", commune["epci_id"], code)]
    return [("departement", commune["departement_id"], "")]
