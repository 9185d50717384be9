"""Entitlements: what an accompanying programme grants one of its projects at a shared place — a
desk (one resource of kind « poste » that the project's carriers may then book) or room credits
(minutes a month added to the carriers' allowance, essaim/places/allowances.py)."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accompaniment.enums import ProjectStatus
from essaim.accompaniment.rules import can_manage_project
from essaim.audit import record
from essaim.core.dates import is_plausible, out_of_range_message
from essaim.core.errors import ValidationError
from essaim.core.services import ensure, service
from essaim.directory.enums import ProgrammeKind
from essaim.places import rules
from essaim.places.models import MAX_ALLOWANCE_MINUTES, Entitlement, EntitlementKind, ResourceKind


def _check_dates(errors: dict, starts_on, ends_on) -> None:
    for name, value in (("starts_on", starts_on), ("ends_on", ends_on)):
        if value is not None and not is_plausible(value):
            errors[name] = out_of_range_message()
    if not errors and ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("La fin doit suivre le début.")


@service
def entitlement_grant(
    *,
    place,
    project,
    by,
    kind: str,
    resource=None,
    monthly_minutes: int | None = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
) -> Entitlement:
    """Grant `project` a desk (`resource`) or room credits (`monthly_minutes`) at `place`, by
    people who run both the project's programme and the place.

    Side effects: one Entitlement, one event.
    """
    ensure(can_manage_project, by, project, _("Seule l'équipe qui accompagne le projet accorde des droits."))
    ensure(rules.can_manage_place, by, place, _("Seule l'équipe du lieu accorde ses ressources."))
    if place.kind != ProgrammeKind.SHARED_PLACE:
        raise ValidationError(_("Seul un lieu partagé accorde des postes ou des crédits."))
    if project.status != ProjectStatus.ACTIVE:
        raise ValidationError(_("Seul un projet en cours d'accompagnement reçoit des droits."))
    errors = {}
    starts_on = starts_on or timezone.localdate()
    _check_dates(errors, starts_on, ends_on)
    if kind == EntitlementKind.DESK:
        if resource is None or resource.programme_id != place.pk or resource.kind != ResourceKind.DESK:
            errors["resource"] = _("Choisissez un poste de travail de ce lieu.")
        monthly_minutes = None
    elif kind == EntitlementKind.CREDITS:
        resource = None
        if (
            not isinstance(monthly_minutes, int)
            or isinstance(monthly_minutes, bool)
            or not 15 <= monthly_minutes <= MAX_ALLOWANCE_MINUTES
        ):
            errors["monthly_minutes"] = _("Le crédit mensuel va de 15 minutes à 744 heures.")
    else:
        errors["kind"] = _("Choisissez un poste ou un crédit de salles.")
    if errors:
        raise ValidationError(errors)
    entitlement = Entitlement.objects.create(
        place=place,
        project=project,
        kind=kind,
        resource=resource,
        monthly_minutes=monthly_minutes,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    record(actor=by, obj=entitlement, action="create", changes={"kind": [None, kind]})
    return entitlement


@service
def entitlement_end(*, entitlement: Entitlement, by, on: dt.date | None = None) -> Entitlement:
    """End an entitlement (from `on`, today by default). Side effects: the row, one event."""
    ensure(rules.can_manage_place, by, entitlement.place, _("Seule l'équipe du lieu retire un droit."))
    on = on or timezone.localdate()
    if on < entitlement.starts_on:
        on = entitlement.starts_on
    before = entitlement.ends_on
    entitlement.ends_on = on
    entitlement.save(update_fields=["ends_on"])
    record(
        actor=by,
        obj=entitlement,
        action="update",
        changes={"ends_on": [before and before.isoformat(), on.isoformat()]},
    )
    return entitlement
