"""E-mails of calls and job offers, sent by the task worker. Tasks receive ids, never objects."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@task()
def send_application_receipt(application_id: int) -> None:
    from essaim.calls.models import Application

    application = Application.objects.select_related("call", "carrier").get(pk=application_id)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Candidature reçue : %(call)s") % {"call": application.call.title}
        body = _(
            "Bonjour,\n\nNous avons bien reçu votre candidature « %(project)s » à l'appel « %(call)s ».\n"
            "Vous pouvez la suivre depuis votre espace : %(url)s\n\nL'équipe Essaim"
        ) % {
            "project": application.project_name,
            "call": application.call.title,
            "url": _site_url(f"/espace/appels/candidatures/{application.pk}/"),
        }
    send_mail(subject, body, None, [application.carrier.email])


@task()
def send_application_decision(application_id: int) -> None:
    from essaim.calls.models import Application

    application = Application.objects.select_related("call", "carrier").get(pk=application_id)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Décision sur votre candidature : %(call)s") % {"call": application.call.title}
        body = _(
            "Bonjour,\n\nLe comité de sélection de l'appel « %(call)s » a rendu sa décision sur votre "
            "candidature « %(project)s » : %(decision)s.\n\nRetour du comité :\n%(feedback)s\n\n"
            "Votre espace : %(url)s\n\nL'équipe Essaim"
        ) % {
            "call": application.call.title,
            "project": application.project_name,
            "decision": application.get_state_display().lower(),
            "feedback": application.feedback,
            "url": _site_url(f"/espace/appels/candidatures/{application.pk}/"),
        }
    send_mail(subject, body, None, [application.carrier.email])


@task()
def send_candidacy_receipt(candidacy_id: int) -> None:
    from essaim.calls.models import Candidacy

    candidacy = Candidacy.objects.select_related("offer", "candidate").get(pk=candidacy_id)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Candidature reçue : %(offer)s") % {"offer": candidacy.offer.title}
        body = _(
            "Bonjour,\n\nNous avons bien reçu votre candidature au poste « %(offer)s ».\n"
            "L'équipe du dispositif reviendra vers vous.\n\nL'équipe Essaim"
        ) % {"offer": candidacy.offer.title}
    send_mail(subject, body, None, [candidacy.candidate.email])
