from django.db import models
from django.utils.translation import gettext_lazy as _


class SentEmail(models.Model):
    """One message the demo's e-mail backend received (it is not sent anywhere else)."""

    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True, db_index=True)
    from_email = models.CharField(_("expéditeur"), max_length=320)
    recipients = models.JSONField(_("destinataires"), default=list)
    subject = models.CharField(_("objet"), max_length=998)
    body = models.TextField(_("texte"), blank=True)
    has_html = models.BooleanField(_("avec une version HTML"), default=False)

    class Meta:
        verbose_name = _("courriel envoyé (démonstration)")
        verbose_name_plural = _("courriels envoyés (démonstration)")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.subject
