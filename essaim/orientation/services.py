"""The one write of orientation: a carrier's contact request to a programme."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.directory.models import Programme
from essaim.orientation.models import ContactRequest
from essaim.territories.models import Commune


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
    sender=None,
) -> ContactRequest:
    """Store the request and queue the e-mail to the programme's contact and staff.

    Side effects: one ContactRequest row; the task `notify_contact_request` is enqueued in
    the same transaction (the database task backend stores it with the request, or neither). Raises ValidationError without the carrier's consent or on invalid fields.
    """
    if not consent:
        raise ValidationError(
            {"consent": _("Votre accord est nécessaire pour transmettre votre message au dispositif.")}
        )
    if not programme.is_published:
        raise ValidationError(_("Ce dispositif n'est pas publié."))
    request = ContactRequest(
        programme=programme,
        sender=sender if sender is not None and sender.is_authenticated else None,
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
    with transaction.atomic():
        request.save()
        _enqueue(request.pk)
    return request


def contact_requests_create(
    *,
    programmes: list[Programme],
    name: str,
    email: str,
    message: str,
    consent: bool,
    phone: str = "",
    commune_code: str | None = None,
    stage: str = "",
    needs: list[str] | tuple[str, ...] = (),
    sender=None,
) -> list[ContactRequest]:
    """The carrier leaves their details once for several programmes (the nearest alternatives).

    Side effects: one ContactRequest per programme, all with the same consent time, and one
    notification task each, in one transaction (all or none). Raises ValidationError without
    consent, without any published programme, or on invalid fields.
    """
    if not consent:
        raise ValidationError(
            {"consent": _("Votre accord est nécessaire pour transmettre vos coordonnées aux dispositifs.")}
        )
    programmes = [p for p in programmes if p.is_published]
    if not programmes:
        raise ValidationError(_("Aucun dispositif à qui transmettre votre demande."))
    commune = Commune.objects.filter(pk=commune_code).first() if commune_code else None
    now = timezone.now()
    requests = []
    for programme in programmes:
        request = ContactRequest(
            programme=programme,
            sender=sender if sender is not None and sender.is_authenticated else None,
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
    with transaction.atomic():
        for request in requests:
            request.save()
            _enqueue(request.pk)
    return requests


def _enqueue(contact_request_id: int) -> None:
    from essaim.orientation.tasks import notify_contact_request

    notify_contact_request.enqueue(contact_request_id)


def contact_request_recipients(contact_request: ContactRequest) -> list[str]:
    """The programme's contact e-mail, else its organisation's, plus its organisation staff."""
    from essaim.accounts.models import Membership

    programme = contact_request.programme
    recipients = [programme.contact_email or programme.organisation.email]
    recipients += Membership.objects.filter(organisation_id=programme.organisation_id).values_list(
        "user__email", flat=True
    )
    seen, result = set(), []
    for address in recipients:
        if address and address.lower() not in seen:
            seen.add(address.lower())
            result.append(address)
    return result


def _rate_key(address: str) -> str:
    return f"essaim:orientation:contact:{address}"


def contact_is_rate_limited(*, address: str) -> bool:
    """Has this network address sent `ORIENTATION_CONTACT_RATE_LIMIT` (default 10) requests this hour?"""
    limit = getattr(settings, "ORIENTATION_CONTACT_RATE_LIMIT", 10)
    return cache.get(_rate_key(address), 0) >= limit


def contact_record_sent(*, address: str) -> None:
    """Count one request from this address. Side effect: a cache counter living one hour."""
    key = _rate_key(address)
    cache.add(key, 0, timeout=3600)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
