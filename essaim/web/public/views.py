"""Public pages: home, directory, programme, territory suggestions, licences and sources."""

import re

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from essaim.directory.models import Programme
from essaim.directory.selectors import (
    CHOICE_FILTERS,
    get_programme,
    parse_filters,
    search_programmes,
    zone_in_words,
    zone_places,
)
from essaim.territories.selectors import search
from essaim.web.public.forms import DirectoryFilterForm
from essaim.web.public.places import exact_first, resolve_place

PAGE_SIZE = 25
SAFE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,60}$")
SUGGESTIONS = 8


def is_htmx_partial(request) -> bool:
    """An htmx request that wants a fragment (a history restore wants the whole page)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def _safe_id(value: str | None, default: str) -> str:
    return value if value and SAFE_ID.match(value) else default


@login_not_required
@require_GET
def home(request):
    return render(request, "web/home.html")


@login_not_required
@require_GET
def directory(request):
    choice = resolve_place(request.GET.get("place", ""), request.GET.get("territory", ""))
    params = request.GET.copy()
    params["territory"] = choice.ref
    result = parse_filters(params)
    errors = dict(result.errors)
    if choice.error:
        errors["place"] = choice.error
    page = None
    if not errors:
        page = Paginator(search_programmes(result.filters), PAGE_SIZE).get_page(request.GET.get("page"))
        places = zone_places(page.object_list)
        page.rows = [(p, zone_in_words(places[p.pk])) for p in page.object_list]
    kept = {"place": choice.text, "territory": choice.ref, "q": result.filters.q}
    kept |= {name: params.get(name, "") for name in CHOICE_FILTERS}
    context = {
        "form": DirectoryFilterForm(initial=kept, errors=errors),
        "choice": choice,
        "errors": errors,
        "page": page,
        "querystring": urlencode([(k, v) for k, v in kept.items() if v]),
    }
    context["partial"] = is_htmx_partial(request)
    if page is not None and page.number > 1:
        context["querystring_with_page"] = f"{context['querystring']}&page={page.number}".lstrip("&")
    template = "web/directory/_results.html" if context["partial"] else "web/directory/index.html"
    response = render(request, template, context, status=400 if errors else 200)
    patch_vary_headers(response, ["HX-Request"])
    if context["partial"]:
        # The address bar shows the canonical search (resolved place, no empty fields).
        query = context.get("querystring_with_page", context["querystring"])
        response["HX-Push-Url"] = f"{request.path}?{query}" if query else request.path
    return response


@login_not_required
@require_GET
def programme_detail(request, slug: str):
    try:
        programme = get_programme(slug)
    except Programme.DoesNotExist as exc:
        raise Http404 from exc
    places = zone_places([programme])[programme.pk]
    shares = [
        (_("Financements publics"), programme.share_public_funding),
        (_("Ventes de prestations"), programme.share_service_sales),
        (_("Cotisations des membres"), programme.share_member_contributions),
        (_("Financements privés"), programme.share_private_funding),
    ]
    context = {
        "programme": programme,
        "places": places,
        "zone_words": zone_in_words(places),
        "shares": shares,
        "shares_known": any(share is not None for _label, share in shares),
    }
    return render(request, "web/programme.html", context)


@login_not_required
@require_GET
def territory_suggestions(request):
    """htmx fragment: territories matching `q` (or `place`, the directory field's own name)."""
    query = (request.GET.get("q") or request.GET.get("place") or "").strip()[:100]
    places = exact_first(query, search(query, limit=SUGGESTIONS)) if len(query) >= 2 else []
    context = {
        "places": places,
        "query": query,
        "input_id": _safe_id(request.GET.get("input"), "id_place"),
        "ref_id": _safe_id(request.GET.get("ref"), "id_territory"),
    }
    return render(request, "web/territories/_suggestions.html", context)


@login_not_required
@require_GET
def sources(request):
    return render(request, "web/sources.html", {"data_licence": settings.ESSAIM_DATA_LICENCE})
