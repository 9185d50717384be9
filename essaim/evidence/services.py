"""Writes of evidence: created enterprises, check-in figures, indicators, budgets.

Every function is a `@service` (essaim/core/services.py): keyword-only, `by` the acting user or
a system actor, permission through `evidence.rules`, one transaction, one activity-log event.
Every function validates fully before writing: bad input raises ValidationError with French
messages per field and saves nothing. The reporting facts are derived data, rebuilt by
`facts.facts_refresh` (re-exported here), not a write of the domain.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from essaim.audit import recorder
from essaim.core.dates import latest_year
from essaim.core.numbers import bounded
from essaim.core.services import ensure, service
from essaim.directory.validators import clean_digits
from essaim.evidence.catalogue import CATALOGUE
from essaim.evidence.enums import BudgetSource, IndicatorKind
from essaim.evidence.facts import facts_refresh
from essaim.evidence.models import (
    CheckinFigures,
    Enterprise,
    Indicator,
    IndicatorTarget,
    Measurement,
    ProgrammeBudget,
    ProgrammeBudgetLine,
    ProgrammeIndicator,
    ReportFile,
)
from essaim.evidence.rules import (
    can_choose_indicators,
    can_record_outcomes,
    can_seed_catalogue,
    can_set_budget,
)
from essaim.evidence.scopes import Period, Scope, access
from essaim.evidence.tasks import build_report_file

__all__ = [
    "budget_line_set",
    "checkin_figures_record",
    "enterprise_register",
    "facts_refresh",
    "indicator_follow",
    "indicators_choose",
    "indicators_seed",
    "measurement_record",
    "programme_budget_set",
    "report_file_request",
    "target_set",
]

ENTERPRISE_FIELDS = ["name", "legal_form", "siret", "integration_kind", "revenue_band"]


def _decimal(value, field: str, *, minimum: Decimal | None = Decimal(0)) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", ".").replace(" ", "")) if value not in (None, "") else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError({field: _("« %(value)s » n'est pas un nombre.") % {"value": value}})
    if minimum is not None and number < minimum:
        raise ValidationError({field: _("La valeur ne peut pas être négative.")})
    return number


def _bounded(number: Decimal, field: str, model, column: str) -> Decimal:
    """The number rounded to the column's decimals; too many digits for the column is an error."""
    spec = model._meta.get_field(column)
    return bounded(number, field=field, max_digits=spec.max_digits, decimal_places=spec.decimal_places)


@service(permission=can_record_outcomes, on="project")
def enterprise_register(
    *,
    project,
    name: str,
    legal_form: str,
    by,
    siret: str = "",
    integration_kind: str = "",
    revenue_band: str = "",
) -> Enterprise:
    """Record (or update) the enterprise a created project gave birth to.

    Side effects: creates or updates the project's Enterprise row, one activity-log event; its
    facts are refreshed.
    """
    if project.created_on is None:
        raise ValidationError(
            {"project": _("Le projet n'est pas encore entré en création : aucune entreprise à enregistrer.")}
        )
    siret = clean_digits(siret) or None
    enterprise = Enterprise.objects.filter(project=project).first() or Enterprise(project=project)
    created = enterprise.pk is None
    before = {} if created else recorder.snapshot(enterprise, ENTERPRISE_FIELDS)
    enterprise.name = (name or "").strip()
    enterprise.legal_form = legal_form
    enterprise.siret = siret
    enterprise.integration_kind = integration_kind
    enterprise.revenue_band = revenue_band
    if siret:
        other = Enterprise.objects.filter(siret=siret).exclude(project=project).first()
        if other is not None:
            raise ValidationError(
                {
                    "siret": _("Ce SIRET est déjà enregistré pour l'entreprise « %(name)s ».")
                    % {"name": other.name}
                }
            )
    enterprise.full_clean(validate_unique=False)
    enterprise.save()
    changes = recorder.diff(before, recorder.snapshot(enterprise, ENTERPRISE_FIELDS))
    _record(by, enterprise, created=created, changes=changes, project=project)
    facts_refresh([project.pk])
    return enterprise


