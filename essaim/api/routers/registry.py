"""The business registry (docs/registry.md): the conflicts between what a programme declares and
what SIRENE says, for the staff of the programme, settled through the same service as the web;
a followed enterprise's registry status and ESS bases with their source and date; the baseline
survival of a territory's establishments (public registry data, small groups hidden).

Reads go through `essaim.registry.selectors` (another programme's enterprise or conflict is a
404), writes through `essaim.registry.services`.
"""

import datetime as dt

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema
from pydantic import ConfigDict

from essaim.api.auth import required_auth
from essaim.api.errors import not_found, unprocessable
from essaim.api.routers import params
from essaim.api.schemas.common import ERRORS
from essaim.api.schemas.types import ID_MAX, Body, one_of, text
from essaim.core import bounds
from essaim.core.errors import PermissionDenied
from essaim.registry import rules, selectors, services, survival
from essaim.registry.models import Conflict
from essaim.registry.workflows import CONFLICT

router = Router(tags=["registre des entreprises"], auth=required_auth)

FIRST_YEAR = 1973
MAX_CONFLICTS = 500


class ConflictOut(Schema):
    id: int
    enterprise_id: int
    enterprise_name: str
    kind: str
    kind_label: str
    declared: str
    declared_label: str
    registry: str
    registry_label: str
    registry_closed_on: dt.date | None
    source: str
    registry_as_of: dt.date
    state: str
    state_label: str
    note: str
    resolved_at: dt.datetime | None
    moves: list[str]


class ResolveIn(Body):
    transition: one_of(
        CONFLICT.transitions, gettext_lazy("Décision inconnue : accept_registry ou keep_declared.")
    )
    note: text(max_length=bounds.COMMENT) = ""


class EstablishmentOut(Schema):
    siret: str
    state: str
    created_on: dt.date | None
    closed_on: dt.date | None
    commune: str
    source: str
    as_of: dt.date


class EssOut(Schema):
    basis: str
    basis_label: str
    is_ess: bool
    source: str
    reference: str
    as_of: dt.date


class EnterpriseOut(Schema):
    id: int
    name: str
    siret: str | None
    establishment: EstablishmentOut | None
    ess: list[EssOut]
    conflicts: list[ConflictOut]


class RegistryPointOut(Schema):
    months: float
    estimate: float
    lower: float
    upper: float
    at_risk: int


class BaselineOut(Schema):
    level: str
    code: str
    start_year: int
    end_year: int
    n: int | None
    suppressed: bool
    as_of: dt.date | None
    points: list[RegistryPointOut]


class BaselineQuery(Schema):
    model_config = ConfigDict(json_schema_extra=params.required("territory", "start", "end"))

    territory: params.required_text("commune:<code INSEE> ou departement:<code>, ex. commune:69384.")
    start: params.documented(
        {"type": "integer", "minimum": FIRST_YEAR, "description": "Première année de création."}
    )
    end: params.documented(
        {"type": "integer", "minimum": FIRST_YEAR, "description": "Dernière année de création (incluse)."}
    )


def _year(value: str | None, errors: dict, name: str) -> int | None:
    if value is None or not value.strip().isdigit():
        errors[name] = _("Une année est attendue (AAAA).")
        return None
    year = int(value)
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        errors[name] = _("Une année de %(first)s à l'année en cours est attendue.") % {"first": FIRST_YEAR}
        return None
    return year


def _conflict(conflict: Conflict, user) -> dict:
    declared, registry = selectors.conflict_words(conflict)
    return {
        "id": conflict.pk,
        "enterprise_id": conflict.enterprise_id,
        "enterprise_name": conflict.enterprise.name,
        "kind": conflict.kind,
        "kind_label": conflict.get_kind_display(),
        "declared": conflict.declared,
        "declared_label": declared,
        "registry": conflict.registry,
        "registry_label": registry,
        "registry_closed_on": conflict.registry_closed_on,
        "source": conflict.source,
        "registry_as_of": conflict.registry_as_of,
        "state": conflict.state,
        "state_label": conflict.get_state_display(),
        "note": conflict.note,
        "resolved_at": conflict.resolved_at,
        "moves": [t.name for t in CONFLICT.available(conflict, user)],
    }


