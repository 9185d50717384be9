"""Writes after the doors open: attendance (counted as collective hours in the attendees'
projects), the feedback survey, the reminders sent by the task worker.

Attendance of a session by a carrier is one collective meeting (`MeetingKind.WORKSHOP`) in each
of their active projects run by a programme of the event (the event's programme, or a member
of the ecosystem) that the person recording may follow: `accompaniment.meeting_create`, the
same service as a meeting logged by hand, so the project's dosage and reports count it.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accompaniment import rules as accompaniment_rules
from essaim.accompaniment.enums import MeetingKind, ProjectStatus
from essaim.accompaniment.models import Project
from essaim.accompaniment.services import meeting_create, meeting_delete
from essaim.audit import record
from essaim.core.errors import TransitionNotAllowed, ValidationError
from essaim.core.services import ensure, service
from essaim.events import rules
from essaim.events.models import (
    MAX_COMMENT,
    Attendance,
    EventState,
    Feedback,
    Registration,
    RegistrationState,
    Session,
    SessionReminder,
)
from essaim.events.notices import feedback_request_notice, session_reminder_notice


def _projects_counted(registration: Registration, by) -> list[Project]:
    if registration.user_id is None:
        return []
    event = registration.event
    programme_ids = [event.programme_id] if event.programme_id else event.ecosystem.members.values("pk")
    projects = Project.objects.filter(
        carriers=registration.user_id, status=ProjectStatus.ACTIVE, programme_id__in=programme_ids
    ).select_related("programme")
    return [p for p in projects.order_by("pk") if accompaniment_rules.can_manage_project(by, p)]


@service(permission=rules.can_manage_event, on="registration")
def attendance_mark(*, registration: Registration, session: Session, by) -> Attendance:
    """Record that the person came to this session (the door list or the ticket's QR code).

    Side effects: one Attendance, one collective meeting per project counted, events.
    Marking twice changes nothing.
    """
    if session.event_id != registration.event_id:
        raise ValidationError(_("Cette séance n'est pas une séance de cet événement."))
    if registration.state != RegistrationState.CONFIRMED:
        raise TransitionNotAllowed(_("Seules les personnes dont l'inscription est confirmée sont pointées."))
    if registration.event.state == EventState.CANCELLED:
        raise TransitionNotAllowed(_("Cet événement est annulé."))
    day = timezone.localtime(session.starts_at).date()
    if day > timezone.localdate():
        raise TransitionNotAllowed(_("On pointe les présents le jour de la séance, ou après."))
    found = Attendance.objects.filter(registration=registration, session=session).first()
    if found:
        return found
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                registration=registration, session=session, checked_by=by if by.is_authenticated else None
            )
    except IntegrityError:  # the same person scanned twice at once
        return Attendance.objects.get(registration=registration, session=session)
    event = registration.event
    for project in _projects_counted(registration, by):
        meeting = meeting_create(
            project=project,
            by=by,
            date=day,
            duration_minutes=min(session.minutes, 24 * 60),
            kind=MeetingKind.WORKSHOP,
            topics=_("%(kind)s : %(title)s") % {"kind": event.get_kind_display(), "title": event.title},
        )
        attendance.meetings.add(meeting)
    record(actor=by, obj=attendance, action="create", changes={"session": session.pk})
    return attendance


@service(permission=rules.can_manage_event, on="attendance")
def attendance_unmark(*, attendance: Attendance, by) -> Registration:
    """Undo an attendance recorded by mistake, with the collective hours it counted."""
    for meeting in attendance.meetings.all():
        meeting_delete(meeting=meeting, by=by)
    record(actor=by, obj=attendance, action="delete", changes={"session": attendance.session_id})
    registration = attendance.registration
    attendance.delete()
    return registration


@service(permission=rules.is_registrant, on="registration")
def feedback_submit(
    *, registration: Registration, by, rating: int, usefulness: int, comment: str = ""
) -> Feedback:
    """The attendee's answer to the survey (one per attendee, after they came).

    Side effects: one Feedback row, one event.
    """
    if not registration.attendances.exists():
        raise TransitionNotAllowed(_("Le questionnaire est réservé aux personnes venues à l'événement."))
    if Feedback.objects.filter(registration=registration).exists():
        raise ValidationError(_("Vous avez déjà donné votre avis sur cet événement : merci !"))
    comment = (comment or "").strip()
    errors = {}
    for name, value in (("rating", rating), ("usefulness", usefulness)):
        if not isinstance(value, int) or not 1 <= value <= 5:
            errors[name] = _("Choisissez une note de 1 à 5.")
    if len(comment) > MAX_COMMENT:
        errors["comment"] = _("Le commentaire dépasse 2 000 caractères.")
    if errors:
        raise ValidationError(errors)
    feedback = Feedback.objects.create(
        registration=registration, rating=rating, usefulness=usefulness, comment=comment
    )
    record(actor=by, obj=feedback, action="create", changes={"rating": rating, "usefulness": usefulness})
    return feedback


@service
def session_reminder_send(*, registration: Registration, session: Session, by) -> SessionReminder:
    """The day-before reminder of one session, sent once (a second send raises IntegrityError)."""
    ensure(rules.is_scheduler, by, message=_("Réservé aux tâches planifiées."))
    sent = SessionReminder.objects.create(registration=registration, session=session)
    session_reminder_notice(registration, session)
    record(actor=by, obj=registration, action="update", changes={"reminded_session": session.pk})
    return sent


@service
def feedback_request_send(*, event, by) -> int:
    """After the event, each attendee receives the survey's link, once. Returns e-mails sent."""
    ensure(rules.is_scheduler, by, message=_("Réservé aux tâches planifiées."))
    event.feedback_requested_at = timezone.now()
    event.save(update_fields=["feedback_requested_at"])
    attendees = event.registrations.filter(attendances__isnull=False).distinct().select_related("event")
    sent = sum(feedback_request_notice(r) for r in attendees.order_by("pk"))
    record(actor=by, obj=event, action="update", changes={"feedback_requests": sent})
    return sent
