"""The referral network and the conductor's data of a territory or an ecosystem (docs/network.md).

Same readers, selectors and protection as the pages (`essaim.network`): a territory's for its
local-authority viewers and platform admins, an ecosystem's for its leader's staff (404 when the
ecosystem is not theirs to see, 403 when they may see it but are not its leader's staff). A count
hidden outside the reader's own programmes is the string "< 5" or "masqué"; never a person.
"""

from decimal import Decimal
from typing import Literal

from ninja import Router, Schema

from essaim.api.auth import required_auth
from essaim.api.schemas.common import ERRORS
from essaim.network.conductor import dashboard
from essaim.network.network import network
from essaim.network.selectors import ecosystem_subject_for, territory_subject_for

router = Router(tags=["réseau d'orientation"], auth=required_auth)

Count = int | str
Figure = float | int | str | None
LevelName = Literal["commune", "epci", "departement", "region", "national"]


class NetworkNodeOut(Schema):
    key: str
    name: str
    family: str
    member: bool


class EdgeOut(Schema):
    source: str
    target: str
    kind: str
    count: Count


class GraphOut(Schema):
    label: str
    nodes: list[NetworkNodeOut]
    edges: list[EdgeOut]
    referral_total: Count
    contact_total: Count


class ReasonOut(Schema):
    reason: str
    count: Count


class ProgrammeOut(Schema):
    programme: str
    name: str
    family: str
    own: bool
    sent: Count
    received: Count
    contact_requests: Count
    acceptance_rate: Figure
    median_days_to_answer: Figure
    unanswered_over_14_days: Count
    refusals_by_reason: list[ReasonOut]


class AlertOut(Schema):
    kind: str
    programme: str
    name: str
    text: str


class MissingLinkOut(Schema):
    stage: str
    next_stage: str
    text: str


class NetworkOut(Schema):
    subject: str
    graph: GraphOut
    programmes: list[ProgrammeOut]
    alerts: list[AlertOut]
    missing_links: list[MissingLinkOut]


class OutcomeOut(Schema):
    programme: str
    name: str
    own: bool
    projects: Count
    created: Count
    survival_3_years: Figure
    fte: Figure
    cost_per_job: Figure
    leverage: Figure
    authority_share: Figure


class NetworkGapOut(Schema):
    stage: str
    departement: str
    anchor: str


class ActionOut(Schema):
    anchor: str
    kind: str
    text: str
    programmes: list[str]


class ConductorTrendOut(Schema):
    first: int
    last: int
    subsidies_points: float
    earned_points: float


class ConductorEconomicModelOut(Schema):
    programme: str
    year: int
    total: Decimal
    shares: dict[str, float]
    diversification: float | None
    trend: ConductorTrendOut | None
    authority_share: float | None
    authority_leverage: float | None


class ConductorEconomicModelsOut(Schema):
    sources: list[str]
    programmes: list[ConductorEconomicModelOut]
    without_lines: int


class ConductorOut(Schema):
    subject: str
    label: str
    offer: dict | None
    gaps: list[NetworkGapOut]
    network: NetworkOut
    outcomes: list[OutcomeOut]
    funders: list[str]
    suggested_actions: list[ActionOut]
    # The programmes' economic models (issue 11 §3, docs/budgets.md)
    economic_models: ConductorEconomicModelsOut | None = None


@router.get(
    "/territories/{level}/{code}",
    response={200: NetworkOut, **ERRORS},
    url_name="network-territory",
    summary="Le réseau d'orientation d'un territoire",
)
def territory_network(request, level: LevelName, code: str):
    """Passerelles consenties et demandes de contact des projets du territoire : graphe, chiffres
    par dispositif, alertes, étapes sans passage constaté."""
    subject = territory_subject_for(request.user, level, code)
    return network(subject, user=request.user).as_dict()


@router.get(
    "/ecosystems/{slug}",
    response={200: NetworkOut, **ERRORS},
    url_name="network-ecosystem",
    summary="Le réseau d'orientation d'un écosystème",
)
def ecosystem_network(request, slug: str):
    """Passerelles envoyées ou reçues par les dispositifs membres, demandes de contact qui leur
    sont adressées."""
    subject = ecosystem_subject_for(request.user, slug)
    return network(subject, user=request.user).as_dict()


@router.get(
    "/territories/{level}/{code}/conductor",
    response={200: ConductorOut, **ERRORS},
    url_name="conductor-territory",
    summary="Le tableau de bord d'une collectivité",
)
def territory_conductor(request, level: LevelName, code: str):
    """L'offre, les flux, les résultats par dispositif et les actions suggérées d'un territoire."""
    subject = territory_subject_for(request.user, level, code)
    return dashboard(subject, user=request.user).as_dict()


@router.get(
    "/ecosystems/{slug}/conductor",
    response={200: ConductorOut, **ERRORS},
    url_name="conductor-ecosystem",
    summary="Le tableau de bord de la structure qui anime un écosystème",
)
def ecosystem_conductor(request, slug: str):
    """L'offre du territoire de l'écosystème, ses flux, les résultats de ses membres, les actions."""
    subject = ecosystem_subject_for(request.user, slug)
    return dashboard(subject, user=request.user).as_dict()
