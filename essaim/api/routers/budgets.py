"""A programme's economic model over the years (issue 11 §3, docs/budgets.md): its budget lines
by year and source, the study's shares, the diversification index and the trend; and setting one
line.

Same selector and service as the page `/rapports/dispositif/<slug>/budget/`:
`evidence.selectors.programme_for(..., manage="budget", conceal=True)` (the programme's staff and
platform admins; a 404 for anyone else, another programme's staff included, as on the page),
`evidence.selectors.economic_model` (one query), `evidence.services.budget_line_set` (the only
way to write a line). A request the document does not describe is a 400; a refusal of the
service (a year's total past the ceiling) a 422 (decision 0021).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from pydantic import BeforeValidator, ConfigDict, WithJsonSchema

from essaim.api.auth import required_auth
from essaim.api.errors import ApiError, bad_request, not_found, unprocessable
from essaim.api.routers.params import documented, required, required_text
from essaim.api.schemas.common import ERRORS
from essaim.api.schemas.types import Body, bounded_int, people_error
from essaim.core.dates import latest_year
from essaim.evidence import selectors, services
from essaim.evidence.blocks import outside_period
from essaim.evidence.budgets import BudgetYear
from essaim.evidence.enums import BudgetGroup, BudgetSource
from essaim.evidence.funding_shares import budget_shares
from essaim.evidence.models import ProgrammeBudget
from essaim.evidence.privacy import shown
from essaim.evidence.scopes import ScopeError, ScopeNotFound, access, parse_period, parse_scope

router = Router(tags=["budgets"])

FIRST_YEAR = 1990
SourceValue = Literal[tuple(BudgetSource.values)]
# 0 or more, below 10^10, two decimals at most (the column of a budget line), as a string.
LINE_AMOUNT_PATTERN = r"^(?:0|[1-9][0-9]{0,9})(?:\.[0-9]{1,2})?$"


def _line_amount(value):
    if not isinstance(value, str) or not re.fullmatch(LINE_AMOUNT_PATTERN, value):
        raise people_error(
            _("Un montant en euros est attendu, 0 ou plus, sous 10¹⁰ et avec deux décimales au plus.")
        )
    return Decimal(value)


LineAmount = Annotated[
    Decimal,
    BeforeValidator(_line_amount),
    WithJsonSchema({"type": "string", "pattern": LINE_AMOUNT_PATTERN, "examples": ["42000", "18500.50"]}),
]
Year = bounded_int(FIRST_YEAR, latest_year())


class BudgetLineOut(Schema):
    source: str
    label: str
    amount: Decimal


class BudgetShareOut(Schema):
    group: str
    label: str
    share: float


class BudgetYearOut(Schema):
    year: int
    total: Decimal
    lines: list[BudgetLineOut]
    shares: list[BudgetShareOut]
    diversification: float | None


class BudgetTrendOut(Schema):
    first: int
    last: int
    subsidies_points: float
    earned_points: float


class BudgetModelOut(Schema):
    programme: str
    years: list[BudgetYearOut]
    trend: BudgetTrendOut | None


class BudgetLineSetIn(Body):
    year: Year
    source: SourceValue
    amount: LineAmount


class BudgetLineAmountIn(Body):
    amount: LineAmount


class BudgetLineSetOut(Schema):
    programme: str
    year: int
    source: str
    amount: Decimal
    year_total: Decimal


YEAR = {"type": "integer", "minimum": FIRST_YEAR, "maximum": latest_year()}


class BudgetSharesQuery(Schema):
    model_config = ConfigDict(json_schema_extra=required("scope"))

    scope: required_text("`territory:<niveau>:<code>` ou `funder:<slug>`.") = None
    de: documented({**YEAR, "description": "Première cohorte (année d'entrée)."}) = None
    a: documented({**YEAR, "description": "Dernière cohorte (année d'entrée)."}) = None


class BudgetShareRowOut(Schema):
    programme: str
    name: str
    years: list[int]
    total: Decimal | None
    contribution: Decimal | None
    share: float | None
    leverage: float | None
    cost_per_enterprise: Decimal | str | None


class BudgetSharesOut(Schema):
    scope: str
    period: dict[str, int | None]
    sources: list[str]
    programmes: list[BudgetShareRowOut]
    total: Decimal
    contribution: Decimal
    share: float | None
    leverage: float | None


def _shares_scope(request, params: BudgetSharesQuery):
    """As `/evidence/…`: 400 off the document, 422 for a scope that cannot be read, 404 for an
    unknown one, 403 when it is not the caller's to read."""
    errors = {}
    if not (params.scope or "").strip():
        errors["scope"] = _("Paramètre obligatoire.")
    for name, year in (("de", params.de), ("a", params.a)):
        try:
            parse_period(year, None)
        except ScopeError as exc:
            errors[name] = str(exc)
    if errors:
        raise bad_request(errors)
    try:
        scope = parse_scope(params.scope)
        period = parse_period(params.de, params.a)
    except ScopeError as exc:
        raise unprocessable({exc.field: str(exc)}) from exc
    except ScopeNotFound as exc:
        raise not_found(_("Périmètre introuvable.")) from exc
    level = access(request.user, scope)
    if level is None:
        raise ApiError(403, _("Ce périmètre ne vous est pas ouvert."))
    return scope, period, level