@service
def checkin_figures_record(*, checkin, by, integration_fte=0, revenue_band: str = "") -> CheckinFigures:
    """Add integration jobs and the revenue band to a validated check-in.

    Side effects: creates or updates its CheckinFigures row, one activity-log event; the
    project's facts are refreshed.
    """
    ensure(can_record_outcomes, by, checkin.project)
    integration = _decimal(integration_fte, "integration_fte")
    if checkin.fte is not None and integration > checkin.fte:
        raise ValidationError(
            {"integration_fte": _("Les emplois d'insertion ne peuvent pas dépasser le total des emplois.")}
        )
    figures = CheckinFigures.objects.filter(checkin=checkin).first() or CheckinFigures(checkin=checkin)
    created = figures.pk is None
    before = {} if created else recorder.snapshot(figures, ["integration_fte", "revenue_band"])
    figures.integration_fte = integration
    figures.revenue_band = revenue_band
    figures.full_clean()
    figures.save()
    changes = recorder.diff(before, recorder.snapshot(figures, ["integration_fte", "revenue_band"]))
    _record(by, figures, created=created, changes=changes, project=checkin.project)
    facts_refresh([checkin.project_id])
    return figures


@service(permission=can_set_budget, on="programme")
def programme_budget_set(*, programme, year, amount, by) -> ProgrammeBudget:
    """Set the programme's budget for one year (used for the cost per job).

    Side effects: creates or updates one ProgrammeBudget row, one activity-log event.
    """
    errors = {}
    try:
        year_number = int(str(year).strip())
    except (TypeError, ValueError):
        year_number = None
    if year_number is None or not 1990 <= year_number <= latest_year():
        errors["year"] = _("Année attendue entre 1990 et %(last)s.") % {"last": latest_year()}
    try:
        value = _bounded(_decimal(amount, "amount"), "amount", ProgrammeBudget, "amount")
    except ValidationError as exc:
        errors.update(exc.message_dict)
        value = None
    if (
        not errors
        and ProgrammeBudgetLine.objects.filter(budget__programme=programme, budget__year=year_number).exists()
    ):
        errors["amount"] = _(
            "Cette année a des lignes par source : son budget est leur somme, modifiez les lignes."
        )
    if errors:
        raise ValidationError(errors)
    before = ProgrammeBudget.objects.filter(programme=programme, year=year_number).first()
    old = None if before is None else before.amount
    budget, created = ProgrammeBudget.objects.update_or_create(
        programme=programme, year=year_number, defaults={"amount": value}
    )
    changes = {"year": [None, year_number], "amount": [old, budget.amount]}
    _record(by, budget, created=created, changes=changes)
    return budget


def _line_errors(year, source, amount) -> tuple[dict, int | None, Decimal | None]:
    errors, year_number, value = {}, None, None
    try:
        year_number = int(str(year).strip())
        ProgrammeBudget._meta.get_field("year").run_validators(year_number)
    except (TypeError, ValueError, ValidationError):
        year_number = None
        errors["year"] = [_("Année attendue entre 1990 et %(last)s.") % {"last": latest_year()}]
    if source not in BudgetSource.values:
        errors["source"] = [_("Choisissez une source de la liste.")]
    try:
        value = _bounded(_decimal(amount, "amount"), "amount", ProgrammeBudgetLine, "amount")
        ProgrammeBudgetLine._meta.get_field("amount").run_validators(value)
    except ValidationError as exc:
        errors["amount"] = exc.message_dict["amount"] if hasattr(exc, "error_dict") else exc.messages
    return errors, year_number, value