def _fetch(fetch, user, pk: int, message: str):
    if not 1 <= pk <= ID_MAX:
        raise not_found(message)
    try:
        return fetch(user, pk)
    except Http404 as exc:
        raise not_found(str(exc)) from None


@router.get(
    "/conflicts", response={200: list[ConflictOut], **ERRORS}, url_name="registry-conflicts", summary="Écarts"
)
def conflict_list(request, open_only: bool = False):
    """Les écarts entre déclarations et registre des entreprises de vos dispositifs, les plus récents d'abord."""
    conflicts = selectors.conflicts_for(request.user)
    if open_only:
        conflicts = conflicts.open()
    return [_conflict(c, request.user) for c in conflicts[:MAX_CONFLICTS]]


@router.post(
    "/conflicts/{conflict_id}/resolve",
    response={200: ConflictOut, **ERRORS},
    url_name="registry-conflict-resolve",
    summary="Trancher un écart",
)
def conflict_resolve(request, conflict_id: int, payload: ResolveIn):
    """Dire qui a raison : le registre (`accept_registry`) ou la déclaration (`keep_declared`)."""
    conflict = _fetch(selectors.conflict_for, request.user, conflict_id, _("Écart introuvable."))
    done = services.conflict_resolve(
        by=request.user, conflict=conflict, transition=payload.transition, note=payload.note
    )
    return _conflict(done, request.user)


@router.get(
    "/enterprises/{enterprise_id}",
    response={200: EnterpriseOut, **ERRORS},
    url_name="registry-enterprise",
    summary="Une entreprise au registre",
)
def enterprise_detail(request, enterprise_id: int):
    """Statut au registre (source et date), fondements ESS, écarts d'une entreprise suivie."""
    enterprise = _fetch(selectors.enterprise_for, request.user, enterprise_id, _("Entreprise introuvable."))
    registry = selectors.registry_of(enterprise)
    e = registry["establishment"]
    return {
        "id": enterprise.pk,
        "name": enterprise.name,
        "siret": enterprise.siret,
        "establishment": None
        if e is None
        else {
            f: getattr(e, f)
            for f in ("siret", "state", "created_on", "closed_on", "commune", "source", "as_of")
        },
        "ess": [
            {
                **{f: getattr(s, f) for f in ("basis", "is_ess", "source", "reference", "as_of")},
                "basis_label": s.get_basis_display(),
            }
            for s in registry["ess"]
        ],
        "conflicts": [_conflict(c, request.user) for c in registry["conflicts"]],
    }


@router.get(
    "/baseline",
    response={200: BaselineOut, **ERRORS},
    url_name="registry-baseline",
    summary="Survie de référence",
)
def baseline(request, query: Query[BaselineQuery]):
    """Survie (Kaplan–Meier, en mois) de tous les établissements créés dans une commune ou un département (`commune:69384`, `departement:69`) de `start` à `end`."""
    if not rules.can_view_baseline(request.user):
        raise PermissionDenied(_("Réservé aux équipes des dispositifs et aux observateurs d'un territoire."))
    level, _sep, code = (query.territory or "").partition(":")
    errors: dict[str, str] = {}
    if level not in survival.LEVELS or not code.strip():
        errors["territory"] = _("Un territoire commune:<code> ou departement:<code> est attendu.")
    start, end = _year(query.start, errors, "start"), _year(query.end, errors, "end")
    if start and end and start > end:
        errors["end"] = _("L'année de fin doit suivre l'année de début.")
    if errors:  # the document takes any territory text; the levels served are the domain's (0021)
        raise unprocessable(errors)
    curve = survival.baseline(level=level, code=code.strip(), start_year=start, end_year=end)
    return {
        "level": level,
        "code": code.strip(),
        "start_year": start,
        "end_year": end,
        "n": None if curve.suppressed else curve.n,
        "suppressed": curve.suppressed,
        "as_of": curve.as_of,
        "points": [
            {"months": p.t, "estimate": p.estimate, "lower": p.lower, "upper": p.upper, "at_risk": p.at_risk}
            for p in curve.points
        ],
    }