def _year(year: BudgetYear) -> dict:
    return {
        "year": year.year,
        "total": year.total,
        "lines": [
            {"source": source.value, "label": str(source.label), "amount": year.lines[source]}
            for source in BudgetSource
            if source in year.lines
        ],
        "shares": [
            {"group": group.value, "label": str(group.label), "share": round(year.shares[group], 4)}
            for group in BudgetGroup
        ]
        if year.shares
        else [],
        "diversification": None if year.diversification is None else round(year.diversification, 4),
    }


def _programme(request, slug: str):
    return selectors.programme_for(request.user, slug, manage="budget", conceal=True)


def _set(request, slug: str, year: int, source: str, amount: Decimal) -> dict:
    programme = _programme(request, slug)
    line = services.budget_line_set(
        programme=programme, year=year, source=source, amount=amount, by=request.user
    )
    total = ProgrammeBudget.objects.filter(pk=line.budget_id).values_list("amount", flat=True).first()
    return {
        "programme": programme.slug,
        "year": year,
        "source": source,
        "amount": line.amount,
        "year_total": total,
    }


@router.get(
    "/shares",
    response={200: BudgetSharesOut, **ERRORS},
    auth=required_auth,
    url_name="budget-shares",
    summary="Part d'une collectivité ou d'un financeur dans le budget des dispositifs",
)
def shares(request, params: Query[BudgetSharesQuery]):
    """Pour un rapport de territoire ou de financeur : la part des lignes de budget de la source
    de l'appelant (le niveau de sa collectivité, le type du financeur) dans le budget de chaque
    dispositif du périmètre, l'effet levier (budget ÷ contribution) et le coût par entreprise
    créée (« < 5 » sous 5 entreprises). Mêmes droits que le rapport ; sans source attribuable
    (banque, financeur par territoire, rapport d'un dispositif), `sources` et `programmes` vides."""
    scope, period, level = _shares_scope(request, params)
    if level == "outside":
        period, _blocks = outside_period(scope, period)
    found = budget_shares(scope, period, request.user) if level == "outside" else None
    rows = found.rows if found else []
    return {
        "scope": scope.ref,
        "period": {"start": period.start, "end": period.end},
        "sources": [s.value for s in found.sources] if found else [],
        "programmes": [
            {
                "programme": r.slug,
                "name": r.name,
                "years": r.years,
                "total": r.total,
                "contribution": r.contribution,
                "share": r.share,
                "leverage": r.leverage,
                "cost_per_enterprise": shown(r.cost_per_enterprise),
            }
            for r in rows
        ],
        "total": found.total if found else Decimal(0),
        "contribution": found.contribution if found else Decimal(0),
        "share": found.share if found else None,
        "leverage": found.leverage if found else None,
    }


@router.get(
    "/{slug}",
    response={200: BudgetModelOut, **ERRORS},
    auth=required_auth,
    url_name="budget-model",
    summary="Le modèle économique d'un dispositif",
)
def budget_model(request, slug: str):
    """Les lignes de budget du dispositif par année et par source (années les plus récentes
    d'abord), les parts des familles de ressources, l'indice de diversification (1 − Herfindahl
    sur les sources) et la tendance de la première à la dernière année. Réservé à l'équipe du
    dispositif (404 pour les autres)."""
    programme = _programme(request, slug)
    model = selectors.economic_model(programme)
    trend = model.trend
    return {
        "programme": programme.slug,
        "years": [_year(year) for year in model.years],
        "trend": None
        if trend is None
        else {
            "first": trend.first,
            "last": trend.last,
            "subsidies_points": trend.subsidies_points,
            "earned_points": trend.earned_points,
        },
    }


@router.post(
    "/{slug}/lines",
    response={200: BudgetLineSetOut, **ERRORS},
    auth=required_auth,
    url_name="budget-lines",
    summary="Enregistrer une ligne de budget",
)
def budget_line_create(request, slug: str, payload: BudgetLineSetIn):
    """Le montant d'une source pour une année (créé ou remplacé) ; le budget de l'année devient la
    somme de ses lignes. Réservé à l'équipe du dispositif (404 pour les autres)."""
    return _set(request, slug, payload.year, payload.source, payload.amount)


@router.put(
    "/{slug}/lines/{year}/{source}",
    response={200: BudgetLineSetOut, **ERRORS},
    auth=required_auth,
    url_name="budget-line",
    summary="Remplacer une ligne de budget",
)
def budget_line_put(
    request,
    slug: str,
    source: SourceValue,
    payload: BudgetLineAmountIn,
    year: int = Path(..., ge=FIRST_YEAR, le=latest_year()),
):
    """Le montant d'une source pour une année, comme POST `/lines` avec l'année et la source dans
    l'adresse. Réservé à l'équipe du dispositif (404 pour les autres)."""
    return _set(request, slug, year, source, payload.amount)
