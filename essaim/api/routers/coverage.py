"""Territorial coverage: the matrix life stage × kind of a territory; every département in CSV."""

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from essaim.api.errors import bad_request
from essaim.api.schemas.common import ERRORS, PlaceRef
from essaim.orientation.exports import coverage_csv_response
from essaim.orientation.params import parse_territory
from essaim.orientation.selectors import coverage

router = Router(tags=["couverture"])


class CoverageQuery(Schema):
    territory: str = Field("", description="niveau:code, ex. departement:34, region:76, national.")


class CellOut(Schema):
    stage: str
    kind: str
    programmes: list[str]


class CoverageOut(Schema):
    territory: PlaceRef
    stages: list[str]
    kinds: list[str]
    cells: list[CellOut]
    gaps: list[str]


@router.get("", response={200: CoverageOut, **ERRORS}, url_name="coverage")
def territory_coverage(request, params: Query[CoverageQuery]):
    """Les dispositifs qui agissent sur le territoire (zone qui le contient ou située dedans),
    par étape de vie et par type ; `gaps` : les étapes sans aucun dispositif."""
    ref = (request.GET.get("territory") or "").strip()
    if not ref:
        raise bad_request({"territory": _("Ce champ est obligatoire, par exemple departement:34.")})
    try:
        level, code = parse_territory(ref)
    except ValueError as exc:
        raise bad_request({"territory": str(exc)}) from None
    return coverage(level, code).as_dict()


@router.get("/departements.csv", url_name="coverage-csv")
def departements_csv(request):
    """Couverture de chaque département (CSV, UTF-8) : dispositifs présents, étapes couvertes, lacunes."""
    return coverage_csv_response()
