"""Orientation wizard and results, contact requests, territorial coverage pages and map."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from essaim.directory.models import Programme
from essaim.orientation.assessment import QUESTIONS, infer_stage
from essaim.orientation.exports import coverage_csv_response
from essaim.orientation.headlines import headlines
from essaim.orientation.neighbourhood import ecosystems_among, surroundings
from essaim.orientation.params import parse_orientation
from essaim.orientation.places import PlaceError, resolve_place
from essaim.orientation.ratelimit import contact_is_rate_limited, contact_record_sent
from essaim.orientation.recipients import recipients_for
from essaim.orientation.selectors import coverage, departement_summaries, orient
from essaim.orientation.services import contact_request_create, contact_requests_create
from essaim.territories.selectors import LEVEL_VALUES, TerritoryNotFound, get_place
from essaim.web.orientation import map as france_map
from essaim.web.orientation.cards import cards_for, open_calls_for, sections
from essaim.web.orientation.forms import (
    UNKNOWN_STAGE,
    AlternativesContactForm,
    AssessmentForm,
    ContactForm,
    DetailsForm,
    PlaceForm,
    StageForm,
)
from essaim.web.orientation.joined import result_items, territory_links
from essaim.web.public.forms import ecosystem_choices

ORIENTATION_KEYS = ("place", "stage", "need", "public", "model")


def _partial(request) -> bool:
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def _query(params) -> str:
    """The orientation parameters of a QueryDict, for links that keep them."""
    return urlencode([(k, v) for k in ORIENTATION_KEYS for v in params.getlist(k) if v])


@login_not_required
@require_GET
def wizard(request):
    """Step by step with GET forms: place, stage (or self-assessment), then needs and preferences."""
    step, ctx = _wizard_step(request.GET)
    ctx.update(step=step, questions=QUESTIONS)
    template = "orientation/_wizard_step.html" if _partial(request) else "orientation/wizard.html"
    response = render(request, template, ctx)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _wizard_step(params) -> tuple[str, dict]:
    ctx: dict = {"place_form": PlaceForm(params if "place" in params else None)}
    if "place" not in params or not ctx["place_form"].is_valid():
        return "place", ctx
    try:
        ctx["context"] = resolve_place(params["place"])
    except PlaceError as exc:
        ctx.update(place_error=exc.message, choices=exc.choices)
        return "place", ctx
    stage_form = StageForm(params if "stage" in params else None)
    ctx["stage_form"] = stage_form
    if not stage_form.is_bound or not stage_form.is_valid():
        return "stage", ctx
    stage = stage_form.cleaned_data["stage"]
    if stage == UNKNOWN_STAGE:
        assessment = AssessmentForm(params if "registered" in params else None)
        ctx["assessment_form"] = assessment
        if not assessment.is_bound or not assessment.is_valid():
            return "assessment", ctx
        stage, ctx["stage_explanation"] = infer_stage(assessment.answers())
    ctx.update(stage=stage, details_form=DetailsForm())
    return "details", ctx


@login_not_required
@require_GET
def results(request):
    query = parse_orientation(request.GET)
    if query.choices:
        return redirect(reverse("orientation:wizard") + "?" + _query(request.GET))
    if not query.is_valid:
        return render(request, "orientation/results.html", {"errors": query.errors}, status=400)
    result = orient(query.context, stage=query.stage, needs=query.needs, preferences=query.preferences)
    pks = [m.fact.pk for m in result.results]
    cards = cards_for(pks)  # rendered once per programme
    calls = open_calls_for(pks)  # one query for the list
    rows = [(m, cards[m.fact.pk], calls.get(m.fact.pk)) for m in result.results if m.fact.pk in cards]
    querystring = _query(request.GET)
    ctx = {
        "result": result,
        "rows": rows,
        "result_items": result_items(rows, querystring),  # joined from the cards
        "territory_links": territory_links(query.context.commune),
        "querystring": querystring,
        "share_url": request.build_absolute_uri(),
        "ecosystem_name": dict(ecosystem_choices()).get(query.preferences.ecosystem)
        if query.preferences.ecosystem
        else None,
        **sections(result),  # parcours, gaps, nearby: from parts rendered once
    }
    return render(request, "orientation/results.html", ctx)


@login_not_required
@require_http_methods(["GET", "POST"])
def contact(request, slug: str):
    programme = get_object_or_404(Programme.objects.public().select_related("organisation"), slug=slug)
    query = parse_orientation(request.GET)
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.get_full_name(), "email": request.user.email}
    form = ContactForm(request.POST or None, initial=initial)
    address = request.META.get("REMOTE_ADDR", "")
    ctx = {"programme": programme, "form": form, "querystring": _query(request.GET)}
    if refused := _too_many(request, form, "orientation/contact.html", ctx):
        return refused
    if request.method == "POST" and form.is_valid():
        try:
            contact_request_create(
                programme=programme,
                **form.cleaned_data,
                commune_code=query.context.commune.code if query.context else None,
                stage=query.stage or "",
                needs=query.needs,
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            contact_record_sent(address=address)
            messages.success(
                request, _("Votre demande a été transmise à %(name)s.") % {"name": programme.name}
            )
            back = reverse("orientation:results") + "?" + _query(request.GET) if query.is_valid else "/"
            return redirect(back)
    return render(request, "orientation/contact.html", ctx, status=400 if form.errors else 200)


@login_not_required
@require_http_methods(["GET", "POST"])
def contact_alternatives(request):
    """Few programmes here: the carrier leaves their details once for the nearest alternatives,
    and for the ecosystems and local authorities that follow their territory."""
    query = parse_orientation(request.GET)
    if not query.is_valid:
        raise Http404
    result = orient(query.context, stage=query.stage, needs=query.needs, preferences=query.preferences)
    to = recipients_for(result)
    if not to:
        raise Http404
    form = AlternativesContactForm(request.POST or None)
    ctx = {"to": to, "form": form, "querystring": _query(request.GET), "result": result}
    if refused := _too_many(request, form, "orientation/contact_alternatives.html", ctx):
        return refused
    if request.method == "POST" and form.is_valid():
        try:
            created = contact_requests_create(
                programmes=to.programmes,
                ecosystems=to.ecosystems,
                territory=bool(to.authorities),
                **form.cleaned_data,
                commune_code=query.context.commune.code,
                stage=query.stage or "",
                needs=query.needs,
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            contact_record_sent(address=request.META.get("REMOTE_ADDR", ""))
            messages.success(request, _sent_message(created))
            return redirect(reverse("orientation:results") + "?" + _query(request.GET))
    return render(request, "orientation/contact_alternatives.html", ctx, status=400 if form.errors else 200)


def _too_many(request, form, template: str, ctx: dict):
    """The page again with status 429 when this address sent too many requests this hour."""
    if request.method != "POST" or not contact_is_rate_limited(address=request.META.get("REMOTE_ADDR", "")):
        return None
    form.is_valid()
    form.add_error(None, _("Trop de demandes envoyées depuis cette connexion. Réessayez dans une heure."))
    return render(request, template, ctx, status=429)


def _sent_message(created) -> str:
    if created:
        return _("Vos coordonnées ont été transmises aux destinataires indiqués.")
    return _(
        "Vos coordonnées avaient déjà été transmises à ces destinataires : elles ne sont pas envoyées deux fois."
    )


@require_GET
def contact_requests(request):
    """The former list of requests: the workspace's inbox now (links in older e-mails still work)."""
    target = reverse("workspace:contact_requests")
    return redirect(f"{target}?{request.GET.urlencode()}" if request.GET else target, permanent=True)


