"""Writes of financing: plans, needs, resources, funders. Every function validates fully
before writing, so bad input saves nothing."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from essaim.core.numbers import fits, too_large_message
from essaim.financing.enums import ResourceStatus
from essaim.financing.models import (
    FinancingNeed,
    FinancingPlan,
    FinancingResource,
    Funder,
    FunderTerritory,
)

_SPACES = re.compile(r"[\s\u00a0\u202f€]")


def parse_amount(value, *, field: str = "amount") -> Decimal:
    """A euro amount from a number or French text ("12 500,50 €"); ValidationError otherwise."""
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        text = _SPACES.sub("", str(value or "")).replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
    if amount is None or not amount.is_finite():
        raise ValidationError(
            {
                field: _("« %(value)s » n'est pas un montant : saisissez un nombre, ex. 12 500,50.")
                % {"value": value}
            }
        )
    if amount < 0:
        raise ValidationError({field: _("Le montant doit être positif ou nul.")})
    if not fits(amount, max_digits=12, decimal_places=2):  # FinancingNeed/Resource.amount
        raise ValidationError({field: too_large_message(max_digits=12, decimal_places=2)})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: _("Le montant a au plus deux décimales (centimes).")})
    return amount.quantize(Decimal("0.01"))


def plan_get_or_create(*, project) -> FinancingPlan:
    """The project's financing plan. Side effect: creates an empty plan when there is none."""
    plan, _created = FinancingPlan.objects.get_or_create(project=project)
    return plan


@transaction.atomic
def need_add(*, project, kind: str, amount, label: str = "") -> FinancingNeed:
    """Adds a need to the project's plan. Side effects: creates the plan if missing, writes one row."""
    need = FinancingNeed(kind=kind, label=label, amount=parse_amount(amount))
    need.full_clean(exclude=["plan"])
    need.plan = plan_get_or_create(project=project)
    need.save()
    return need


def need_update(*, need: FinancingNeed, kind: str | None = None, amount=None, label: str | None = None):
    """Changes a need. Side effect: saves the row (nothing if invalid)."""
    if kind is not None:
        need.kind = kind
    if amount is not None:
        need.amount = parse_amount(amount)
    if label is not None:
        need.label = label
    need.full_clean()
    need.save()
    return need


def need_delete(*, need: FinancingNeed) -> None:
    """Side effect: deletes the row."""
    need.delete()


def _check_dates(resource: FinancingResource) -> None:
    errors = {}
    if resource.requested_on and resource.decided_on and resource.decided_on < resource.requested_on:
        errors["decided_on"] = _("La décision ne peut pas précéder la demande.")
    if resource.decided_on and resource.paid_on and resource.paid_on < resource.decided_on:
        errors["paid_on"] = _("Le versement ne peut pas précéder la décision.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def resource_add(
    *,
    project,
    instrument: str,
    amount,
    funder: Funder | None = None,
    status: str = ResourceStatus.PLANNED,
    label: str = "",
    requested_on: dt.date | None = None,
    decided_on: dt.date | None = None,
    paid_on: dt.date | None = None,
) -> FinancingResource:
    """Adds a resource to the project's plan. Side effects: creates the plan if missing, writes one row."""
    resource = FinancingResource(
        instrument=instrument,
        funder=funder,
        amount=parse_amount(amount),
        status=status,
        label=label,
        requested_on=requested_on,
        decided_on=decided_on,
        paid_on=paid_on,
    )
    resource.full_clean(exclude=["plan"])
    _check_dates(resource)
    resource.plan = plan_get_or_create(project=project)
    resource.save()
    return resource


def resource_set_status(*, resource: FinancingResource, status: str, on: dt.date | None = None):
    """Records a funder's answer or a payment. Side effect: saves the row with the matching date."""
    if status not in ResourceStatus.values:
        raise ValidationError({"status": _("Statut inconnu : %(value)s") % {"value": status}})
    resource.status = status
    if on is not None:
        if status == ResourceStatus.REQUESTED:
            resource.requested_on = on
        elif status in (ResourceStatus.GRANTED, ResourceStatus.REFUSED):
            resource.decided_on = on
        elif status == ResourceStatus.PAID:
            resource.paid_on = on
    resource.full_clean()
    _check_dates(resource)
    resource.save()
    return resource


def resource_delete(*, resource: FinancingResource) -> None:
    """Side effect: deletes the row."""
    resource.delete()


@transaction.atomic
def funder_create(
    *,
    name: str,
    slug: str,
    kind: str,
    instruments=(),
    territories=(),
    description: str = "",
    website: str = "",
    is_synthetic: bool = False,
) -> Funder:
    """Adds a funder to the directory. Side effects: one funder row, one row per territory ("level:code")."""
    from essaim.territories.selectors import TerritoryNotFound, get_object, parse_ref

    funder = Funder(name=name, slug=slug, kind=kind, description=description, website=website)
    funder.instruments = list(instruments)
    funder.is_synthetic = is_synthetic
    funder.full_clean()
    keys = []
    for ref in territories:
        try:
            level, code = parse_ref(ref)
            get_object(level, code)
        except (TerritoryNotFound, ValueError) as exc:
            raise ValidationError({"territories": _("Territoire inconnu : %(ref)s") % {"ref": ref}}) from exc
        keys.append((level, code))
    funder.save()
    FunderTerritory.objects.bulk_create(FunderTerritory(funder=funder, level=lv, code=cd) for lv, cd in keys)
    return funder
