"""France's territories: name autocomplete, and one territory with what contains it."""

from typing import Annotated

from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router
from pydantic import WithJsonSchema

from essaim.api.errors import bad_request, not_found
from essaim.api.schemas.common import ERRORS
from essaim.api.schemas.territories import TerritoryDetail, TerritoryQuery, TerritoryResults
from essaim.territories.models import NATIONAL_CODE, Commune, Departement, Epci, Level, Region
from essaim.territories.selectors import (
    FRANCE,
    LEVEL_VALUES,
    TerritoryNotFound,
    containing_keys,
    get_object,
    names_for,
    search,
)

router = Router(tags=["territoires"])
# Checked by the handler (our message); an enum in OpenAPI.
LevelParam = Annotated[str, WithJsonSchema({"type": "string", "enum": list(LEVEL_VALUES)})]

SEARCHABLE_LEVELS = [Level.COMMUNE.value, Level.EPCI.value, Level.DEPARTEMENT.value, Level.REGION.value]
MAX_LIMIT = 50
MAX_QUERY_LENGTH = 100


def _url(request, level: str, code: str) -> str:
    return request.build_absolute_uri(reverse("api:territory-detail", kwargs={"level": level, "code": code}))


def _ref(level: str, code: str, name: str) -> dict:
    return {"level": getattr(level, "value", level), "code": code, "name": name}


def _parse_levels(raw: str, errors: dict[str, str]) -> list[str] | None:
    levels = [part.strip() for part in raw.split(",") if part.strip()]
    unknown = [level for level in levels if level not in SEARCHABLE_LEVELS]
    if unknown:
        errors["level"] = _("Niveau inconnu « %(value)s ». Niveaux possibles : %(choices)s") % {
            "value": ", ".join(unknown),
            "choices": ", ".join(SEARCHABLE_LEVELS),
        }
    return levels or None


def _parse_limit(raw: str, errors: dict[str, str]) -> int:
    raw = raw.strip()
    if raw.isascii() and raw.isdigit() and len(raw) <= 3 and 1 <= int(raw) <= MAX_LIMIT:
        return int(raw)
    errors["limit"] = _("Nombre de résultats attendu : un entier entre 1 et %(max)s.") % {"max": MAX_LIMIT}
    return 10


@router.get(
    "",
    response={200: TerritoryResults, **ERRORS},
    url_name="territory-search",
    summary="Chercher un territoire",
)
def territory_search(request, params: Query[TerritoryQuery]):
    """Autocomplétion : territoires dont le nom correspond, les plus peuplés d'abord."""
    errors: dict[str, str] = {}
    text = (request.GET.get("q") or "").strip()
    if not text:
        errors["q"] = _("Ce champ est obligatoire : un nom, un code postal ou un code INSEE.")
    levels = _parse_levels(request.GET.get("level") or "", errors)
    size = _parse_limit(request.GET["limit"], errors) if request.GET.get("limit") else 10
    if errors:
        raise bad_request(errors)
    places = search(text[:MAX_QUERY_LENGTH], levels=levels, limit=size)
    return {
        "results": [
            {**place.as_dict(), "population": place.population, "url": _url(request, place.level, place.code)}
            for place in places
        ]
    }


def _national(request) -> dict:
    population = Region.objects.aggregate(total=Sum("population"))["total"] or 0
    regions = Region.objects.order_by("code").values_list("code", "name")
    return {
        **FRANCE.as_dict(),
        "population": population,
        "parents": [],
        "url": _url(request, FRANCE.level, FRANCE.code),
        "regions": [_ref(Level.REGION, code, name) for code, name in regions],
    }


def _detail(request, obj) -> dict:
    level = getattr(obj.level, "value", obj.level)
    body = {
        **_ref(level, obj.code, obj.name),
        "population": obj.population,
        "url": _url(request, level, obj.code),
    }
    france = _ref(FRANCE.level, FRANCE.code, FRANCE.name)
    if isinstance(obj, Commune):
        region = _ref(Level.REGION, obj.region.code, obj.region.name)
        departement = _ref(Level.DEPARTEMENT, obj.departement.code, obj.departement.name)
        epci = _ref(Level.EPCI, obj.epci.code, obj.epci.name) if obj.epci else None
        body.update(
            postal_codes=sorted(set(obj.postal_codes.values_list("code", flat=True))),
            epci=epci,
            departement=departement,
            region=region,
            parents=[p for p in (epci, departement, region, france) if p],
        )
    elif isinstance(obj, Departement):
        region = _ref(Level.REGION, obj.region.code, obj.region.name)
        body.update(region=region, parents=[region, france])
    elif isinstance(obj, Epci):
        keys = containing_keys(Level.EPCI, obj.code)[1:]
        names = names_for(keys)
        body.update(kind=obj.kind, parents=[_ref(lvl, code, names[(lvl, code)]) for lvl, code in keys])
    else:
        departements = obj.departements.order_by("code").values_list("code", "name")
        body.update(
            departements=[_ref(Level.DEPARTEMENT, code, name) for code, name in departements],
            parents=[france],
        )
    return body


@router.get(
    "/{level}/{code}",
    response={200: TerritoryDetail, **ERRORS},
    url_name="territory-detail",
    summary="Un territoire en détail",
    exclude_unset=True,
)
def territory_detail(request, level: LevelParam, code: str):
    """Un territoire : nom, population, territoires qui le contiennent ; pour une commune ses codes
    postaux, son EPCI, son département et sa région ; pour un département sa région."""
    if level not in LEVEL_VALUES:
        raise bad_request(
            {
                "level": _("Niveau inconnu « %(value)s ». Niveaux possibles : %(choices)s")
                % {"value": level, "choices": ", ".join(LEVEL_VALUES)}
            }
        )
    code = code.strip().upper()
    if level == Level.NATIONAL:
        if code != NATIONAL_CODE:
            raise not_found(_("Territoire inconnu : %(ref)s") % {"ref": f"{level}:{code}"})
        return _national(request)
    try:
        obj = get_object(level, code)
    except TerritoryNotFound:
        raise not_found(_("Territoire inconnu : %(ref)s") % {"ref": f"{level}:{code}"}) from None
    return _detail(request, obj)
