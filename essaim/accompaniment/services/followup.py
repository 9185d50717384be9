"""Writes of accompaniment follow-up: meetings, experts and their mobilisation, post-creation check-ins."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accompaniment import audit
from essaim.accompaniment.enums import (
    AuditAction,
    CheckinStatus,
    EnterpriseStatus,
    MobilisationStatus,
    ReferralStatus,
    Remuneration,
)
from essaim.accompaniment.models import (
    Checkin,
    Expert,
    Meeting,
    Mobilisation,
    Project,
)
from essaim.accompaniment.services.projects import CHECKIN_MONTHS, PermissionDenied, add_months

# -- meetings ---------------------------------------------------------------------------------


def _refresh_meeting_stats(project: Project) -> None:
    stats = project.meetings.aggregate(last=Max("date"), minutes=Sum("duration_minutes"))
    upcoming = (
        project.meetings.filter(next_meeting_on__isnull=False)
        .order_by("-date", "-pk")
        .values("next_meeting_on")
        .first()
    )
    project.last_meeting_on = stats["last"]
    project.meeting_minutes = stats["minutes"] or 0
    project.next_meeting_on = upcoming["next_meeting_on"] if upcoming else None
    project.save(update_fields=["last_meeting_on", "meeting_minutes", "next_meeting_on", "updated_at"])


MEETING_FIELDS = [
    "date",
    "duration_minutes",
    "kind",
    "topics",
    "decisions",
    "next_steps",
    "next_meeting_on",
    "expert",
]


def _check_meeting(*, date: date, duration_minutes: int | None, next_meeting_on: date | None) -> None:
    errors = {}
    if duration_minutes is None or duration_minutes <= 0 or duration_minutes > 24 * 60:
        errors["duration_minutes"] = _("La durée doit être comprise entre 1 minute et 24 heures.")
    if date > timezone.localdate() + timedelta(days=1):
        errors["date"] = _("On ne consigne que des rendez-vous qui ont eu lieu.")
    if next_meeting_on is not None and next_meeting_on < date:
        errors["next_meeting_on"] = _("Le prochain rendez-vous doit suivre celui-ci.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_create(
    *,
    project: Project,
    by,
    date: date,
    duration_minutes: int,
    kind: str,
    topics: str = "",
    decisions: str = "",
    next_steps: str = "",
    next_meeting_on: date | None = None,
    expert: Expert | None = None,
    programme=None,
) -> Meeting:
    """Log a meeting held by `programme` (default: the programme running the project; otherwise
    the receiving programme of an accepted referral of the project — callers check who may).

    Side effects: the meeting, the project's dosage figures, one AuditEvent.
    """
    _check_meeting(date=date, duration_minutes=duration_minutes, next_meeting_on=next_meeting_on)
    if programme is None:
        programme = project.programme
    elif (
        programme.pk != project.programme_id
        and not project.referrals.filter(to_programme=programme, status=ReferralStatus.ACCEPTED).exists()
    ):
        raise PermissionDenied(_("Ce dispositif n'accompagne pas ce projet."))
    meeting = Meeting(
        project=project,
        programme=programme,
        date=date,
        duration_minutes=duration_minutes,
        kind=kind,
        topics=topics,
        decisions=decisions,
        next_steps=next_steps,
        next_meeting_on=next_meeting_on,
        expert=expert,
        created_by=by,
    )
    meeting.full_clean(exclude=["created_by"])
    meeting.save()
    _refresh_meeting_stats(project)
    audit.record(
        actor=by,
        obj=meeting,
        action=AuditAction.CREATE,
        changes=audit.snapshot(meeting, MEETING_FIELDS),
        project=project,
    )
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by, **fields) -> Meeting:
    """Correct a logged meeting (any of MEETING_FIELDS).

    Side effects: saves the meeting, the project's dosage figures, one AuditEvent with the diff
    (none if nothing changed).
    """
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    values = {name: fields.get(name, getattr(meeting, name)) for name in MEETING_FIELDS}
    _check_meeting(
        date=values["date"],
        duration_minutes=values["duration_minutes"],
        next_meeting_on=values["next_meeting_on"],
    )
    before = audit.snapshot(meeting, MEETING_FIELDS)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean(exclude=["created_by", "programme"])
    meeting.save()
    _refresh_meeting_stats(meeting.project)
    changes = audit.diff(before, audit.snapshot(meeting, MEETING_FIELDS))
    if changes:
        audit.record(
            actor=by, obj=meeting, action=AuditAction.UPDATE, changes=changes, project=meeting.project
        )
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, by) -> None:
    """Remove a meeting logged by mistake. Side effects: dosage figures, one AuditEvent."""
    project = meeting.project
    audit.record(
        actor=by,
        obj=meeting,
        action=AuditAction.DELETE,
        changes=audit.snapshot(meeting, MEETING_FIELDS),
        project=project,
    )
    meeting.delete()
    _refresh_meeting_stats(project)


# -- experts ------------------------------------------------------------------------------------


def expert_save(
    *,
    user,
    domains: list[str],
    territory_refs: list[str],
    availability: str = "",
    is_available: bool = True,
    bio="",
) -> Expert:
    """Create or update an expert's profile. Side effects: flags the user as expert."""
    expert, _created = Expert.objects.update_or_create(
        user=user,
        defaults={
            "domains": domains,
            "territory_refs": territory_refs,
            "availability": availability,
            "is_available": is_available,
            "bio": bio,
        },
    )
    if not user.is_expert:
        user.is_expert = True
        user.save(update_fields=["is_expert"])
    return expert


