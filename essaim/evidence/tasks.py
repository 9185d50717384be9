"""Report files produced by the task worker. Tasks receive ids, never objects."""

from django.utils import timezone
from django_tasks import task

from essaim.business.revenue import with_deals
from essaim.evidence import exports
from essaim.evidence.funding_shares import with_budget_shares
from essaim.evidence.models import ReportFile
from essaim.evidence.selectors import Period, access, parse_scope, report

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render(report, fmt: str) -> bytes:
    return {"pdf": exports.to_pdf, "csv": exports.to_csv, "xlsx": exports.to_xlsx}[fmt](report)


@task()
def build_report_file(report_file_id: int) -> None:
    """Compute the report, render the file, store it; progress is visible on the status page."""
    job = ReportFile.objects.select_related("user").get(pk=report_file_id)
    ReportFile.objects.filter(pk=job.pk).update(status=ReportFile.Status.RUNNING, progress=10)
    try:
        scope = parse_scope(job.scope)
        level = access(job.user, scope)
        if level is None:  # rights withdrawn since the request
            raise PermissionError("access withdrawn")
        figures = report(
            scope,
            Period(job.period_start, job.period_end),
            inside=level == "inside",
            by=job.breakdown or None,
        )
        with_deals(figures)  # the platform's business deals, protected outside like the page
        with_budget_shares(figures, job.user, outside=level == "outside")  # as on the page
        ReportFile.objects.filter(pk=job.pk).update(progress=60)
        content = render(figures, job.format)
    except Exception as exc:  # the status page must say it failed, whatever the cause
        ReportFile.objects.filter(pk=job.pk).update(
            status=ReportFile.Status.FAILED, error=str(exc)[:500], finished_at=timezone.now()
        )
        raise
    ReportFile.objects.filter(pk=job.pk).update(
        status=ReportFile.Status.READY, progress=100, content=content, finished_at=timezone.now()
    )
