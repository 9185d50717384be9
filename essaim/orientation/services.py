"""The one write of orientation: a carrier's contact request to a programme, an ecosystem or the
local authorities of their territory, and what its recipients make of it.

Every function is a `@service` (essaim/core/services.py): keyword-only, `by` the person acting
(the sender, signed in or not; a recipient for the moves), one transaction, one activity-log
event per request written. Who a request reaches is `orientation.recipients`; how many an
address may send, `orientation.ratelimit`.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.audit import recorder
from essaim.core.actors import SystemActor
from essaim.core.services import service
from essaim.directory.models import Ecosystem, Programme
from essaim.orientation.models import ContactRequest, Recipient
from essaim.orientation.tasks import notify_contact_request
from essaim.orientation.workflows import CONTACT
from essaim.territories.models import Commune

# Who the activity log names when a carrier without an account sends a request.
VISITOR = SystemActor("visiteur sans compte")


def _sender(by):
    return by if by is not None and by.is_authenticated else None


def _record_sent(by, request: ContactRequest) -> None:
    # The carrier's details stay in the request (erased with it), not in the log.
    recorder.record(
        actor=_sender(by) or VISITOR,
        obj=request,
        action="create",
        changes={"recipient": [None, request.recipient]},
        programme_id=request.programme_id,
    )


@service
def contact_request_create(
    *,
    programme: Programme,
    name: str,
    email: str,
    message: str,
    consent: bool,
    phone: str = "",
    commune_code: str | None = None,
    stage: str = "",
    needs: list[str] | tuple[str, ...] = (),
    by,
) -> ContactRequest:
    """Store the request and queue the e-mail to the programme's contact and staff.

    `by` is the sender: a signed-in person (kept as the request's sender) or an anonymous
    visitor. Side effects: one ContactRequest row, one activity-log event; the task
    `notify_contact_request` is enqueued in the same transaction (the database task backend
    stores it with the request, or neither). Raises ValidationError without the carrier's
    consent or on invalid fields.
    """
    if not consent:
        raise ValidationError(
            {"consent": _("Votre accord est nécessaire pour transmettre votre message au dispositif.")}
        )
    if not programme.is_published:
        raise ValidationError(_("Ce dispositif n'est pas publié."))
    request = ContactRequest(
        programme=programme,
        sender=_sender(by),
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        message=message.strip(),
        commune=Commune.objects.filter(pk=commune_code).first() if commune_code else None,
        stage=stage,
        needs=list(needs),
        consent_at=timezone.now(),
    )
    request.full_clean()
    request.save()
    _record_sent(by, request)
    notify_contact_request.enqueue(request.pk)
    return request


# A second submission of the same details within this delay reaches nobody twice.
DUPLICATE_WINDOW = timedelta(hours=24)


@service
def contact_requests_create(
    *,
    programmes: list[Programme],
    name: str,
    email: str,
    message: str,
    consent: bool,
    ecosystems: list[Ecosystem] | tuple[Ecosystem, ...] = (),
    territory: bool = False,
    phone: str = "",
    commune_code: str | None = None,
    stage: str = "",
    needs: list[str] | tuple[str, ...] = (),
    by,
) -> list[ContactRequest]:
    """The carrier leaves their details once for several recipients: the programmes of the
    nearest alternatives, the ecosystems covering their territory and, with `territory`, the
    local authorities following their commune (see `orientation.recipients`).

    `by` is the sender, as for `contact_request_create`. Side effects: one ContactRequest per
    recipient, all with the same consent time, one activity-log event and one notification task
    each, in one transaction (all or none). A recipient who already received
    a request from the same e-mail address within `DUPLICATE_WINDOW` is skipped (a second
    submission is not duplicated); returns the requests created, possibly none. Raises
    ValidationError without consent, without any recipient, or on invalid fields.
    """
    if not consent:
        raise ValidationError(
            {"consent": _("Votre accord est nécessaire pour transmettre vos coordonnées aux dispositifs.")}
        )
    commune = Commune.objects.filter(pk=commune_code).first() if commune_code else None
    addressed = [{"recipient": Recipient.PROGRAMME, "programme": p} for p in programmes if p.is_published]
    addressed += [{"recipient": Recipient.ECOSYSTEM, "ecosystem": eco} for eco in ecosystems]
    if territory and commune is not None:
        addressed.append({"recipient": Recipient.TERRITORY})
    if not addressed:
        raise ValidationError(_("Aucun destinataire à qui transmettre votre demande."))
    now = timezone.now()
    requests = []
    for to in addressed:
        request = ContactRequest(
            **to,
            sender=_sender(by),
            name=name.strip(),
            email=email.strip(),
            phone=phone.strip(),
            message=message.strip(),
            commune=commune,
            stage=stage,
            needs=list(needs),
            consent_at=now,
        )
        request.full_clean()
        requests.append(request)
    sent = _already_sent(requests[0].email, now - DUPLICATE_WINDOW, commune)
    requests = [r for r in requests if _key(r) not in sent]
    for request in requests:
        request.save()
        _record_sent(by, request)
        notify_contact_request.enqueue(request.pk)
    if not requests:  # a second submission: nothing written, and the log says it was checked
        recorder.record(
            actor=_sender(by) or VISITOR, obj=None, action="validate", verb="contact_requests_create"
        )
    return requests


def _key(request: ContactRequest) -> tuple:
    return (request.recipient, request.programme_id, request.ecosystem_id)


def _already_sent(email: str, since, commune) -> set[tuple]:
    recent = ContactRequest.objects.filter(email__iexact=email, created_at__gte=since)
    rows = recent.values_list("recipient", "programme_id", "ecosystem_id", "commune_id")
    # The authorities of another commune are other recipients.
    return {
        (recipient, programme, ecosystem)
        for recipient, programme, ecosystem, code in rows
        if recipient != Recipient.TERRITORY or code == (commune.pk if commune else None)
    }


@service
def contact_request_transition(
    *, contact_request: ContactRequest, action: str, by, comment: str = ""
) -> ContactRequest:
    """Mark a request answered, turned into a project, closed (with a reason) or reopened.

    Side effects: the request's state, one activity-log event (the move, the reason as its
    comment). PermissionDenied for anyone it was not addressed to; ValidationError for a move
    its state does not allow or a closing without a reason.
    """
    return CONTACT.apply(contact_request, action, by=by, comment=comment)
