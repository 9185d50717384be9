"""Writes of referrals ("passerelles"): a proposal, then the moves of `workflows.REFERRAL`."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from essaim.accompaniment import rules
from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import Project, Referral
from essaim.accompaniment.workflows import REFERRAL, as_person, tell_referral_parties
from essaim.audit import recorder
from essaim.audit.models import Action
from essaim.core.services import service

OPEN_STATUSES = (ReferralStatus.AWAITING_CONSENT, ReferralStatus.PROPOSED)


@service(permission=rules.can_manage_project, on="project")
def referral_propose(*, project: Project, to_programme, by, message: str) -> Referral:
    """Propose a project to another programme; the carrier must consent before it is sent.

    Side effects: the referral, one event, an e-mail to the carriers asking for consent.
    """
    errors = {}
    if to_programme.pk == project.programme_id:
        errors["to_programme"] = _("Choisissez un autre dispositif que celui qui accompagne le projet.")
    if not message.strip():
        errors["message"] = _("Expliquez pourquoi vous orientez ce projet.")
    if not project.carriers.exists():
        errors["__all__"] = _("Le projet n'a pas encore de porteur pour consentir à la passerelle.")
    if Referral.objects.filter(project=project, to_programme=to_programme, status__in=OPEN_STATUSES).exists():
        errors["to_programme"] = _("Une passerelle vers ce dispositif est déjà en cours.")
    if errors:
        raise ValidationError(errors)
    referral = Referral.objects.create(
        project=project,
        from_programme=project.programme,
        to_programme=to_programme,
        message=message.strip(),
        proposed_by=as_person(by),
    )
    recorder.record(
        actor=by,
        obj=referral,
        action=Action.CREATE,
        changes={"to_programme": to_programme.pk},
        comment=referral.message,
    )
    tell_referral_parties(referral)
    return referral


@service
def referral_transition(
    *, referral: Referral, by, action: str, comment: str = "", shared_fields: list[str] | None = None
) -> Referral:
    """Apply one referral move (`consent`, `decline`, `accept`, `refuse`, `withdraw`).

    Side effects: the referral's status (and shared fields or decision reason), one event (the
    move), an e-mail to the other parties. Raises PermissionDenied when `by` is not the actor
    of this move, TransitionNotAllowed (a French message) when the status refuses it.
    """
    return REFERRAL.apply(referral, action, by=by, comment=comment, shared_fields=shared_fields or [])
