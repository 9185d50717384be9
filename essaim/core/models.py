"""Abstract models shared by the domain apps (no table of their own)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeOwned(models.Model):
    """A row that belongs to a programme ("dispositif"): the programme, who created it, when.

    Its organisation is the programme's (`programme.organisation_id`, a column, not a walk
    through relations); the activity log files its events under the programme
    (`audit_scope`). Reverse accessors keep Django's default name (`programme.call_set`).
    """

    programme = models.ForeignKey(
        "directory.Programme", on_delete=models.PROTECT, verbose_name=_("dispositif")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("créé par"),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        abstract = True

    def audit_scope(self) -> dict:
        return {"programme_id": self.programme_id}