def mobilisation_request(*, project: Project, expert: Expert, domain: str, message: str, by) -> Mobilisation:
    """Ask an expert for time. Side effects: the request, one AuditEvent, an e-mail to the expert."""
    if not message.strip():
        raise ValidationError({"message": _("Décrivez ce que vous attendez de l'expert.")})
    if not expert.is_available:
        raise ValidationError({"expert": _("Cet expert n'est pas disponible en ce moment.")})
    mob = Mobilisation.objects.create(
        project=project, expert=expert, domain=domain, message=message, requested_by=by
    )
    audit.record(actor=by, obj=mob, action=AuditAction.CREATE, project=project, changes={"expert": expert.pk})
    from essaim.accompaniment.tasks import notify_mobilisation

    notify_mobilisation.enqueue(mob.pk)
    return mob


def mobilisation_respond(*, mobilisation: Mobilisation, by, accept: bool, response: str = "") -> Mobilisation:
    """The expert accepts or declines. Side effects: status, one AuditEvent."""
    if mobilisation.expert.user_id != by.pk:
        raise PermissionDenied
    if mobilisation.status != MobilisationStatus.REQUESTED:
        raise ValidationError(_("Cette demande a déjà reçu une réponse."))
    mobilisation.status = MobilisationStatus.ACCEPTED if accept else MobilisationStatus.DECLINED
    mobilisation.response = response
    mobilisation.responded_at = timezone.now()
    mobilisation.save()
    audit.record(
        actor=by,
        obj=mobilisation,
        action=AuditAction.UPDATE,
        changes={"status": [MobilisationStatus.REQUESTED, mobilisation.status]},
        project=mobilisation.project,
    )
    return mobilisation


def mobilisation_record_hours(
    *, mobilisation: Mobilisation, by, hours: Decimal, remuneration: str
) -> Mobilisation:
    """Record the time given once the work is done. Side effects: status done, one AuditEvent."""
    if mobilisation.status not in (MobilisationStatus.ACCEPTED, MobilisationStatus.DONE):
        raise ValidationError(_("Seule une mobilisation acceptée peut recevoir des heures."))
    if hours is None or Decimal(hours) < 0:
        raise ValidationError({"hours": _("Le nombre d'heures ne peut pas être négatif.")})
    if remuneration not in Remuneration.values:
        raise ValidationError({"remuneration": _("Rémunération inconnue.")})
    before = audit.snapshot(mobilisation, ["hours", "remuneration", "status"])
    mobilisation.hours, mobilisation.remuneration = Decimal(hours), remuneration
    mobilisation.status = MobilisationStatus.DONE
    mobilisation.save()
    audit.record(
        actor=by,
        obj=mobilisation,
        action=AuditAction.UPDATE,
        changes=audit.diff(before, audit.snapshot(mobilisation, list(before))),
        project=mobilisation.project,
    )
    return mobilisation


# -- post-creation check-ins ----------------------------------------------------------------------


