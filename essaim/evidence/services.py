"""Writes of evidence: created enterprises, check-in figures, indicators, and the facts refresh.

Every function validates fully before writing: bad input raises ValidationError with French
messages per field and saves nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from essaim.core.numbers import bounded
from essaim.directory.validators import clean_digits
from essaim.evidence.catalogue import CATALOGUE
from essaim.evidence.enums import IndicatorKind
from essaim.evidence.facts import facts_refresh
from essaim.evidence.models import (
    CheckinFigures,
    Enterprise,
    Indicator,
    IndicatorTarget,
    Measurement,
    ProgrammeBudget,
    ProgrammeIndicator,
)

__all__ = [
    "checkin_figures_record",
    "enterprise_register",
    "facts_refresh",
    "indicator_follow",
    "indicators_seed",
    "measurement_record",
    "programme_budget_set",
    "target_set",
]


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


@transaction.atomic
def enterprise_register(
    *,
    project,
    name: str,
    legal_form: str,
    siret: str = "",
    integration_kind: str = "",
    revenue_band: str = "",
) -> Enterprise:
    """Record (or update) the enterprise a created project gave birth to.

    Side effects: creates or updates the project's Enterprise row; its facts are refreshed.
    """
    if project.created_on is None:
        raise ValidationError(
            {"project": _("Le projet n'est pas encore entré en création : aucune entreprise à enregistrer.")}
        )
    siret = clean_digits(siret) or None
    enterprise = Enterprise.objects.filter(project=project).first() or Enterprise(project=project)
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
    facts_refresh([project.pk])
    return enterprise


@transaction.atomic
def checkin_figures_record(*, checkin, integration_fte=0, revenue_band: str = "") -> CheckinFigures:
    """Add integration jobs and the revenue band to a validated check-in.

    Side effects: creates or updates its CheckinFigures row; the project's facts are refreshed.
    """
    integration = _decimal(integration_fte, "integration_fte")
    if checkin.fte is not None and integration > checkin.fte:
        raise ValidationError(
            {"integration_fte": _("Les emplois d'insertion ne peuvent pas dépasser le total des emplois.")}
        )
    figures = CheckinFigures.objects.filter(checkin=checkin).first() or CheckinFigures(checkin=checkin)
    figures.integration_fte = integration
    figures.revenue_band = revenue_band
    figures.full_clean()
    figures.save()
    facts_refresh([checkin.project_id])
    return figures


@transaction.atomic
def programme_budget_set(*, programme, year, amount, actor=None) -> ProgrammeBudget:
    """Set the programme's budget for one year (used for the cost per job).

    Side effects: creates or updates one ProgrammeBudget row; when `actor` is given, one audit
    event in the programme's accompaniment audit trail.
    """
    errors = {}
    try:
        year_number = int(str(year).strip())
    except (TypeError, ValueError):
        year_number = None
    if year_number is None or not 1990 <= year_number <= 2100:
        errors["year"] = _("Année attendue entre 1990 et 2100.")
    try:
        value = _bounded(_decimal(amount, "amount"), "amount", ProgrammeBudget, "amount")
    except ValidationError as exc:
        errors.update(exc.message_dict)
        value = None
    if errors:
        raise ValidationError(errors)
    before = ProgrammeBudget.objects.filter(programme=programme, year=year_number).first()
    old = None if before is None else before.amount
    budget, created = ProgrammeBudget.objects.update_or_create(
        programme=programme, year=year_number, defaults={"amount": value}
    )
    if actor is not None:
        _audit(
            actor=actor,
            obj=budget,
            created=created,
            changes={"year": [None, year_number], "amount": [old, budget.amount]},
            programme_id=programme.pk,
        )
    return budget


def _audit(*, actor, obj, created: bool, changes: dict, programme_id=None, project=None) -> None:
    from essaim.accompaniment import audit
    from essaim.accompaniment.enums import AuditAction

    audit.record(
        actor=actor,
        obj=obj,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        changes=changes,
        programme_id=programme_id,
        project=project,
    )


def indicators_seed() -> int:
    """Create or update the seeded catalogue (idempotent). Side effect: one row per entry."""
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


def indicator_follow(*, programme, indicator: Indicator) -> ProgrammeIndicator:
    """Side effect: the programme follows the indicator (idempotent)."""
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


@transaction.atomic
def target_set(
    *, project, indicator: Indicator, value, due_on: dt.date | None = None, actor=None
) -> IndicatorTarget:
    """Set the project's target for a followed, quantitative indicator (and an optional due date).

    Side effects: creates or updates one IndicatorTarget row; when `actor` is given, one audit
    event on the project.
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
    if actor is not None:
        _audit(
            actor=actor,
            obj=target,
            created=created,
            changes={"indicator": [None, indicator.slug], "value": [old, target.value]},
            project=project,
        )
    return target


def measurement_record(
    *, project, indicator: Indicator, measured_on: dt.date, value=None, answer: str = ""
) -> Measurement:
    """Side effect: one Measurement row (measurements are a history, never overwritten)."""
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
        return Measurement.objects.create(
            project=project, indicator=indicator, measured_on=measured_on, value=number
        )
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Répondez à la question évaluative.")})
    return Measurement.objects.create(
        project=project, indicator=indicator, measured_on=measured_on, answer=answer.strip()
    )


@transaction.atomic
def indicators_choose(*, programme, indicators) -> list[ProgrammeIndicator]:
    """Set the indicators a programme follows. Side effects: adds and removes ProgrammeIndicator
    rows (measurements already recorded are kept)."""
    wanted = {i.pk for i in indicators}
    ProgrammeIndicator.objects.filter(programme=programme).exclude(indicator_id__in=wanted).delete()
    return [indicator_follow(programme=programme, indicator=i) for i in indicators]
