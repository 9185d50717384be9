"""Orientation of a carrier: programmes for a place and a stage, the parcours, the gaps."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from essaim.api.errors import STATUS_MESSAGES, bad_request
from essaim.api.schemas.common import ERRORS, PlaceRef
from essaim.orientation.params import parse_orientation
from essaim.orientation.selectors import RESULTS_LIMIT, orient

router = Router(tags=["orientation"])

MAX_LIMIT = 100


class OrientationQuery(Schema):
    place: str = Field("", description="Code INSEE ou code postal de la commune (ou son nom).")
    stage: str = Field("", description="emergence, creation, consolidation ou developpement.")
    need: list[str] = Field([], description="Besoin (répétable) : idea, feasibility, financing…")
    public: str = Field("", description="Public : job_seekers, young_people, women…")
    model: str = Field("", description="carrier (ma propre idée) ou generator (rejoindre un projet conçu).")
    limit: str = Field("", description=f"Nombre de résultats (1 à {MAX_LIMIT}, défaut {RESULTS_LIMIT}).")


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


class AmbiguousPlace(Schema):
    detail: str
    errors: dict[str, str]
    choices: list[Choice]


def _limit(raw: str, errors: dict[str, str]) -> int:
    raw = (raw or "").strip()
    if not raw:
        return RESULTS_LIMIT
    if raw.isascii() and raw.isdigit() and len(raw) <= 3 and 1 <= int(raw) <= MAX_LIMIT:
        return int(raw)
    errors["limit"] = _("Nombre de résultats attendu : un entier entre 1 et %(max)s.") % {"max": MAX_LIMIT}
    return RESULTS_LIMIT


@router.get("", response={200: OrientationOut, **ERRORS, 400: AmbiguousPlace}, url_name="orientation")
def orientation(request, params: Query[OrientationQuery]):
    """Dispositifs qui couvrent la commune et accompagnent l'étape, du plus local au plus large,
    puis par nombre de besoins satisfaits ; le parcours (étapes suivantes) et les lacunes avec
    les alternatives les plus proches ; `nearby` : les acteurs de droit commun et lieux partagés
    qui servent la commune, avec leurs coordonnées et la date de leurs données. Un code postal partagé par plusieurs communes donne une
    erreur 400 avec la liste `choices`."""
    query = parse_orientation(request.GET)
    errors = dict(query.errors)
    limit = _limit(request.GET.get("limit", ""), errors)
    if query.choices:
        return JsonResponse(
            {"detail": str(STATUS_MESSAGES[400]), "errors": errors, "choices": query.choices}, status=400
        )
    if errors:
        raise bad_request(errors)
    result = orient(
        query.context, stage=query.stage, needs=query.needs, preferences=query.preferences, limit=limit
    )
    # Built by our own code in the documented shape (tests check it): served as is, without a
    # second validation pass through the response schema, which cost a third of the request.
    return JsonResponse(result.as_dict())
