"""Orientation of a carrier: programmes for a place and a stage, the parcours, the gaps."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict

from essaim.api.errors import STATUS_MESSAGES, bad_request
from essaim.api.routers.params import choice, integer, repeated_choice, required, required_text, text
from essaim.api.schemas.common import ERRORS, PlaceRef
from essaim.directory.enums import LifeStage, Need, Public
from essaim.orientation.params import MODEL_CHOICES, parse_orientation
from essaim.orientation.selectors import RESULTS_LIMIT, orient

router = Router(tags=["orientation"])

MAX_LIMIT = 100


class OrientationQuery(Schema):
    model_config = ConfigDict(json_schema_extra=required("place"))

    place: required_text("Code INSEE ou code postal de la commune (ou son nom).") = None
    stage: choice(LifeStage.values, "Étape de vie.") = None
    need: repeated_choice(Need.values, "Besoin (répétable).") = None
    public: choice(Public.values, "Public.") = None
    model: choice(MODEL_CHOICES, "carrier (ma propre idée) ou generator (rejoindre un projet conçu).") = None
    ecosystem: text("Écosystème, par son identifiant (ex. `realis`) : ses dispositifs membres seulement.") = (
        None
    )
    limit: integer(1, MAX_LIMIT, RESULTS_LIMIT, "Nombre de résultats.") = None


class ResultOut(Schema):
    slug: str
    name: str
    score: int
    reasons: list[str]
    matched_zone: PlaceRef


class NearestOut(Schema):
    slug: str
    name: str
    place: str = Field(description="Où le dispositif intervient, en mots (« dans la Haute-Vienne »).")
    distance_km: int | None = Field(None, description="Distance approchée, quand les deux lieux sont situés.")


class GapOut(Schema):
    stage: str
    alternatives: list[str]
    nearest: list[NearestOut]
    doors: list[str] = Field(description="Acteurs de `nearby` qui aident à cette étape (slugs).")


class ContactOut(Schema):
    address: str
    postal_code: str
    city: str
    phone: str
    email: str
    website: str
    opening_hours: str


class NearbyOut(ResultOut):
    family: str = Field(description="mainstream (droit commun) ou shared_place (lieu partagé).")
    kind: str
    distance_km: int | None = Field(None, description="Distance approchée, quand les deux lieux sont situés.")
    data_date: str | None = Field(None, description="Date des données ouvertes d'origine (AAAA-MM-JJ).")
    contact: ContactOut


class OrientationOut(Schema):
    place: PlaceRef
    results: list[ResultOut]
    parcours: dict[str, list[str]]
    gaps: list[GapOut]
    nearby: list[NearbyOut] = Field(
        description="Près de chez vous : France services, chambres consulaires, France Travail, "
        "mission locale (public jeune), lieux partagés, avec leurs coordonnées."
    )


class Choice(Schema):
    code: str
    name: str
    departement: str


class PlaceRefused(Schema):
    """A 422: the place is unknown, or several communes answer to it (`choices`)."""

    detail: str
    errors: dict[str, str] = {}
    choices: list[Choice] = []


def _limit(raw: str, errors: dict[str, str]) -> int:
    raw = (raw or "").strip()
    if not raw:
        return RESULTS_LIMIT
    if raw.isascii() and raw.isdigit() and len(raw) <= 3 and 1 <= int(raw) <= MAX_LIMIT:
        return int(raw)
    errors["limit"] = _("Nombre de résultats attendu : un entier entre 1 et %(max)s.") % {"max": MAX_LIMIT}
    return RESULTS_LIMIT


@router.get("", response={200: OrientationOut, **ERRORS, 422: PlaceRefused}, url_name="orientation")
def orientation(request, params: Query[OrientationQuery]):
    """Dispositifs qui couvrent la commune et accompagnent l'étape, du plus local au plus large,
    puis par nombre de besoins satisfaits ; le parcours (étapes suivantes) et les lacunes avec
    les alternatives les plus proches ; `nearby` : les acteurs de droit commun et lieux partagés
    qui servent la commune, avec leurs coordonnées et la date de leurs données. Une commune
    inconnue donne une erreur 422 ; un code postal partagé par plusieurs communes aussi, avec la
    liste `choices`."""
    query = parse_orientation(request.GET)
    errors = dict(query.errors)
    limit = _limit(request.GET.get("limit", ""), errors)
    if not (request.GET.get("place") or "").strip():
        errors["place"] = query.errors.get("place") or _("Ce champ est obligatoire.")
    elif errors and set(errors) <= {"place", "ecosystem"}:  # well formed, unknown (decision 0021)
        body = {"detail": str(STATUS_MESSAGES[422]), "errors": errors, "choices": query.choices}
        return JsonResponse(body, status=422)
    if errors:
        raise bad_request(errors)
    result = orient(
        query.context, stage=query.stage, needs=query.needs, preferences=query.preferences, limit=limit
    )
    # Built by our own code in the documented shape (tests check it): served as is, without a
    # second validation pass through the response schema, which cost a third of the request.
    return JsonResponse(result.as_dict())
