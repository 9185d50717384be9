"""The one write of orientation: a carrier's contact request to a programme, an ecosystem or the
local authorities of their territory."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.directory.models import Ecosystem, Programme
from essaim.orientation.models import ContactRequest, Recipient
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


# A second submission of the same details within this delay reaches nobody twice.
DUPLICATE_WINDOW = timedelta(hours=24)


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
    sender=None,
) -> list[ContactRequest]:
    """The carrier leaves their details once for several recipients: the programmes of the
    nearest alternatives, the ecosystems covering their territory and, with `territory`, the
    local authorities following their commune (see `orientation.recipients`).

    Side effects: one ContactRequest per recipient, all with the same consent time, and one
    notification task each, in one transaction (all or none). A recipient who already received
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
        sent = _already_sent(requests[0].email, now - DUPLICATE_WINDOW, commune)
        requests = [r for r in requests if _key(r) not in sent]
        for request in requests:
            request.save()
            _enqueue(request.pk)
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


def _enqueue(contact_request_id: int) -> None:
    from essaim.orientation.tasks import notify_contact_request

    notify_contact_request.enqueue(contact_request_id)


def contact_request_recipients(contact_request: ContactRequest) -> list[str]:
    """The e-mail addresses a request goes to, without repeats.

    A programme: its contact e-mail, else its organisation's, and its organisation's staff. An
    ecosystem: its leader organisation's e-mail and staff. The territory: the local-authority
    viewers whose territorial scope contains the carrier's commune.
    """
    from essaim.accounts.models import Membership, TerritoryScope

    if contact_request.recipient == Recipient.TERRITORY:
        commune = contact_request.commune
        if commune is None:
            return []
        keys = Q(level="national")
        for level, code in (
            ("commune", commune.pk),
            ("epci", commune.epci_id),
            ("departement", commune.departement_id),
            ("region", commune.region_id),
        ):
            if code:
                keys |= Q(level=level, code=code)
        scopes = TerritoryScope.objects.filter(
            keys, kind=TerritoryScope.Kind.LOCAL_AUTHORITY, user__is_active=True
        )
        recipients = list(scopes.order_by("user__email").values_list("user__email", flat=True))
    else:
        if contact_request.recipient == Recipient.ECOSYSTEM:
            organisation = contact_request.ecosystem.leader
            recipients = [organisation.email if organisation else ""]
        else:
            programme = contact_request.programme
            organisation = programme.organisation
            recipients = [programme.contact_email or organisation.email]
        if organisation is not None:
            recipients += Membership.objects.filter(organisation_id=organisation.pk).values_list(
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
