"""Referrals ("passerelles") between programmes, and the reminders already sent.

The moves of a referral are logged by the workflow kernel in the activity log (`audit.Event`,
`workflows.REFERRAL.log(referral)`), not in a table of this app.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models.projects import Project
from essaim.accounts.selectors import staff_organisation_ids

# Before the carrier's consent, nothing reaches the receiving programme.
HIDDEN_FROM_RECEIVER = (ReferralStatus.AWAITING_CONSENT, ReferralStatus.DECLINED_BY_CARRIER)


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Sending staff, the project's carriers, and receiving staff once the carrier consented."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        orgs = staff_organisation_ids(user)
        q = models.Q(project__carriers=user)
        if orgs:
            q |= models.Q(from_programme__organisation_id__in=orgs)
            q |= models.Q(to_programme__organisation_id__in=orgs) & ~models.Q(status__in=HIDDEN_FROM_RECEIVER)
        return self.filter(q).distinct()


class Referral(models.Model):
    """A "passerelle": one programme proposes a project to another, with the carrier's consent."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="referrals")
    from_programme = models.ForeignKey(
        "directory.Programme", on_delete=models.PROTECT, related_name="referrals_sent", verbose_name=_("de")
    )
    to_programme = models.ForeignKey(
        "directory.Programme",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("vers"),
    )
    message = models.TextField(_("motif de l'orientation"))
    status = models.CharField(
        _("statut"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.AWAITING_CONSENT
    )
    shared_fields = models.JSONField(_("informations partagées"), default=list, blank=True)
    decision_reason = models.TextField(_("motif de la décision"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When the carrier consented and when the receiving programme decided, set by the workflow's
    # moves (`workflows.REFERRAL`; the activity log holds the same moves, with who made them): the
    # referral network reads its answer times here instead of looking the log up per referral.
    consented_at = models.DateTimeField(_("consentie le"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True, editable=False)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("passerelle")
        verbose_name_plural = _("passerelles")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.project}: {self.from_programme} → {self.to_programme}"

    @property
    def awaiting_consent(self) -> bool:
        return self.status == ReferralStatus.AWAITING_CONSENT

    def audit_scope(self) -> dict:
        """Filed under the project and the sending programme (the one that runs the project)."""
        return {"project_id": self.project_id, "programme_id": self.from_programme_id}


class ReminderLog(models.Model):
    """One reminder sent, so that each delay fires once per pending item."""

    KINDS = {
        "referral_consent": _("accord du porteur attendu sur une passerelle"),
        "mobilisation": _("réponse de l'expert attendue"),
    }

    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    delay_days = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("relance envoyée")
        verbose_name_plural = _("relances envoyées")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "delay_days"], name="reminderlog_unique")
        ]

    def __str__(self) -> str:
        return _("Relance à %(days)s jours : %(kind)s") % {
            "days": self.delay_days,
            "kind": self.KINDS.get(self.kind, self.kind),
        }
