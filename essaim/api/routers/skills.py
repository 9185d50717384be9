"""Territorial skills planning: demand against supply by family of skills for a territory and
year, the gap and its trend (docs/skills.md). Same selector as the page
(`essaim.skills.selectors.skills_balance`): local-authority viewers read their territory's
aggregates (a count of 1 to 4 is the string "< 5"), programme staff their programmes' rows."""

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from essaim.api.auth import required_auth
from essaim.api.errors import unprocessable
from essaim.api.schemas.common import ERRORS
from essaim.skills.selectors import skills_balance
from essaim.territories import selectors as territories

router = Router(tags=["compétences"], auth=required_auth)

Value = int | str | None


class LineOut(Schema):
    family: str
    label: str
    demand: Value
    supply: Value
    gap: Value
    trend: Value


class BalanceOut(Schema):
    territory: str
    year: int
    suppressed_outside: bool
    own_programmes_only: bool
    lines: list[LineOut]


class BalanceQuery(Schema):
    territory: str
    year: int | None = Field(None, ge=2000, le=2100)


@router.get(
    "", response={200: BalanceOut, **ERRORS}, url_name="skills-balance", summary="Compétences d'un territoire"
)
def balance(request, params: Query[BalanceQuery]):
    """Demande (offres de poste de porteur, besoins de recrutement notés aux points de suivi,
    domaines d'expertise demandés) et offre (candidatures, porteurs, experts, places de formation)
    par famille de compétences, pour `territory` (niveau:code) et `year` (par défaut l'année en cours)."""
    try:
        level, code = territories.parse_ref(params.territory)
        territories.get_place(level, code)
    except (ValueError, territories.TerritoryNotFound):
        raise unprocessable({"territory": _("Territoire inconnu.")}) from None
    year = params.year or timezone.localdate().year
    reading = skills_balance(request.user, level, code, year)
    return {
        "territory": f"{level}:{code}",
        "year": year,
        "suppressed_outside": not reading.inside,
        "own_programmes_only": reading.own_programmes_only,
        "lines": [line.as_dict() for line in reading.lines],
    }
