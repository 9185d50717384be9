"""Reports on what support produced: programme, territory and funder scopes; exports; funders.

Every view fetches the scope and the caller's access through `evidence.selectors` (403 when
refused); figures come from `evidence.selectors.report`, files from `evidence.exports`.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from essaim.business.revenue import with_deals
from essaim.calls.models import Call
from essaim.evidence import exports
from essaim.evidence.funding_shares import with_budget_shares
from essaim.evidence.models import ReportFile
from essaim.evidence.selectors import (
    BREAKDOWNS,
    REFERENCE_SOURCE,
    Period,
    ScopeError,
    ScopeNotFound,
    access,
    parse_period,
    parse_scope,
    report,
    reports_for,
)
from essaim.evidence.services import report_file_request
from essaim.evidence.tasks import CONTENT_TYPES
from essaim.evidence.tasks import render as render_file
from essaim.web.reports.explanations import jobs_note

LARGE_REPORT = getattr(settings, "EVIDENCE_LARGE_REPORT", 20000)


def scope_ref(kind: str, slug: str = "", level: str = "", code: str = "", call_id: int = 0) -> str:
    """URL pieces → the scope reference the selectors read."""
    if kind == "territory":
        return f"territory:{level}:{code}"
    return f"call:{call_id}" if kind == "call" else f"{kind}:{slug}"


def _scope(request, kind: str, **pieces):
    ref = scope_ref(kind, **pieces)
    try:
        scope = parse_scope(ref)
    except (ScopeError, ScopeNotFound) as exc:
        raise Http404 from exc
    level = access(request.user, scope)
    if level is None:
        raise PermissionDenied
    return scope, level


def _options(request) -> tuple[Period, str | None, dict]:
    """Period and breakdown from the query string; errors keyed by parameter."""
    errors = {}
    try:
        period = parse_period(request.GET.get("de"), request.GET.get("a"))
    except ScopeError as exc:
        errors[exc.field] = str(exc)
        period = Period()
    by = request.GET.get("par") or None
    if by and by not in BREAKDOWNS:
        errors["par"] = _("Ventilation inconnue.")
        by = None
    return period, by, errors


@require_GET
def index(request):
    return render(request, "reports/index.html", {"scopes": reports_for(request.user)})


def _report_url(scope, name: str = "") -> str:
    if scope.kind == "programme":
        return reverse(f"reports:programme{name}", kwargs={"slug": scope.programme.slug})
    if scope.kind == "funder":
        return reverse(f"reports:funder{name}", kwargs={"slug": scope.funder.slug})
    if scope.kind == "call":
        return reverse(f"reports:call{name}", kwargs={"call_id": scope.call.pk})
    return reverse(f"reports:territory{name}", kwargs={"level": scope.level, "code": scope.code})


@require_GET
def report_page(request, kind: str, **pieces):
    scope, level = _scope(request, kind, **pieces)
    period, by, errors = _options(request)
    figures = with_deals(report(scope, period, inside=level == "inside", by=by))
    with_budget_shares(figures, request.user, outside=level == "outside")
    query = urlencode({k: v for k, v in request.GET.items() if k in ("de", "a", "par") and v})
    context = {
        "report": figures,
        "tables": {t.slug: t for t in exports.tables(figures, display=True)},
        "charts": exports.report_charts(figures),
        "jobs_note": jobs_note(figures),
        "errors": errors,
        "breakdowns": BREAKDOWNS,
        "by": by or "",
        "query": query,
        "base_url": _report_url(scope),
        "generate_url": _report_url(scope, "_generate"),
        "is_large": isinstance(figures.projects, int) and figures.projects > LARGE_REPORT,
        "reference_source": REFERENCE_SOURCE,
        "formats": ReportFile.Format.choices,
        "calls": Call.objects.filter(programme=scope.programme).order_by("-opens_at")
        if scope.kind == "programme"
        else [],
        # Revenue from the platform's business deals; outside, protected against differencing
        # across periods and nested territories (essaim/business/revenue.py, decision 0018).
        "deals": figures.deals,
        # A local authority's or a funder's share of the programmes' budgets (issue 11 §3)
        "budget_shares": figures.budget_shares,
    }
    return render(request, "reports/report.html", context, status=400 if errors else 200)


@require_GET
def report_export(request, kind: str, fmt: str, **pieces):
    scope, level = _scope(request, kind, **pieces)
    period, by, errors = _options(request)
    if errors:
        return HttpResponse(" ".join(errors.values()), status=400, content_type="text/plain; charset=utf-8")
    figures = with_deals(report(scope, period, inside=level == "inside", by=by))
    if isinstance(figures.projects, int) and figures.projects > LARGE_REPORT:
        messages.info(request, _("Ce rapport est volumineux : demandez sa production en arrière-plan."))
        return redirect(_report_url(scope))
    with_budget_shares(figures, request.user, outside=level == "outside")
    response = HttpResponse(render_file(figures, fmt), content_type=CONTENT_TYPES[fmt])
    name = ReportFile(scope=scope.ref, format=fmt).filename
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def report_generate(request, kind: str, **pieces):
    scope, _level = _scope(request, kind, **pieces)
    period, by, errors = _options(request)
    if errors:
        return HttpResponse(
            _("Format ou période invalide."), status=400, content_type="text/plain; charset=utf-8"
        )
    try:
        job = report_file_request(
            scope=scope,
            period=period,
            breakdown=by or "",
            fmt=request.POST.get("format", ""),
            by=request.user,
        )
    except ValidationError:
        return HttpResponse(
            _("Format ou période invalide."), status=400, content_type="text/plain; charset=utf-8"
        )
    return redirect("reports:file", job.pk)


def _own_file(request, file_id: int) -> ReportFile:
    return get_object_or_404(ReportFile.objects.defer("content"), pk=file_id, user=request.user)


@require_GET
def file_status(request, file_id: int):
    job = _own_file(request, file_id)
    return render(request, "reports/file_status.html", {"job": job})


@require_GET
def file_download(request, file_id: int):
    job = get_object_or_404(ReportFile, pk=file_id, user=request.user, status=ReportFile.Status.READY)
    response = HttpResponse(bytes(job.content), content_type=CONTENT_TYPES[job.format])
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response
