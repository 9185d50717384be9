"""A carrier's request to be contacted by a programme, sent from the orientation results.

Orientation itself only reads; this is its one write: what the carrier typed, kept for the
programme's organisation staff, with the time the carrier consented to share it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.core.fields import FlagsField
from essaim.directory.enums import LifeStage, Need


class ContactRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Platform admins see every request; organisation staff those of their programmes."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(programme__organisation__memberships__user=user).distinct()


class ContactRequest(models.Model):
    programme = models.ForeignKey(
        "directory.Programme",
        on_delete=models.CASCADE,
        related_name="contact_requests",
        verbose_name=_("dispositif"),
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_requests",
        verbose_name=_("compte de l'expéditeur"),
    )
    name = models.CharField(_("nom"), max_length=150)
    email = models.EmailField(_("adresse électronique"))
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    message = models.TextField(_("message"), max_length=4000)
    commune = models.ForeignKey(
        "territories.Commune", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("commune")
    )
    stage = models.CharField(_("étape de vie"), max_length=15, choices=LifeStage.choices, blank=True)
    needs = FlagsField(_("besoins"), choices_enum=Need, blank=True)
    consent_at = models.DateTimeField(_("consentement au partage donné le"))
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    notified_at = models.DateTimeField(_("notification envoyée le"), null=True, blank=True)

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("demande de contact")
        verbose_name_plural = _("demandes de contact")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["programme", "-created_at"], name="contactrequest_programme")]

    def __str__(self) -> str:
        return f"{self.name} → {self.programme_id}"
