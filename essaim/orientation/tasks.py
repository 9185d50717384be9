"""E-mail notification of a contact request, sent by the task worker. Receives an id."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from essaim.directory.enums import LifeStage, Need
from essaim.orientation.models import ContactRequest, Recipient
from essaim.orientation.recipients import contact_request_recipients
from essaim.orientation.wording import in_place


@task()
def notify_contact_request(contact_request_id: int) -> int:
    """Send the carrier's message to the programme; returns the number of recipients."""
    request = ContactRequest.objects.select_related(
        "programme__organisation", "ecosystem__leader", "commune"
    ).get(pk=contact_request_id)
    recipients = contact_request_recipients(request)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject, introduction = _introduction(request)
        lines = [
            _("Bonjour,"),
            "",
            introduction,
            _("Elle a accepté que ce message vous soit transmis."),
            "",
            _("Nom : %(name)s") % {"name": request.name},
            _("Courriel : %(email)s") % {"email": request.email},
        ]
        if request.phone:
            lines.append(_("Téléphone : %(phone)s") % {"phone": request.phone})
        if request.commune:
            lines.append(_("Commune : %(commune)s") % {"commune": request.commune.name})
        if request.stage:
            lines.append(_("Étape : %(stage)s") % {"stage": LifeStage(request.stage).label})
        if request.needs:
            needs = ", ".join(str(Need(n).label) for n in request.needs)
            lines.append(_("Besoins : %(needs)s") % {"needs": needs})
        lines += [
            "",
            request.message,
            "",
            _("Toutes les demandes : %(url)s")
            % {"url": settings.SITE_URL.rstrip("/") + "/orientation/demandes/"},
        ]
    body = "\n".join(str(line) for line in lines)
    # The carrier is the one to answer: replies go to them, not to the platform.
    EmailMessage(subject, body, None, recipients, reply_to=[request.email]).send()
    ContactRequest.objects.filter(pk=request.pk).update(notified_at=timezone.now())
    return len(recipients)


def _introduction(request) -> tuple[str, str]:
    """The subject and first sentence of the e-mail, by recipient."""
    if request.recipient == Recipient.ECOSYSTEM:
        name = request.ecosystem.name
        return (
            _("Demande de contact pour l'écosystème %(ecosystem)s") % {"ecosystem": name},
            _(
                "Une personne dont le projet se situe sur le territoire de l'écosystème « %(ecosystem)s », "
                "où peu de dispositifs d'appui à l'ESS accompagnent son étape, souhaite être contactée."
            )
            % {"ecosystem": name},
        )
    if request.recipient == Recipient.TERRITORY:
        commune = request.commune
        where = in_place("commune", commune.pk, commune.name) if commune else ""
        return (
            _("Demande de contact d'un porteur de projet %(where)s") % {"where": where},
            _(
                "Une personne dont le projet se situe %(where)s, sur votre territoire, où peu de "
                "dispositifs d'appui à l'ESS accompagnent son étape, souhaite être contactée."
            )
            % {"where": where},
        )
    name = request.programme.name
    return (
        _("Demande de contact pour %(programme)s") % {"programme": name},
        _("Une personne a trouvé votre dispositif « %(programme)s » sur Essaim et souhaite être contactée.")
        % {"programme": name},
    )