@service(permission=can_set_budget, on="programme")
def budget_line_set(*, programme, year, source, amount, by) -> ProgrammeBudgetLine:
    """Set one source's amount in the programme's budget of one year (issue 11 §3). The year's
    budget is created when missing; its amount becomes the sum of its lines.

    Side effects: creates or updates one ProgrammeBudgetLine and the year's ProgrammeBudget, one
    activity-log event per row changed.
    """
    errors, year_number, value = _line_errors(year, source, amount)
    if errors:
        raise ValidationError(errors)
    budget = ProgrammeBudget.objects.select_for_update().filter(programme=programme, year=year_number).first()
    budget_created = budget is None
    if budget_created:
        budget = ProgrammeBudget.objects.create(programme=programme, year=year_number, amount=Decimal(0))
    line = ProgrammeBudgetLine.objects.filter(budget=budget, source=source).first()
    created = line is None
    old = None if created else line.amount
    line = line or ProgrammeBudgetLine(budget=budget, source=source)
    line.amount = value
    line.full_clean()
    line.save()
    changes = {"year": [None, year_number], "source": [None, source], "amount": [old, line.amount]}
    recorder.record(
        actor=by,
        obj=line,
        action="create" if created else "update",
        changes=changes,
        programme_id=programme.pk,
    )
    total = sum(
        ProgrammeBudgetLine.objects.filter(budget=budget).values_list("amount", flat=True), Decimal(0)
    )
    if budget_created or total != budget.amount:
        before = None if budget_created else budget.amount
        budget.amount = total
        try:
            _bounded(total, "amount", ProgrammeBudget, "amount")
        except ValidationError:
            raise ValidationError(
                {"amount": _("Le total de l'année dépasserait le plafond des montants.")}
            ) from None
        budget.save(update_fields=["amount"])
        changes = {"year": [None, year_number], "amount": [before, total]}
        _record(by, budget, created=budget_created, changes=changes)
    return line


def _record(by, obj, *, created: bool, changes: dict, project=None) -> None:
    action = "create" if created else "update"
    recorder.record(actor=by, obj=obj, action=action, changes=changes, project=project)


@service(permission=can_seed_catalogue)
def indicators_seed(*, by) -> int:
    """Create or update the seeded catalogue (idempotent). Side effects: one row per entry, one
    activity-log event."""
    for slug, name, kind, unit, direction, definition, source in CATALOGUE:
        Indicator.objects.update_or_create(
            slug=slug,
            defaults={
                "name": str(name),
                "kind": kind,
                "unit": str(unit),
                "direction": direction,
                "definition": str(definition),
                "source": source,
            },
        )
    return len(CATALOGUE)


@service(permission=can_choose_indicators, on="programme")
def indicator_follow(*, programme, indicator: Indicator, by) -> ProgrammeIndicator:
    """Side effects: the programme follows the indicator (idempotent), one activity-log event."""
    return _follow(programme, indicator)


def _follow(programme, indicator: Indicator) -> ProgrammeIndicator:
    chosen, _created = ProgrammeIndicator.objects.get_or_create(programme=programme, indicator=indicator)
    return chosen


def _check_followed(project, indicator: Indicator) -> None:
    if not ProgrammeIndicator.objects.filter(programme_id=project.programme_id, indicator=indicator).exists():
        raise ValidationError(
            {
                "indicator": _("Le dispositif du projet ne suit pas l'indicateur « %(name)s ».")
                % {"name": indicator.name}
            }
        )


