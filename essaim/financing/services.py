"""Writes of financing: plans, needs, resources, funders.

Every function is a `@service` (essaim/core/services.py): keyword-only, `by` the acting user or
a system actor, permission through `financing.rules`, one transaction, one activity-log event.
Every function validates fully before writing, so bad input saves nothing. A resource's status
moves only through the workflow `workflows.RESOURCE`.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from essaim.audit import recorder
from essaim.core.services import ensure, service
from essaim.financing.amounts import parse_amount
from essaim.financing.enums import ResourceStatus
from essaim.financing.models import (
    FinancingNeed,
    FinancingPlan,
    FinancingResource,
    Funder,
    FunderTerritory,
)
from essaim.financing.rules import can_change_plan, can_manage_funders, can_move_resource
from essaim.financing.workflows import DATE_FIELD, RESOURCE, transition_to
from essaim.territories.selectors import TerritoryNotFound, get_object, parse_ref

NEED_FIELDS = ["kind", "label", "amount"]
RESOURCE_FIELDS = [
    "instrument",
    "funder",
    "label",
    "amount",
    "status",
    "requested_on",
    "decided_on",
    "paid_on",
]


def _plan_of(project) -> FinancingPlan:
    """The project's financing plan, created empty when there is none."""
    plan, _created = FinancingPlan.objects.get_or_create(project=project)
    return plan


@service(permission=can_change_plan, on="project")
def need_add(*, project, kind: str, amount, by, label: str = "") -> FinancingNeed:
    """Adds a need to the project's plan. Side effects: creates the plan if missing, one row,
    one activity-log event."""
    need = FinancingNeed(kind=kind, label=label, amount=parse_amount(amount))
    need.full_clean(exclude=["plan"])
    need.plan = _plan_of(project)
    need.save()
    recorder.record(actor=by, obj=need, action="create", project=project, changes=_created(need, NEED_FIELDS))
    return need


@service
def need_update(
    *, need: FinancingNeed, by, kind: str | None = None, amount=None, label: str | None = None
) -> FinancingNeed:
    """Changes a need. Side effects: saves the row (nothing if invalid), one activity-log event."""
    project = need.plan.project
    ensure(can_change_plan, by, project)
    before = recorder.snapshot(need, NEED_FIELDS)
    if kind is not None:
        need.kind = kind
    if amount is not None:
        need.amount = parse_amount(amount)
    if label is not None:
        need.label = label
    need.full_clean()
    need.save()
    changes = recorder.diff(before, recorder.snapshot(need, NEED_FIELDS))
    recorder.record(actor=by, obj=need, action="update", project=project, changes=changes)
    return need


@service
def need_delete(*, need: FinancingNeed, by) -> None:
    """Side effects: deletes the row, one activity-log event."""
    project = need.plan.project
    ensure(can_change_plan, by, project)
    recorder.record(actor=by, obj=need, action="delete", project=project)
    need.delete()


def _check_dates(resource: FinancingResource) -> None:
    errors = {}
    if resource.requested_on and resource.decided_on and resource.decided_on < resource.requested_on:
        errors["decided_on"] = _("La décision ne peut pas précéder la demande.")
    if resource.decided_on and resource.paid_on and resource.paid_on < resource.decided_on:
        errors["paid_on"] = _("Le versement ne peut pas précéder la décision.")
    if errors:
        raise ValidationError(errors)


def _created(obj, fields: list[str]) -> dict:
    return recorder.diff({}, recorder.snapshot(obj, fields))


@service(permission=can_change_plan, on="project")
def resource_add(
    *,
    project,
    instrument: str,
    amount,
    by,
    funder: Funder | None = None,
    status: str = ResourceStatus.PLANNED,
    label: str = "",
    requested_on: dt.date | None = None,
    decided_on: dt.date | None = None,
    paid_on: dt.date | None = None,
) -> FinancingResource:
    """Adds a resource to the project's plan, in the status it has reached (a plan typed in
    afterwards). Side effects: creates the plan if missing, one row, one activity-log event."""
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
    resource.plan = _plan_of(project)
    resource.save()
    changes = _created(resource, RESOURCE_FIELDS)
    recorder.record(actor=by, obj=resource, action="create", project=project, changes=changes)
    return resource


@service
def resource_set_status(
    *, resource: FinancingResource, status: str, by, on: dt.date | None = None
) -> FinancingResource:
    """Records a funder's answer or a payment: the workflow move that reaches `status`, with its
    date. Side effects: saves the status and the date, one activity-log event (the move).

    Raises PermissionDenied (not the programme's staff) or ValidationError (unknown status, a
    move the current status does not allow, dates out of order); nothing is saved then.
    """
    ensure(can_move_resource, by, resource)
    if status not in ResourceStatus.values:
        raise ValidationError({"status": _("Statut inconnu : %(value)s") % {"value": status}})
    transition = transition_to(resource, status)
    if transition is None:
        raise ValidationError(
            {
                "status": _("Une ressource « %(from)s » ne peut pas passer à « %(to)s ».")
                % {"from": resource.get_status_display(), "to": ResourceStatus(status).label}
            }
        )
    if on is not None and status in DATE_FIELD:
        trial = FinancingResource(
            **{f: getattr(resource, f) for f in ("requested_on", "decided_on", "paid_on")}
        )
        setattr(trial, DATE_FIELD[status], on)
        _check_dates(trial)
    return RESOURCE.apply(resource, transition.name, by=by, on=on)


@service
def resource_delete(*, resource: FinancingResource, by) -> None:
    """Side effects: deletes the row, one activity-log event."""
    project = resource.plan.project
    ensure(can_change_plan, by, project)
    recorder.record(actor=by, obj=resource, action="delete", project=project)
    resource.delete()


@service(permission=can_manage_funders)
def funder_create(
    *,
    name: str,
    slug: str,
    kind: str,
    by,
    instruments=(),
    territories=(),
    description: str = "",
    website: str = "",
    is_synthetic: bool = False,
) -> Funder:
    """Adds a funder to the directory. Side effects: one funder row, one row per territory
    ("level:code"), one activity-log event."""
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
    changes = {
        "name": [None, name],
        "kind": [None, kind],
        "territories": [None, [f"{lv}:{cd}" for lv, cd in keys]],
    }
    recorder.record(actor=by, obj=funder, action="create", changes=changes)
    return funder
