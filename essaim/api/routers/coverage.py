"""Territorial coverage: the matrix life stage × kind of a territory; every département in CSV."""

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict

from essaim.api.errors import bad_request, unprocessable
from essaim.api.routers.params import required, required_text
from essaim.api.schemas.common import ERRORS, PlaceRef
from essaim.orientation.exports import coverage_csv_response
from essaim.orientation.params import parse_territory
from essaim.orientation.selectors import coverage

router = Router(tags=["couverture"])


class CoverageQuery(Schema):
    model_config = ConfigDict(json_schema_extra=required("territory"))

    territory: required_text("niveau:code, ex. departement:34, region:76, national ; ou un nom.") = None


class CellOut(Schema):
    stage: str
    kind: str
    programmes: list[str]


class ActorRef(Schema):
    slug: str
    name: str


class AlongsideOut(Schema):
    family: str = Field(description="mainstream (acteur de droit commun) ou shared_place (lieu partagé).")
    family_label: str = Field(description="La famille en mots, ex. « Acteur de droit commun ».")
    kind: str
    kind_label: str
    count: int
    actors: list[ActorRef] = Field(description="Nommés pour une commune ou un EPCI ; vide au-delà.")


class CoverageOut(Schema):
    territory: PlaceRef
    stages: list[str]
    kinds: list[str]
    cells: list[CellOut]
    gaps: list[str]
    alongside: list[AlongsideOut] = Field(
        description="Les acteurs de droit commun et lieux partagés qui agissent sur le territoire, à côté "
        "des dispositifs d'appui à l'ESS : ni comptés dans `cells`, ni dans `gaps`."
    )


@router.get("", response={200: CoverageOut, **ERRORS}, url_name="coverage")
def territory_coverage(request, params: Query[CoverageQuery]):
    """Les dispositifs d'appui à l'ESS qui agissent sur le territoire (zone qui le contient ou
    située dedans), par étape de vie et par type ; `gaps` : les étapes sans aucun de ces dispositifs ;
    `alongside` : les acteurs de droit commun et lieux partagés présents, par famille, non comptés."""
    ref = (request.GET.get("territory") or "").strip()
    if not ref:
        raise bad_request({"territory": _("Ce champ est obligatoire, par exemple departement:34.")})
    try:
        level, code = parse_territory(ref)
    except ValueError as exc:
        raise unprocessable({"territory": str(exc)}) from None
    return coverage(level, code).as_dict()


@router.get("/departements.csv", url_name="coverage-csv")
def departements_csv(request):
    """Couverture de chaque département (CSV, UTF-8) : dispositifs présents, étapes couvertes, lacunes."""
    return coverage_csv_response()
