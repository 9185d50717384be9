"""The activity log: who did what, when, to which object; workflow moves included.

One table for every app. A workflow move is an event with `action = transition`, its
workflow's name, the states it went from and to, and the comment: there is no second log per
app. Events are written by `essaim.audit.record` (called by the service layer and the
workflow kernel), never edited, except by erasure (`forget_actor`, `scrub_objects`), which
removes a person's data and keeps the fact that something was done.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("Création")
    UPDATE = "update", _("Modification")
    DELETE = "delete", _("Suppression")
    TRANSITION = "transition", _("Changement d'état")
    VALIDATE = "validate", _("Validation")
    ANONYMISE = "anonymise", _("Anonymisation")


class EventQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model):
        return self.filter(object_type=obj._meta.label_lower, object_id=obj.pk)

    def transitions_of(self, obj: models.Model):
        return self.for_object(obj).filter(action=Action.TRANSITION).order_by("at", "pk")


class Event(models.Model):
    at = models.DateTimeField(_("le"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("par"),
    )
    actor_label = models.CharField(_("auteur"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    programme = models.ForeignKey(
        "directory.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dispositif"),
    )
    project = models.ForeignKey(
        "accompaniment.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_type = models.CharField(_("objet"), max_length=60)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    verb = models.CharField(_("opération"), max_length=80, blank=True)
    workflow = models.CharField(max_length=40, blank=True)
    from_state = models.CharField(_("de"), max_length=40, blank=True)
    to_state = models.CharField(_("vers"), max_length=40, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)
    changes = models.JSONField(_("changements"), default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("événement du journal d'activité")
        verbose_name_plural = _("journal d'activité")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["programme", "at"], name="audit_event_programme_at"),
            models.Index(fields=["object_type", "object_id"], name="audit_event_object"),
            models.Index(fields=["organisation", "at"], name="audit_event_org_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.object_type}#{self.object_id} {self.action}"

    @property
    def sentence(self) -> str:
        from essaim.audit.wording import describe  # cycle: wording reads this module's Event and Action

        return describe(self)