@service(permission=can_record_outcomes, on="project")
def target_set(*, project, indicator: Indicator, value, by, due_on: dt.date | None = None) -> IndicatorTarget:
    """Set the project's target for a followed, quantitative indicator (and an optional due date).

    Side effects: creates or updates one IndicatorTarget row, one activity-log event.
    """
    _check_followed(project, indicator)
    if indicator.kind != IndicatorKind.QUANTITATIVE:
        raise ValidationError({"indicator": _("Une question évaluative n'a pas de cible chiffrée.")})
    number = _bounded(_decimal(value, "value", minimum=None), "value", IndicatorTarget, "value")
    if due_on is not None and due_on < project.started_on:
        raise ValidationError({"due_on": _("L'échéance ne peut pas précéder le début de l'accompagnement.")})
    before = IndicatorTarget.objects.filter(project=project, indicator=indicator, due_on=due_on).first()
    old = None if before is None else before.value
    target, created = IndicatorTarget.objects.update_or_create(
        project=project, indicator=indicator, due_on=due_on, defaults={"value": number}
    )
    changes = {"indicator": [None, indicator.slug], "value": [old, target.value]}
    _record(by, target, created=created, changes=changes, project=project)
    return target


@service(permission=can_record_outcomes, on="project")
def measurement_record(
    *, project, indicator: Indicator, measured_on: dt.date, by, value=None, answer: str = ""
) -> Measurement:
    """Side effects: one Measurement row (measurements are a history, never overwritten), one
    activity-log event."""
    _check_followed(project, indicator)
    errors = {}
    if measured_on is None:
        errors["measured_on"] = _("Indiquez la date de la mesure.")
    elif measured_on < project.started_on:
        errors["measured_on"] = _("La mesure ne peut pas précéder le début de l'accompagnement.")
    if errors:
        raise ValidationError(errors)
    if indicator.kind == IndicatorKind.QUANTITATIVE:
        number = _bounded(_decimal(value, "value", minimum=None), "value", Measurement, "value")
        measurement = Measurement.objects.create(
            project=project, indicator=indicator, measured_on=measured_on, value=number
        )
    elif not (answer or "").strip():
        raise ValidationError({"answer": _("Répondez à la question évaluative.")})
    else:
        measurement = Measurement.objects.create(
            project=project, indicator=indicator, measured_on=measured_on, answer=answer.strip()
        )
    changes = {"indicator": [None, indicator.slug], "measured_on": [None, measured_on.isoformat()]}
    _record(by, measurement, created=True, changes=changes, project=project)
    return measurement


@service(permission=can_choose_indicators, on="programme")
def indicators_choose(*, programme, indicators, by) -> list[ProgrammeIndicator]:
    """Set the indicators a programme follows. Side effects: adds and removes ProgrammeIndicator
    rows (measurements already recorded are kept), one activity-log event."""
    wanted = {i.pk for i in indicators}
    before = sorted(
        ProgrammeIndicator.objects.filter(programme=programme).values_list("indicator_id", flat=True)
    )
    ProgrammeIndicator.objects.filter(programme=programme).exclude(indicator_id__in=wanted).delete()
    chosen = [_follow(programme, i) for i in indicators]
    recorder.record(
        actor=by, obj=programme, action="update", changes={"indicators": [before, sorted(wanted)]}
    )
    return chosen


@service
def report_file_request(*, scope: Scope, period: Period, breakdown: str, fmt: str, by) -> ReportFile:
    """Ask the task worker for a large report's file (PDF, XLSX or CSV).

    Side effects: one ReportFile row, the task `build_report_file` enqueued (stored with the row
    by the database task backend), one activity-log event. PermissionDenied when `by` may not
    open the scope; ValidationError for an unknown format.
    """
    if access(by, scope) is None:
        raise PermissionDenied(_("Ce rapport ne vous est pas ouvert."))
    if fmt not in ReportFile.Format.values:
        raise ValidationError({"format": _("Format inconnu : %(value)s") % {"value": fmt}})
    job = ReportFile.objects.create(
        user=by,
        scope=scope.ref,
        period_start=period.start,
        period_end=period.end,
        breakdown=breakdown or "",
        format=fmt,
    )
    recorder.record(
        actor=by, obj=job, action="create", changes={"scope": [None, scope.ref], "format": [None, fmt]}
    )
    build_report_file.enqueue(job.pk)
    return job
