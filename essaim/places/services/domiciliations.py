"""The domiciliation register of a shared place: the enterprises whose registered office is the
place (name, SIRET checked by python-stdnum, contract dates, the accompanied project when there
is one), the mail received for them and its handing over, and the end of the contract (the
`places.domiciliation` workflow's `end` move)."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.audit import record
from essaim.core.dates import is_plausible, out_of_range_message
from essaim.core.errors import ValidationError
from essaim.core.services import ensure, service
from essaim.directory.enums import ProgrammeKind
from essaim.directory.validators import clean_digits, validate_siret
from essaim.places import rules
from essaim.places.models import Domiciliation, DomiciliationState, MailItem, MailKind
from essaim.places.workflows import DOMICILIATION


def _clean_siret(value: str, errors: dict) -> str:
    digits = clean_digits(value)
    try:
        validate_siret(digits)
    except ValidationError:
        errors["siret"] = _("« %(value)s » n'est pas un numéro SIRET valide (14 chiffres, clé de Luhn).") % {
            "value": value
        }
    return digits


def _date_error(errors: dict, name: str, value) -> None:
    if value is not None and not is_plausible(value):
        errors[name] = out_of_range_message()


@service
def domiciliation_create(
    *,
    place,
    by,
    name: str,
    siret: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    project=None,
) -> Domiciliation:
    """Register an enterprise domiciled at the place under a contract.

    Side effects: one Domiciliation, one event.
    """
    ensure(rules.can_manage_place, by, place, _("Seule l'équipe du lieu tient son registre."))
    if place.kind != ProgrammeKind.SHARED_PLACE:
        raise ValidationError(_("Seul un lieu partagé domicilie des entreprises."))
    errors = {}
    name = " ".join(str(name or "").split())
    if not name or len(name) > 200:
        errors["name"] = _("Indiquez la dénomination (200 caractères au plus).")
    digits = _clean_siret(siret, errors)
    if not isinstance(starts_on, dt.date):
        errors["starts_on"] = _("Indiquez le début du contrat.")
    else:
        _date_error(errors, "starts_on", starts_on)
        _date_error(errors, "ends_on", ends_on)
        if "starts_on" not in errors and ends_on is not None and ends_on < starts_on:
            errors["ends_on"] = _("L'échéance doit suivre le début du contrat.")
    if project is not None and project.programme.organisation_id != place.organisation_id:
        errors["project"] = _("Ce projet n'est pas accompagné par votre organisation.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            domiciliation = Domiciliation.objects.create(
                place=place, name=name, siret=digits, starts_on=starts_on, ends_on=ends_on, project=project
            )
    except IntegrityError as exc:
        raise ValidationError({"siret": _("Cette entreprise est déjà domiciliée ici.")}) from exc
    record(actor=by, obj=domiciliation, action="create", changes={"name": [None, name]})
    return domiciliation


@service(permission=rules.can_manage_place, on="domiciliation")
def domiciliation_end(*, domiciliation: Domiciliation, by, on: dt.date | None = None) -> Domiciliation:
    """End the contract (on `on`, today by default). Side effects: the move (logged)."""
    on = on or timezone.localdate()
    if not is_plausible(on) or on < domiciliation.starts_on:
        raise ValidationError({"ended_on": _("La fin doit suivre le début du contrat.")})
    return DOMICILIATION.apply(domiciliation, "end", by=by, on=on)


@service(permission=rules.can_manage_place, on="domiciliation")
def mail_receive(
    *, domiciliation: Domiciliation, by, kind: str = MailKind.LETTER, sender: str = "", received_on=None
) -> MailItem:
    """Note a piece of mail received for a domiciled enterprise. Side effects: one MailItem, one event."""
    errors = {}
    received_on = received_on or timezone.localdate()
    if kind not in MailKind.values:
        errors["kind"] = _("Choisissez le type de courrier.")
    sender = " ".join(str(sender or "").split())
    if len(sender) > 200:
        errors["sender"] = _("L'expéditeur fait 200 caractères au plus.")
    _date_error(errors, "received_on", received_on)
    if domiciliation.state != DomiciliationState.ACTIVE:
        errors["domiciliation"] = _("Le contrat de domiciliation est terminé.")
    if errors:
        raise ValidationError(errors)
    item = MailItem.objects.create(
        domiciliation=domiciliation, kind=kind, sender=sender, received_on=received_on
    )
    record(actor=by, obj=item, action="create", changes={"kind": [None, kind]})
    return item


@service(permission=rules.can_manage_place, on="item")
def mail_hand_over(*, item: MailItem, by, on: dt.date | None = None) -> MailItem:
    """The mail was handed over to the enterprise. Side effects: the row, one event."""
    on = on or timezone.localdate()
    item = MailItem.objects.select_for_update().select_related("domiciliation__place").get(pk=item.pk)
    if item.handed_over_on is not None:
        raise ValidationError(_("Ce courrier a déjà été remis."))
    if on < item.received_on or not is_plausible(on):
        raise ValidationError({"handed_over_on": _("La remise suit la réception.")})
    item.handed_over_on = on
    item.save(update_fields=["handed_over_on"])
    record(actor=by, obj=item, action="update", changes={"handed_over_on": [None, on.isoformat()]})
    return item