def checkins_schedule(*, project: Project) -> list[Checkin]:
    """Plan the 6-month, 1, 2, 3 and 5-year check-ins from the creation date (idempotent)."""
    if project.created_on is None:
        return []
    existing = set(project.checkins.values_list("months_after", flat=True))
    new = [
        Checkin(project=project, months_after=m, due_on=add_months(project.created_on, m))
        for m in CHECKIN_MONTHS
        if m not in existing
    ]
    return Checkin.objects.bulk_create(new)


def _clean_checkin(project: Project, data: dict) -> dict:
    errors = {}
    observed_on = data.get("observed_on")
    status = data.get("enterprise_status")
    created = project.created_on
    if observed_on is None:
        errors["observed_on"] = _("Indiquez la date du constat.")
    elif created and observed_on < created:
        errors["observed_on"] = _("Le constat ne peut pas précéder la création (%(date)s).") % {
            "date": created.strftime("%d/%m/%Y")
        }
    if status not in EnterpriseStatus.values:
        errors["enterprise_status"] = _("Indiquez la situation de l'entreprise.")
    ceased_on = data.get("ceased_on")
    if status == EnterpriseStatus.CEASED:
        if ceased_on is None:
            errors["ceased_on"] = _("Indiquez la date de cessation.")
        elif created and ceased_on < created:
            errors["ceased_on"] = _("La cessation ne peut pas précéder la création.")
        elif observed_on and ceased_on > observed_on:
            errors["ceased_on"] = _("La cessation ne peut pas suivre la date du constat.")
    elif ceased_on is not None:
        errors["ceased_on"] = _("Une date de cessation n'a de sens que pour une entreprise qui a cessé.")
    headcount, fte = data.get("headcount"), data.get("fte")
    if headcount is not None and headcount < 0:
        errors["headcount"] = _("L'effectif ne peut pas être négatif.")
    if fte is not None and Decimal(fte) < 0:
        errors["fte"] = _("Le nombre d'emplois ne peut pas être négatif.")
    if errors:
        raise ValidationError(errors)
    return {
        "observed_on": observed_on,
        "enterprise_status": status,
        "ceased_on": ceased_on,
        "headcount": headcount,
        "fte": None if fte is None else Decimal(fte),
        "notes": data.get("notes", ""),
    }


CHECKIN_FIELDS = ["observed_on", "enterprise_status", "ceased_on", "headcount", "fte", "notes"]


@transaction.atomic
def checkin_validate(*, checkin: Checkin, by, **data) -> Checkin:
    """Record and validate a scheduled check-in; afterwards it never changes.

    Side effects: saves the check-in as validated, one AuditEvent.
    """
    checkin = Checkin.objects.select_for_update().select_related("project").get(pk=checkin.pk)
    if checkin.status != CheckinStatus.SCHEDULED:
        raise ValidationError(_("Ce point de suivi est déjà validé : enregistrez une correction."))
    for name, value in _clean_checkin(checkin.project, data).items():
        setattr(checkin, name, value)
    checkin.status = CheckinStatus.VALIDATED
    checkin.validated_by, checkin.validated_at = by, timezone.now()
    checkin.save()
    audit.record(
        actor=by,
        obj=checkin,
        action=AuditAction.VALIDATE,
        changes=audit.snapshot(checkin, CHECKIN_FIELDS),
        project=checkin.project,
    )
    return checkin


@transaction.atomic
def checkin_correct(*, checkin: Checkin, by, **data) -> Checkin:
    """Correct a validated check-in with a new validated record that supersedes it.

    Side effects: the old record becomes "superseded", a new validated record, one AuditEvent.
    """
    old = Checkin.objects.select_for_update().select_related("project").get(pk=checkin.pk)
    if old.status != CheckinStatus.VALIDATED:
        raise ValidationError(_("Seul un point de suivi validé et en vigueur peut être corrigé."))
    clean = _clean_checkin(old.project, data)
    old.status = CheckinStatus.SUPERSEDED
    old.save()
    new = Checkin.objects.create(
        project=old.project,
        months_after=old.months_after,
        due_on=old.due_on,
        status=CheckinStatus.VALIDATED,
        supersedes=old,
        validated_by=by,
        validated_at=timezone.now(),
        **clean,
    )
    audit.record(
        actor=by,
        obj=new,
        action=AuditAction.VALIDATE,
        changes={
            **audit.diff(audit.snapshot(old, CHECKIN_FIELDS), audit.snapshot(new, CHECKIN_FIELDS)),
            "supersedes": old.pk,
        },
        project=old.project,
    )
    return new
