"""Evidence: survival curves and summary figures for a programme, a territory or a funder.

Same scopes, permissions and small-group protection as the report pages
(`essaim.evidence.selectors`, `essaim.evidence.privacy`): a figure resting on fewer than 5
projects, seen from outside the programme, is the string "< 5"; a figure hidden so that a
small one cannot be recomputed by subtraction is the string "masqué".
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import ConfigDict

from essaim.api.auth import required_auth
from essaim.api.errors import ApiError, bad_request, not_found, unprocessable
from essaim.api.routers.params import choice, documented, required, required_text
from essaim.api.schemas.common import ERRORS
from essaim.business.revenue import deal_revenue
from essaim.core.dates import latest_year
from essaim.evidence import selectors as ev
from essaim.evidence.breakdowns import BREAKDOWNS
from essaim.evidence.privacy import shown

router = Router(tags=["preuves d'impact"], auth=required_auth)

Number = float | int | str | None


# The last year moves with the calendar (ten years ahead, essaim/core/dates.py), read at start-up.
YEAR = {"type": "integer", "minimum": 1990, "maximum": latest_year()}


class EvidenceQuery(Schema):
    model_config = ConfigDict(json_schema_extra=required("scope"))

    scope: required_text(
        "`programme:<slug>`, `call:<id>`, `territory:<niveau>:<code>` (ou un nom de territoire) "
        "ou `funder:<slug>`."
    ) = None
    by: choice(BREAKDOWNS, "Ventilation.") = None
    de: documented({**YEAR, "description": "Première cohorte (année d'entrée)."}) = None
    a: documented({**YEAR, "description": "Dernière cohorte (année d'entrée)."}) = None


class PointOut(Schema):
    t: float
    estimate: float
    lower: float
    upper: float
    at_risk: int


class GroupOut(Schema):
    label: str
    n: int | str
    suppressed: bool
    five_year: PointOut | None
    points: list[PointOut]


class ReferenceOut(Schema):
    t: int
    estimate: float
    label: str


class SurvivalOut(Schema):
    scope: str
    label: str
    unit: str
    by: str | None
    reference_points: list[ReferenceOut]
    reference_source: str
    groups: list[GroupOut]


class FunnelOut(Schema):
    stage: str
    entered: int | str
    passed: int | str
    dropped: int | str
    ongoing: int | str
    median_days: Number


class FunnelGroupOut(Schema):
    label: str
    stages: list[FunnelOut]


class FunnelGroupsOut(Schema):
    scope: str
    label: str
    by: str | None
    groups: list[FunnelGroupOut]


class JobsOut(Schema):
    year: int
    fte: Number
    integration_fte: Number
    enterprises: int | str


class EvidenceDealsOut(Schema):
    """Platform deals won as lead contractor by the scope's accompanied enterprises."""

    enterprises: int | str
    deals: int | str
    amount: Number


class SummaryOut(Schema):
    scope: str
    label: str
    period: dict
    projects: int | str
    created: int | str
    active: int | str
    ceased: int | str
    fte: Number
    integration_fte: Number
    leverage: dict[str, Number]
    cost_per_job: Number
    cost_per_enterprise: Number = None
    five_year_survival: PointOut | str | None
    funnel: list[FunnelOut]
    jobs: list[JobsOut]
    deals: EvidenceDealsOut | None = None


def _well_formed(params: EvidenceQuery) -> None:
    """What the OpenAPI document says of the parameters (else 400, every field named)."""
    errors = {}
    if not (params.scope or "").strip():
        errors["scope"] = _("Paramètre obligatoire.")
    if params.by not in (None, "", *BREAKDOWNS):
        errors["by"] = _("Ventilation attendue : %(names)s.") % {"names": ", ".join(BREAKDOWNS)}
    for name, year in (("de", params.de), ("a", params.a)):
        try:
            ev.parse_period(year, None)
        except ev.ScopeError as exc:
            errors[name] = str(exc)
    if errors:
        raise bad_request(errors)


