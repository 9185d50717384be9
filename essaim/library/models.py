"""The practice library (docs/library.md): resources a programme publishes for others — selection
grids, templates, checklists, guides, training material — tagged by the study's stages, kinds
and needs, and the reuses of a checklist in another programme's pipeline, with their origin.

A resource belongs to its author programme; its state moves through `workflows.RESOURCE`.
`version` counts published versions: 1 at the first publication, one more when an edit is
published. A reuse remembers the version it copied.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.core import bounds
from essaim.directory.enums import LifeStage, Need, ProgrammeKind
from essaim.library.enums import Facet, Licence, ResourceKind, ResourceState, ReuseMode

TITLE_MAX = 200
SUMMARY_MAX = 500
ITEM_MAX = 120  # a pipeline stage's checklist label
ITEMS_MAX = 30
STAGE_NAME_MAX = 120  # accompaniment.PipelineStage.name


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=ResourceState.PUBLISHED)


class Resource(models.Model):
    programme = models.ForeignKey(
        "directory.Programme",
        on_delete=models.CASCADE,
        related_name="library_resources",
        verbose_name=_("dispositif auteur"),
    )
    kind = models.CharField(_("type de ressource"), max_length=30, choices=ResourceKind.choices)
    title = models.CharField(_("titre"), max_length=TITLE_MAX)
    summary = models.CharField(_("résumé"), max_length=SUMMARY_MAX)
    body = models.TextField(_("contenu"), blank=True, validators=[MaxLengthValidator(bounds.LONG_TEXT)])
    items = models.JSONField(
        _("lignes de la liste"), default=list, blank=True, help_text=_("Liste ordonnée de libellés")
    )
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices)
    state = models.CharField(
        _("état"),
        max_length=10,
        choices=ResourceState.choices,
        default=ResourceState.DRAFT,
        editable=False,
    )
    version = models.PositiveIntegerField(_("version publiée"), default=0, editable=False)
    changed = models.BooleanField(default=False, editable=False)  # edited since last published
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("ressource de la bibliothèque")
        verbose_name_plural = _("ressources de la bibliothèque")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["state", "kind"], name="library_state_kind")]

    def __str__(self) -> str:
        return self.title

    def audit_scope(self) -> dict:
        return {"programme_id": self.programme_id}

    @property
    def is_checklist(self) -> bool:
        return self.kind == ResourceKind.CHECKLIST


class ResourceTag(models.Model):
    """One tag of a resource: a stage, a programme kind or a need of the study's vocabulary."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="tags")
    facet = models.CharField(max_length=10, choices=Facet.choices)
    value = models.CharField(max_length=30)

    class Meta:
        ordering = ["facet", "value"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "facet", "value"], name="library_tag_unique")
        ]
        indexes = [models.Index(fields=["facet", "value"], name="library_tag_facet_value")]

    def __str__(self) -> str:
        return f"{self.facet}:{self.value}"

    @property
    def label(self) -> str:
        vocabulary = {Facet.STAGE: LifeStage, Facet.KIND: ProgrammeKind, Facet.NEED: Need}[self.facet]
        try:
            return str(vocabulary(self.value).label)
        except ValueError:
            return self.value


class Reuse(models.Model):
    """A checklist copied into another programme's pipeline, with where it came from: its lines
    added to an existing stage (`mode` checklist) or made a new stage (`mode` stage)."""

    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="reuses")
    version = models.PositiveIntegerField(_("version copiée"), editable=False)
    programme = models.ForeignKey(
        "directory.Programme", on_delete=models.CASCADE, related_name="library_reuses"
    )
    stage = models.ForeignKey(
        "accompaniment.PipelineStage", on_delete=models.CASCADE, related_name="library_reuses"
    )
    mode = models.CharField(
        _("manière"), max_length=10, choices=ReuseMode.choices, default=ReuseMode.CHECKLIST, editable=False
    )
    keys = models.JSONField(default=list, editable=False)  # the checklist keys the copy added
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("réutilisation")
        verbose_name_plural = _("réutilisations")
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "stage"], name="library_reuse_once_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.resource} → {self.stage}"

    def audit_scope(self) -> dict:
        return {"programme_id": self.programme_id}
