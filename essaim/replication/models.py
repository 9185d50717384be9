"""Replication kits (versioned) and their copies, with the lineage between copies.

A `Kit` models a proven project or programme (its `project` or its `programme`: exactly one),
owned by the programme that runs it (`owner`: the project's programme, or the programme
itself). Its content lives in `KitVersion` rows (one per publication of a change, never edited),
the kit keeping the number and checksum of its current version.

A `Replica` is a copy made in another territory from one version of the kit: a generator-model
project (project kits) or a new programme (programme kits), run by `programme`. It keeps the
content and checksum of the version it took (the drift is the difference with the kit's current
version), its territory (with the codes of the territories containing it, so that "is there a
copy in this territory" is one indexed query) and its `parent` when it was copied from another
copy (the lineage tree; the kit's own subject is the root).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from essaim.core import bounds
from essaim.replication.enums import KitState, Subject

VERSION_BOUNDS = bounds.between(1, 100_000)


class Kit(models.Model):
    name = models.CharField(_("nom du modèle"), max_length=200)
    subject = models.CharField(_("ce qui est essaimé"), max_length=10, choices=Subject.choices)
    project = models.OneToOneField(
        "accompaniment.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replication_kit",
        verbose_name=_("projet modèle"),
    )
    programme = models.OneToOneField(
        "directory.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replication_kit",
        verbose_name=_("dispositif modèle"),
    )
    owner = models.ForeignKey(
        "directory.Programme",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dispositif porteur"),
    )
    # Keywords of the need, matched against the territory needs' titles and texts.
    need_terms = models.CharField(_("mots du besoin"), max_length=300, blank=True)
    # Life stages the model serves: a territory where no programme covers one of them needs it.
    life_stages = models.JSONField(_("étapes de vie servies"), default=list, blank=True)
    state = models.CharField(_("état"), max_length=10, choices=KitState.choices, default=KitState.DRAFT)
    version = models.PositiveIntegerField(_("version courante"), default=1, validators=VERSION_BOUNDS)
    checksum = models.CharField(_("empreinte de la version courante"), max_length=64)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("kit d'essaimage")
        verbose_name_plural = _("kits d'essaimage")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(subject="project", project__isnull=False, programme__isnull=True))
                | (Q(subject="programme", programme__isnull=False, project__isnull=True)),
                name="kit_one_subject",
            )
        ]
        indexes = [models.Index(fields=["state", "name"], name="kit_state_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.state == KitState.PUBLISHED

    def audit_scope(self) -> dict:
        return {"programme_id": self.owner_id, "project_id": self.project_id}


class KitVersion(models.Model):
    kit = models.ForeignKey(Kit, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("numéro"), validators=VERSION_BOUNDS)
    content = models.JSONField(_("contenu"))
    checksum = models.CharField(_("empreinte"), max_length=64)
    note = models.CharField(_("ce qui change"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("publiée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("version d'un kit")
        verbose_name_plural = _("versions des kits")
        ordering = ["kit", "-number"]
        constraints = [models.UniqueConstraint(fields=["kit", "number"], name="kitversion_unique")]

    def __str__(self) -> str:
        return f"{self.kit} v{self.number}"

    def audit_scope(self) -> dict:
        return self.kit.audit_scope()


class Replica(models.Model):
    kit = models.ForeignKey(Kit, on_delete=models.PROTECT, related_name="replicas", verbose_name=_("kit"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("copiée depuis"),
    )
    project = models.OneToOneField(
        "accompaniment.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replica",
        verbose_name=_("projet"),
    )
    new_programme = models.OneToOneField(
        "directory.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replica",
        verbose_name=_("nouveau dispositif"),
    )
    # The programme that runs the copy: the project's, or the new programme itself.
    programme = models.ForeignKey(
        "directory.Programme", on_delete=models.PROTECT, related_name="+", verbose_name=_("dispositif")
    )
    level = models.CharField(_("niveau du territoire"), max_length=12)
    code = models.CharField(_("code du territoire"), max_length=9)
    region = models.CharField(max_length=3, blank=True)
    departement = models.CharField(max_length=3, blank=True)
    epci = models.CharField(max_length=9, blank=True)
    commune = models.CharField(max_length=5, blank=True)
    version = models.ForeignKey(
        KitVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("version reprise")
    )
    content = models.JSONField(_("contenu repris"))
    checksum = models.CharField(_("empreinte de la version reprise"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("essaimé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("copie d'un modèle")
        verbose_name_plural = _("copies des modèles")
        ordering = ["kit", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=False, new_programme__isnull=True)
                | Q(project__isnull=True, new_programme__isnull=False),
                name="replica_one_subject",
            ),
            models.UniqueConstraint(fields=["kit", "level", "code"], name="replica_one_per_territory"),
        ]
        indexes = [
            models.Index(fields=["departement", "kit"], name="replica_departement"),
            models.Index(fields=["region", "kit"], name="replica_region"),
            models.Index(fields=["epci", "kit"], name="replica_epci"),
            models.Index(fields=["commune", "kit"], name="replica_commune"),
        ]

    def __str__(self) -> str:
        return str(self.project or self.new_programme)

    @property
    def subject_name(self) -> str:
        return str(self.project or self.new_programme)

    @property
    def territory_ref(self) -> str:
        return f"{self.level}:{self.code}"

    @property
    def has_drifted(self) -> bool:
        return self.checksum != self.kit.checksum

    def audit_scope(self) -> dict:
        return {"programme_id": self.programme_id, "project_id": self.project_id}
