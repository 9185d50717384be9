"""Public pages: home, directory, programme, territory suggestions, licences and sources."""

import re

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from essaim.calls.selectors import public_calls
from essaim.directory.models import Programme
from essaim.directory.selectors import get_programme, zone_in_words, zone_places
from essaim.ecosystems.selectors import ecosystems_of_programme
from essaim.events.selectors import upcoming_events
from essaim.territories.resolver import suggest
from essaim.web.htmx import is_htmx_partial, render_page_or_fragment
from essaim.web.public.directory import directory_search, filter_form, select_fields

SAFE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,60}$")
SUGGESTIONS = 8
UPCOMING_EVENTS = 3


def _safe_id(value: str | None, default: str) -> str:
    return value if value and SAFE_ID.match(value) else default


@login_not_required
@require_GET
def home(request):
    programme_count = Programme.objects.public().ess().count()
    return render(request, "web/home.html", {"programme_count": programme_count})


@login_not_required
@require_GET
def directory(request):
    found = directory_search(request.GET)
    form = filter_form(found)
    context = {
        "form": form,
        "select_fields": select_fields(form, found.kept, found.errors),  # rendered once per language
        "choice": found.choice,
        "errors": found.errors,
        "page": found.page,
        "querystring": found.querystring,
        "querystring_without_place": found.querystring_without_place,
    }
    response = render_page_or_fragment(
        request,
        "web/directory/index.html",
        "web/directory/_results.html",
        context,
        status=400 if found.errors else 200,
    )
    if is_htmx_partial(request):
        # The address bar shows the canonical search rather than the raw form fields.
        response["HX-Push-Url"] = f"{request.path}?{found.url_query}" if found.url_query else request.path
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
        "shares": [(label, share) for label, share in shares if share is not None],
        "open_calls": public_calls().filter(programme=programme, closes_at__gt=timezone.now()),
        # Those it belongs to and those its organisation leads (REALIS leads its own).
        "ecosystems": ecosystems_of_programme(programme),
        "events": upcoming_events([programme.pk], limit=UPCOMING_EVENTS),
    }
    return render(request, "web/programme.html", context)


@login_not_required
@require_GET
def territory_suggestions(request):
    """htmx fragment: territories matching `q` (or `place`, the directory field's own name)."""
    query = (request.GET.get("q") or request.GET.get("place") or "").strip()[:100]
    places = suggest(query, limit=SUGGESTIONS) if len(query) >= 2 else []
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
