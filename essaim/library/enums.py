"""The library's own vocabulary: what a resource is, under which licence, in which state.
Stages, programme kinds and needs are the study's (`essaim.directory.enums`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceKind(models.TextChoices):
    SELECTION_GRID = "selection_grid", _("Grille de sélection")
    FEASIBILITY_TEMPLATE = "feasibility_template", _("Modèle d'étude de faisabilité")
    FINANCING_TEMPLATE = "financing_template", _("Modèle de plan de financement")
    CHECKLIST = "checklist", _("Liste de contrôle")
    GUIDE = "guide", _("Guide")
    TRAINING = "training", _("Support de formation")


class Licence(models.TextChoices):
    CC_BY = "cc_by_4", _("CC BY 4.0")
    CC_BY_SA = "cc_by_sa_4", _("CC BY-SA 4.0")
    ETALAB = "etalab_2", _("Licence Ouverte 2.0")
    RESERVED = "reserved", _("Tous droits réservés")


class ResourceState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")
    ARCHIVED = "archived", _("Archivée")


class Facet(models.TextChoices):
    """What a tag of a resource names."""

    STAGE = "stage", _("Étape de vie")
    KIND = "kind", _("Type de dispositif")
    NEED = "need", _("Besoin")


class ReuseMode(models.TextChoices):
    """How a resource is reused into a pipeline: its lines added to an existing stage, or a new
    stage made from it (a stage template)."""

    CHECKLIST = "checklist", _("Lignes ajoutées à une étape")
    STAGE = "stage", _("Nouvelle étape")
