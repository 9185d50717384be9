"""The programme directory: search with the directory's filters, and one programme in full."""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query, Router

from essaim.api.errors import bad_request, not_found, unprocessable
from essaim.api.pagination import paginate, parse_page
from essaim.api.schemas.common import ERRORS
from essaim.api.schemas.programmes import ProgrammeDetail, ProgrammePage, ProgrammeQuery
from essaim.directory import index as directory_index
from essaim.directory.models import Programme
from essaim.directory.selectors import (
    get_programme,
    parse_filters,
    programmes_in,
    zone_in_words,
    zone_places,
)

router = Router(tags=["dispositifs"])


def _summary_fields(programme: Programme, places: list[dict]) -> dict:
    """The summary with paths for `url` and `page_url`: it does not depend on the request."""
    return {
        "slug": programme.slug,
        "name": programme.name,
        "family": programme.family,
        "kind": programme.kind,
        "model": programme.model,
        "stages": list(programme.stages),
        "needs": list(programme.needs),
        "publics": list(programme.publics),
        "organisation": {"slug": programme.organisation.slug, "name": programme.organisation.name},
        "zone": places,
        "url": reverse("api:programme-detail", kwargs={"slug": programme.slug}),
        "page_url": reverse("web:programme", kwargs={"slug": programme.slug}),
        "source": programme.source,
        "licence": programme.licence or str(settings.ESSAIM_DATA_LICENCE),
    }


def _absolute(fields: dict, origin: str) -> dict:
    return fields | {"url": origin + fields["url"], "page_url": origin + fields["page_url"]}


def _summary(request, programme: Programme, places: list[dict]) -> dict:
    return _absolute(_summary_fields(programme, places), request.build_absolute_uri("/")[:-1])


def _summaries(index, pks: list[int]) -> dict[int, dict]:
    """pk → summary with paths, built once per programme and language in the directory index's
    memo (a new index, after any edit of the directory, starts empty); one query per missing batch."""
    memo = index.memo.setdefault(("api-summary", get_language()), {})
    missing = [pk for pk in pks if pk not in memo]
    if missing:
        programmes = list(programmes_in(missing))
        places = zone_places(programmes)
        for programme in programmes:
            memo[programme.pk] = _summary_fields(programme, places[programme.pk])
    return memo


@router.get(
    "", response={200: ProgrammePage, **ERRORS}, url_name="programme-list", summary="Chercher des dispositifs"
)
def programme_list(request, params: Query[ProgrammeQuery]):
    """Dispositifs publiés correspondant aux filtres, par ordre alphabétique, paginés."""
    errors: dict[str, str] = {}
    page_request = parse_page(request.GET, errors)
    filters = parse_filters(request.GET)
    errors.update(filters.errors)
    # A place the resolver does not know (or several it could be), an ecosystem that does not
    # exist: the request follows the document, the domain refuses it (decision 0021).
    if set(errors) - {"territory", "ecosystem"}:
        raise bad_request(errors)
    if errors:
        raise unprocessable(errors)
    hits = directory_index.search(filters.filters)  # from memory, as search_programmes orders it
    body = paginate(request, hits, page_request)
    summaries = _summaries(hits.index, [entry.pk for entry in body["results"]])
    origin = request.build_absolute_uri("/")[:-1]
    body["results"] = [_absolute(summaries[e.pk], origin) for e in body["results"] if e.pk in summaries]
    # Built in the documented shape from the same fields as the detail (tests check it): served
    # without a second validation pass through the response schema, as the orientation API.
    return JsonResponse(body)


def _organisation(organisation) -> dict:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "legal_form": organisation.legal_form,
        "year_created": organisation.year_created,
        "initiator": organisation.initiator,
        "website": organisation.website,
    }


def _economic_model(programme) -> dict:
    return {
        "share_public_funding": programme.share_public_funding,
        "share_service_sales": programme.share_service_sales,
        "share_member_contributions": programme.share_member_contributions,
        "share_private_funding": programme.share_private_funding,
        "notes": programme.economic_model_notes,
    }


@router.get(
    "/{slug}",
    response={200: ProgrammeDetail, **ERRORS},
    url_name="programme-detail",
    summary="Un dispositif en détail",
)
def programme_detail(request, slug: str):
    """Un dispositif publié, en entier : activités, publics, durée, modèle économique, contact…"""
    try:
        programme = get_programme(slug)
    except Programme.DoesNotExist:
        raise not_found(_("Dispositif inconnu : %(slug)s") % {"slug": slug}) from None
    places = zone_places([programme])[programme.pk]
    organisation = programme.organisation
    return {
        **_summary(request, programme, places),
        "organisation": _organisation(organisation),
        "summary": programme.summary,
        "description": programme.description,
        "activities": list(programme.activities),
        "beneficiaries": programme.beneficiaries,
        "duration": programme.duration,
        "rhythm": programme.rhythm,
        "zone_description": programme.zone_description,
        "zone_in_words": zone_in_words(places),
        "economic_model": _economic_model(programme),
        "ecosystems": [
            {"slug": eco.slug, "name": eco.name, "model": eco.model} for eco in programme.ecosystems.all()
        ],
        "contact": {
            "email": programme.contact_email or organisation.email,
            "phone": organisation.phone,
            "website": programme.website or organisation.website,
            "address": organisation.address,
        },
        "updated_on": programme.updated_on,
    }
