"""Writes of a project's follow-up: meetings, experts and their mobilisation, post-creation check-ins."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accompaniment import rules
from essaim.accompaniment.enums import EnterpriseStatus, ReferralStatus, Remuneration
from essaim.accompaniment.models import Checkin, Expert, Meeting, Mobilisation, Project
from essaim.accompaniment.workflows import CHECKIN, MOBILISATION, as_person
from essaim.audit import recorder
from essaim.audit.models import Action
from essaim.core.errors import PermissionDenied
from essaim.core.services import ensure, service
from essaim.notifications.services import notify
from essaim.notifications.urls import site_url

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


def _ensure_may_log(by, project: Project, programme) -> None:
    """The running programme's staff log its meetings; the receiving programme of an accepted
    referral logs its own."""
    if programme.pk == project.programme_id:
        ensure(rules.can_manage_project, by, project)
        return
    referral = project.referrals.filter(to_programme=programme, status=ReferralStatus.ACCEPTED).first()
    if referral is None:
        raise PermissionDenied(_("Ce dispositif n'accompagne pas ce projet."))
    ensure(rules.can_log_referred_meeting, by, referral)


@service
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
    the receiving programme of an accepted referral of the project).

    Side effects: the meeting, the project's dosage figures, one event.
    """
    programme = programme or project.programme
    _ensure_may_log(by, project, programme)
    _check_meeting(date=date, duration_minutes=duration_minutes, next_meeting_on=next_meeting_on)
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
        created_by=as_person(by),
    )
    meeting.full_clean(exclude=["created_by"])
    meeting.save()
    _refresh_meeting_stats(project)
    recorder.record(
        actor=by, obj=meeting, action=Action.CREATE, changes=recorder.snapshot(meeting, MEETING_FIELDS)
    )
    return meeting


# A correction that changes nothing logs nothing: the event is written only when a field changed.
@service(permission=rules.can_manage_project_child, on="meeting", audit=False)
def meeting_update(*, meeting: Meeting, by, **fields) -> Meeting:
    """Correct a logged meeting (any of MEETING_FIELDS).

    Side effects: saves the meeting, the project's dosage figures, one event with the diff
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
    before = recorder.snapshot(meeting, MEETING_FIELDS)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean(exclude=["created_by", "programme"])
    meeting.save()
    _refresh_meeting_stats(meeting.project)
    changes = recorder.diff(before, recorder.snapshot(meeting, MEETING_FIELDS))
    if changes:
        recorder.record(actor=by, obj=meeting, action=Action.UPDATE, changes=changes)
    return meeting


@service(permission=rules.can_manage_project_child, on="meeting")
def meeting_delete(*, meeting: Meeting, by) -> Project:
    """Remove a meeting logged by mistake. Side effects: dosage figures, one event."""
    project = meeting.project
    recorder.record(
        actor=by, obj=meeting, action=Action.DELETE, changes=recorder.snapshot(meeting, MEETING_FIELDS)
    )
    meeting.delete()
    _refresh_meeting_stats(project)
    return project


# -- experts ------------------------------------------------------------------------------------


EXPERT_FIELDS = ["domains", "territory_refs", "availability", "is_available", "bio"]


@service(permission=rules.can_edit_expert_profile, on="user")
def expert_save(
    *,
    user,
    by,
    domains: list[str],
    territory_refs: list[str],
    availability: str = "",
    is_available: bool = True,
    bio="",
) -> Expert:
    """Create or update an expert's profile. Side effects: the profile, flags the user as
    expert, one event."""
    values = {
        "domains": domains,
        "territory_refs": territory_refs,
        "availability": availability,
        "is_available": is_available,
        "bio": bio,
    }
    expert, created = Expert.objects.update_or_create(user=user, defaults=values)
    if not user.is_expert:
        user.is_expert = True
        user.save(update_fields=["is_expert"])
    action = Action.CREATE if created else Action.UPDATE
    recorder.record(actor=by, obj=expert, action=action, changes=recorder.snapshot(expert, EXPERT_FIELDS))
    return expert


@service(permission=rules.can_manage_project, on="project")
def mobilisation_request(*, project: Project, expert: Expert, domain: str, message: str, by) -> Mobilisation:
    """Ask an expert for time. Side effects: the request, one event, an e-mail to the expert."""
    if not message.strip():
        raise ValidationError({"message": _("Décrivez ce que vous attendez de l'expert.")})
    if not expert.is_available:
        raise ValidationError({"expert": _("Cet expert n'est pas disponible en ce moment.")})
    mob = Mobilisation.objects.create(
        project=project, expert=expert, domain=domain, message=message, requested_by=as_person(by)
    )
    recorder.record(actor=by, obj=mob, action=Action.CREATE, changes={"expert": expert.pk})
    notify(
        "accompaniment/mobilisation_request",
        to=[expert.user],
        context={"mobilisation": mob, "url": site_url("workspace:expert_requests")},
    )
    return mob


@service(permission=rules.is_mobilised_expert, on="mobilisation")
def mobilisation_respond(*, mobilisation: Mobilisation, by, accept: bool, response: str = "") -> Mobilisation:
    """The expert accepts or declines (`workflows.MOBILISATION`). Side effects: status, one event."""
    return MOBILISATION.apply(mobilisation, "accept" if accept else "decline", by=by, response=response)


@service(permission=rules.can_manage_project_child, on="mobilisation")
def mobilisation_record_hours(
    *, mobilisation: Mobilisation, by, hours: Decimal, remuneration: str
) -> Mobilisation:
    """Record the time given once the work is done. Side effects: status done, one event."""
    if hours is None or Decimal(hours) < 0:
        raise ValidationError({"hours": _("Le nombre d'heures ne peut pas être négatif.")})
    if remuneration not in Remuneration.values:
        raise ValidationError({"remuneration": _("Rémunération inconnue.")})
    return MOBILISATION.apply(
        mobilisation, "record_hours", by=by, hours=Decimal(hours), remuneration=remuneration
    )


# -- post-creation check-ins ----------------------------------------------------------------------


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


@service(permission=rules.can_manage_project_child, on="checkin")
def checkin_validate(*, checkin: Checkin, by, **data) -> Checkin:
    """Record and validate a scheduled check-in; afterwards it never changes.

    Side effects: saves the check-in as validated, one event (the move, with the figures).
    """
    return CHECKIN.apply(checkin, "validate", by=by, data=_clean_checkin(checkin.project, data))


@service(permission=rules.can_manage_project_child, on="checkin")
def checkin_correct(*, checkin: Checkin, by, **data) -> Checkin:
    """Correct a validated check-in with a new validated record that supersedes it.

    Side effects: the old record becomes "superseded" (one event, the move), a new validated
    record (one event with what changed). Returns the new record.
    """
    old = CHECKIN.apply(checkin, "correct", by=by, data=_clean_checkin(checkin.project, data))
    return old.last_move.params["replacement"]
