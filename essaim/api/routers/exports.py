"""Open data: the published programmes in the data·inclusion schema v1, JSON and CSV."""

from data_inclusion.schema.v1 import Service, Structure
from django.http import HttpResponse, JsonResponse
from ninja import Router

from essaim.opendata.export import as_csv, as_json, export_records

router = Router(tags=["données ouvertes"])
MODELS = {"structures": Structure, "services": Service}


def _json(kind: str) -> JsonResponse:
    response = JsonResponse(as_json(kind, export_records()), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'inline; filename="{kind}.json"'
    return response


def _csv(kind: str) -> HttpResponse:
    response = HttpResponse(
        as_csv(MODELS[kind], getattr(export_records(), kind)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{kind}.csv"'
    return response


@router.get("/data-inclusion/structures.json", url_name="export-di-structures-json")
def structures_json(request):
    """Structures (organisations portant au moins un dispositif publié), schéma data·inclusion v1 ;
    `meta` donne la licence et les sources."""
    return _json("structures")


@router.get("/data-inclusion/services.json", url_name="export-di-services-json")
def services_json(request):
    """Services (un par dispositif publié), schéma data·inclusion v1, thématiques
    `creer-une-entreprise--*` ; `meta` donne la licence et les sources."""
    return _json("services")


@router.get("/data-inclusion/structures.csv", url_name="export-di-structures-csv")
def structures_csv(request):
    """Les mêmes structures en CSV (listes séparées par des virgules), colonnes licence et source."""
    return _csv("structures")


@router.get("/data-inclusion/services.csv", url_name="export-di-services-csv")
def services_csv(request):
    """Les mêmes services en CSV (listes séparées par des virgules), colonnes licence et source."""
    return _csv("services")