def _scope(request, params: EvidenceQuery):
    _well_formed(params)
    try:
        scope = ev.parse_scope(params.scope)
        period = ev.parse_period(params.de, params.a)
    except ev.ScopeError as exc:  # well formed, refused: a scope unreadable, years in disorder
        raise unprocessable({exc.field: str(exc)}) from exc
    except ev.ScopeNotFound as exc:
        raise not_found(_("Périmètre introuvable.")) from exc
    level = ev.access(request.user, scope)
    if level is None:
        raise ApiError(403, _("Ce périmètre ne vous est pas ouvert."))
    return scope, period, level == "inside"


def _point(p):
    return None if p is None else p.as_dict()


def _json(value):
    """Figures for JSON: decimals as floats, hidden figures as their text ("< 5", "masqué")."""
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    return shown(value)


@router.get("/survival", response={200: SurvivalOut, **ERRORS}, summary="Courbes de survie (Kaplan–Meier)")
def survival(request, params: Query[EvidenceQuery]):
    """Survival of created enterprises by months since creation, with 95 % bounds and numbers at risk.

    `scope=programme:<slug>` | `call:<id>` | `territory:<level>:<code>` | `funder:<slug>`;
    `by=cohort|programme|territory|model`.
    """
    scope, period, inside = _scope(request, params)
    try:
        curves = ev.survival_curves(scope, period, inside=inside, by=params.by)
    except ev.ScopeError as exc:
        raise unprocessable({exc.field: str(exc)}) from exc
    return {
        "scope": scope.ref,
        "label": scope.label,
        "unit": "months",
        "by": params.by,
        "reference_points": [
            {"t": ev.REFERENCE_MONTHS, "estimate": float(share), "label": str(label)}
            for share, label in ev.REFERENCES
        ],
        "reference_source": str(ev.REFERENCE_SOURCE),
        "groups": [
            {
                "label": c.label,
                "n": shown(c.n),
                "suppressed": c.suppressed,
                "five_year": _point(c.five_year),
                "points": [p.as_dict() for p in c.points],
            }
            for c in curves
        ],
    }


@router.get("/funnel", response={200: FunnelGroupsOut, **ERRORS}, summary="Parcours par étape")
def funnel(request, params: Query[EvidenceQuery]):
    """Entered, passed, dropped, ongoing and median days per stage, overall or one group per
    `by=cohort|programme|territory|model`; rows resting on fewer than 5 projects read "< 5"
    outside the programme."""
    scope, period, inside = _scope(request, params)
    try:
        groups = ev.funnel_groups(scope, period, inside=inside, by=params.by)
    except ev.ScopeError as exc:
        raise unprocessable({exc.field: str(exc)}) from exc
    return {"scope": scope.ref, "label": scope.label, "by": params.by or None, "groups": _json(groups)}


@router.get("/summary", response={200: SummaryOut, **ERRORS}, summary="Chiffres clés d'un périmètre")
def summary(request, params: Query[EvidenceQuery]):
    """Projects, created enterprises, jobs, leverage, funnel by stage, 5-year survival, and the
    platform's business deals won by the accompanied enterprises (`deals`; outside a programme
    "< 5" under five enterprises, "masqué" where a period or a territory above would give a
    hidden figure back)."""
    scope, period, inside = _scope(request, params)
    figures = ev.report(scope, period, inside=inside)
    overall = figures.curves[0] if figures.curves else None
    five = (
        None if overall is None else (shown(overall.n) if overall.suppressed else _point(overall.five_year))
    )
    return {
        "scope": scope.ref,
        "label": scope.label,
        "period": {"start": figures.period.start, "end": figures.period.end},
        "projects": shown(figures.projects),
        "created": shown(figures.created),
        "active": shown(figures.active),
        "ceased": shown(figures.ceased),
        "fte": shown(figures.fte),
        "integration_fte": shown(figures.integration_fte),
        "leverage": _json(figures.leverage),
        "cost_per_job": _json(figures.cost_per_job),
        "cost_per_enterprise": _json(figures.cost_per_enterprise),
        "five_year_survival": five,
        "funnel": _json(figures.funnel),
        "jobs": _json(figures.jobs),
        "deals": _json(deal_revenue(scope, figures.period, inside=inside)),
    }