@login_not_required
@require_GET
def overview(request):
    """France by département: map coloured by stages covered, and the same data as a table."""
    summaries = departement_summaries()
    ctx = {
        "summaries": summaries,
        "map_items": france_map.map_items(summaries),
        "viewbox": france_map.shapes()[0],
    }
    regions = surroundings(get_place("national", "FR")).children
    # The referential lists the overseas collectivities (3-digit codes) beside the régions.
    ctx["regions"] = [r for r in regions if len(r.code) == 2]
    ctx["collectivities"] = [r for r in regions if len(r.code) != 2]
    return render(request, "orientation/overview.html", ctx)


@login_not_required
@require_GET
def territory(request, level: str, code: str):
    if level not in LEVEL_VALUES:
        raise Http404
    try:
        place = get_place(level, code.upper())
    except TerritoryNotFound as exc:
        raise Http404 from exc
    if place.code != code.upper():  # an arrondissement's code: the commune's page
        return redirect("orientation:territory", level=place.level, code=place.code)
    matrix = coverage(place.level, place.code)
    ctx = {
        "place": place,
        "coverage": matrix,
        "matrix_rows": matrix.kind_rows(),
        "surroundings": surroundings(place),
        "ecosystems": ecosystems_among(f.pk for f in matrix.programmes),
    }
    ctx["headlines"] = headlines(place, matrix)
    if level in ("region", "national"):
        summaries = departement_summaries(region=place.code if level == "region" else None)
        ctx["summaries"] = summaries
        ctx["headlines"] = headlines(place, matrix, summaries)
        ctx["map_items"] = france_map.map_items(
            departement_summaries(), highlight_region=place.code if level == "region" else None
        )
        ctx["viewbox"] = france_map.shapes()[0]
    return render(request, "orientation/territory.html", ctx)


@login_not_required
@require_GET
def coverage_csv(request):
    return coverage_csv_response()
