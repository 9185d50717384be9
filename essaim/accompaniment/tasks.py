"""E-mails of accompaniment, sent by the task worker. Tasks receive ids, never objects.

`send_reminders` is enqueued daily (`manage.py send_reminders`, e.g. from cron): it reminds
carriers who have not answered a referral and experts who have not answered a request,
once per configured delay (10, 14 and 30 days by default, per programme).
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _send(subject: str, body: str, recipients) -> int:
    emails = sorted({e for e in recipients if e})
    if not emails:
        return 0
    send_mail(subject, body, None, emails)
    return len(emails)


def _staff_emails(organisation_id: int) -> list[str]:
    from essaim.accounts.models import Membership

    return list(
        Membership.objects.filter(organisation_id=organisation_id, user__is_active=True).values_list(
            "user__email", flat=True
        )
    )


@task()
def notify_transition(transition_id: int) -> int:
    from essaim.accompaniment.enums import ProjectStatus
    from essaim.accompaniment.models import StageTransition

    log = StageTransition.objects.select_related("project", "to_stage").get(pk=transition_id)
    project = log.project
    with translation.override(settings.LANGUAGE_CODE):
        if log.to_status == ProjectStatus.ABANDONED:
            subject = _("Votre projet « %(project)s » est arrêté") % {"project": project.name}
        else:
            subject = _("Votre projet « %(project)s » passe à l'étape « %(stage)s »") % {
                "project": project.name,
                "stage": log.to_stage.name,
            }
        body = _("Bonjour,\n\n%(subject)s.\n%(comment)s\nVotre espace : %(url)s\n\nL'équipe Essaim") % {
            "subject": subject,
            "comment": log.comment,
            "url": _url(f"/espace/projets/{project.pk}/"),
        }
    return _send(subject, body, project.carriers.filter(is_active=True).values_list("email", flat=True))


@task()
def notify_referral(event_id: int) -> int:
    from essaim.accompaniment.enums import ReferralStatus
    from essaim.accompaniment.models import ReferralEvent

    event = ReferralEvent.objects.select_related(
        "referral__project", "referral__from_programme", "referral__to_programme"
    ).get(pk=event_id)
    referral = event.referral
    carriers = list(referral.project.carriers.filter(is_active=True).values_list("email", flat=True))
    names = {
        "project": referral.project.name,
        "from": referral.from_programme.name,
        "to": referral.to_programme.name,
        "status": referral.get_status_display(),
        "url": _url(f"/espace/passerelles/{referral.pk}/"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        if event.to_status == ReferralStatus.AWAITING_CONSENT:
            subject = _("%(from)s propose d'orienter votre projet vers %(to)s") % names
            body = _(
                "Bonjour,\n\n%(from)s propose de présenter votre projet « %(project)s » à %(to)s. "
                "Rien n'est transmis sans votre accord : choisissez ce que vous acceptez de partager sur %(url)s"
                "\n\nL'équipe Essaim"
            )
            recipients = carriers
        elif event.to_status == ReferralStatus.PROPOSED:
            subject = _("Un projet vous est proposé par %(from)s") % names
            body = _(
                "Bonjour,\n\n%(from)s vous propose le projet « %(project)s ». Répondez sur %(url)s\n\nL'équipe Essaim"
            )
            recipients = _staff_emails(referral.to_programme.organisation_id)
        else:
            subject = _("Passerelle « %(project)s » vers %(to)s : %(status)s") % names
            body = _(
                "Bonjour,\n\nLa passerelle du projet « %(project)s » vers %(to)s est désormais : %(status)s.\n%(url)s\n\nL'équipe Essaim"
            )
            recipients = carriers + _staff_emails(referral.from_programme.organisation_id)
        return _send(subject, body % names, recipients)


@task()
def notify_mobilisation(mobilisation_id: int) -> int:
    from essaim.accompaniment.models import Mobilisation

    mob = Mobilisation.objects.select_related("project__programme", "expert__user").get(pk=mobilisation_id)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Demande d'expertise : %(project)s") % {"project": mob.project.name}
        body = _(
            "Bonjour,\n\n%(programme)s sollicite votre expertise (%(domain)s) :\n%(message)s\n\nRépondez sur %(url)s\n\nL'équipe Essaim"
        ) % {
            "programme": mob.project.programme.name,
            "domain": mob.get_domain_display(),
            "message": mob.message,
            "url": _url("/espace/expertises/"),
        }
    return _send(subject, body, [mob.expert.user.email])


def _delays(programme_id: int, cache: dict) -> list[int]:
    from essaim.accompaniment.models import ProgrammeSettings
    from essaim.accompaniment.services import DEFAULT_REMINDER_DELAYS

    if programme_id not in cache:
        obj = ProgrammeSettings.objects.filter(programme_id=programme_id).first()
        cache[programme_id] = sorted(
            obj.reminder_delays if obj and obj.reminder_delays else DEFAULT_REMINDER_DELAYS
        )
    return cache[programme_id]


def _due_delay(age_days: int, delays: list[int]) -> int | None:
    """The largest configured delay already reached, or None."""
    reached = [d for d in delays if d <= age_days]
    return reached[-1] if reached else None


def _log_once(kind: str, object_id: int, delay: int) -> bool:
    from essaim.accompaniment.models import ReminderLog

    try:
        with transaction.atomic():
            ReminderLog.objects.create(kind=kind, object_id=object_id, delay_days=delay)
    except IntegrityError:
        return False
    return True


@task()
def send_reminders() -> int:
    """Remind whoever has not answered. Returns the number of reminders sent."""
    from essaim.accompaniment.enums import MobilisationStatus, ReferralStatus
    from essaim.accompaniment.models import Mobilisation, Referral

    today = timezone.localdate()
    cache: dict[int, list[int]] = {}
    sent = 0
    horizon = timezone.now() - timedelta(days=1)
    with translation.override(settings.LANGUAGE_CODE):
        for referral in Referral.objects.filter(
            status=ReferralStatus.AWAITING_CONSENT, created_at__lte=horizon
        ).select_related("project", "to_programme"):
            age = (today - timezone.localtime(referral.created_at).date()).days
            delay = _due_delay(age, _delays(referral.from_programme_id, cache))
            if delay is None or not _log_once("referral_consent", referral.pk, delay):
                continue
            subject = _("Rappel : votre accord est attendu pour « %(project)s »") % {
                "project": referral.project.name
            }
            body = _(
                "Bonjour,\n\nUne proposition d'orientation vers %(to)s attend votre réponse depuis %(days)s jours : %(url)s\n\nL'équipe Essaim"
            ) % {
                "to": referral.to_programme.name,
                "days": age,
                "url": _url(f"/espace/passerelles/{referral.pk}/"),
            }
            sent += bool(_send(subject, body, referral.project.carriers.values_list("email", flat=True)))
        for mob in Mobilisation.objects.filter(
            status=MobilisationStatus.REQUESTED, created_at__lte=horizon
        ).select_related("project", "expert__user"):
            age = (today - timezone.localtime(mob.created_at).date()).days
            delay = _due_delay(age, _delays(mob.project.programme_id, cache))
            if delay is None or not _log_once("mobilisation", mob.pk, delay):
                continue
            subject = _("Rappel : une demande d'expertise attend votre réponse")
            body = _(
                "Bonjour,\n\nLa demande concernant « %(project)s » attend votre réponse depuis %(days)s jours : %(url)s\n\nL'équipe Essaim"
            ) % {
                "project": mob.project.name,
                "days": age,
                "url": _url("/espace/expertises/"),
            }
            sent += bool(_send(subject, body, [mob.expert.user.email]))
    return sent
