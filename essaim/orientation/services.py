"""The one write of orientation: a carrier's contact request to a programme, an ecosystem or the
local authorities of their territory, and what its recipients make of it.

Every function is a `@service` (essaim/core/services.py): keyword-only, `by` the person acting
(the sender, signed in or not; a recipient for the moves), one transaction, one activity-log
event per request written. Who a request reaches is `orientation.recipients`; how many an
address may send, `orientation.ratelimit`; who is reminded, `orientation.reminders`. A request
becomes a project through `accompaniment.services.project_create` (orientation reads and calls
accompaniment; accompaniment knows nothing of orientation).
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accompaniment.models import ProgrammePipeline, Project
from essaim.accompaniment.pipelines import TEMPLATE_FOR_MODEL
from essaim.accompaniment.services import project_create
from essaim.audit import recorder
from essaim.audit.models import Action
from essaim.core.actors import SystemActor
from essaim.core.services import service
from essaim.directory.models import Ecosystem, Programme
from essaim.notifications.services import notify
from essaim.notifications.urls import site_url
from essaim.orientation.models import ContactReminder, ContactRequest, Recipient
from essaim.orientation.reminders import Reminder
from essaim.orientation.rules import can_handle_contact_request
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
    *, contact_request: ContactRequest, action: str, by, comment: str = "", carrier_note: str = ""
) -> ContactRequest:
    """Mark a request answered, closed (with a reason) or reopened; "turn into a project" is
    `contact_request_turn_into_project`, which creates the project.

    `comment` is the reason kept in the activity log (internal); `carrier_note`, the words the
    carrier reads in their space. Side effects: the request's state and the time it changed,
    one activity-log event (the move). PermissionDenied for anyone it was not addressed to;
    ValidationError for a move its state does not allow, a closing without a reason, a
    "turn into a project" without the project.
    """
    if len(carrier_note) > CARRIER_NOTE_MAX:
        raise ValidationError({"carrier_note": _too_long(CARRIER_NOTE_MAX)})
    return CONTACT.apply(contact_request, action, by=by, comment=comment, carrier_note=carrier_note)


CARRIER_NOTE_MAX = 2000


def _too_long(limit: int) -> str:
    return _("Le message ne peut dépasser %(limit)s caractères.") % {"limit": limit}


@service(permission=can_handle_contact_request, on="contact_request")
def contact_request_assign(*, contact_request: ContactRequest, handler, by) -> ContactRequest:
    """Name who handles the request: `handler=by` is "I take it", `handler=None` frees it.

    The handler must be one of the request's recipients (`rules.can_handle_contact_request`).
    Side effects: the request's `handled_by`, one activity-log event.
    """
    if handler is not None and not (
        handler.is_active and can_handle_contact_request(handler, contact_request)
    ):
        raise ValidationError({"handler": _("Cette personne ne reçoit pas cette demande.")})
    before = contact_request.handled_by_id
    after = handler.pk if handler is not None else None
    if before == after:
        return contact_request
    contact_request.handled_by = handler
    contact_request.save(update_fields=["handled_by"])
    recorder.record(
        actor=by,
        obj=contact_request,
        action=Action.UPDATE,
        changes={"handled_by": [before, after]},
        programme_id=contact_request.programme_id,
    )
    return contact_request


@service(permission=can_handle_contact_request, on="contact_request")
def contact_request_turn_into_project(
    *,
    contact_request: ContactRequest,
    programme: Programme,
    name: str,
    model: str,
    by,
    summary: str = "",
    social_need: str = "",
    sector: str = "",
    commune=None,
    life_stage: str = "",
    carriers=(),
    carrier_note: str = "",
) -> Project:
    """Create the project a request became, in `programme`'s pipeline, and link both.

    The sender (when signed in) joins the carriers; the project starts at the first stage of
    its life stage (never at a creation stage, whose gate stays with the pipeline). Side
    effects, all or none: the project (`accompaniment.services.project_create`: its pipeline
    if missing, first stage history, event), the request's move to "turned into a project"
    with its `project` set (event). A request already turned into a project, or closed, is
    refused with TransitionNotAllowed and no project is left behind; PermissionDenied unless
    `by` handles the request and runs the programme.
    """
    team = list(carriers)
    if contact_request.sender is not None and contact_request.sender.is_active:
        team.append(contact_request.sender)
    project = project_create(
        programme=programme,
        name=name,
        model=model,
        summary=summary,
        social_need=social_need,
        sector=sector,
        commune=commune,
        carriers=list({user.pk: user for user in team}.values()),
        stage_key=_stage_key(programme, model, life_stage),
        by=by,
    )
    CONTACT.apply(contact_request, "turn_into_project", by=by, project=project, carrier_note=carrier_note)
    return project


def _stage_key(programme: Programme, model: str, life_stage: str) -> str | None:
    """The first stage of the programme's pipeline (or of the template it will copy) for this
    life stage, creation stages excepted; None for the pipeline's first stage."""
    if not life_stage or model not in TEMPLATE_FOR_MODEL:
        return None
    pipeline = ProgrammePipeline.objects.filter(programme=programme, model=model).first()
    if pipeline is not None:
        stages = pipeline.stages.filter(is_archived=False, is_creation=False, life_stage=life_stage)
        return stages.order_by("position").values_list("key", flat=True).first()
    template = TEMPLATE_FOR_MODEL[model]
    return next(
        (st.key for st in template.stages if st.life_stage == life_stage and not st.is_creation), None
    )


@service
def contact_reminder_send(*, reminder: Reminder, by) -> int:
    """Recall one request nobody answered to its recipients, once for this delay.

    Side effects: one ContactReminder, one activity-log event, one e-mail (reply-to: the
    carrier). Returns the number of addresses written to. A reminder already sent (another
    worker) raises IntegrityError.
    """
    request = reminder.contact_request
    log = ContactReminder.objects.create(
        contact_request=request, delay_days=reminder.delay, sent_at=timezone.now(), recipients=0
    )
    context = {
        "request": request,
        "days": reminder.age,
        "url": site_url("workspace:contact_request", request.pk),
    }
    sent = notify(
        "orientation/contact_reminder", to=reminder.recipients, context=context, reply_to=[request.email]
    )
    ContactReminder.objects.filter(pk=log.pk).update(recipients=sent)
    recorder.record(
        actor=by,
        obj=request,
        action=Action.UPDATE,
        verb="contact_reminder_send",
        changes={"_reminder": [None, reminder.delay]},
        programme_id=request.programme_id,
    )
    return sent
