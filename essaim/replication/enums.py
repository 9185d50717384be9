"""The vocabulary of replication ("essaimage"): what a kit models, its states, its sections."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    PROJECT = "project", _("Projet")
    PROGRAMME = "programme", _("Dispositif")


class KitState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")
    RETIRED = "retired", _("Retiré")


class Section(models.TextChoices):
    """The parts of a replication kit, in the order a kit shows them."""

    NEED = "need", _("Besoin auquel le modèle répond")
    BUSINESS_MODEL = "business_model", _("Modèle économique")
    FINANCING_PLAN = "financing_plan", _("Plan de financement type")
    PIPELINE = "pipeline", _("Parcours type et livrables")
    PARTNERS = "partners", _("Rôles des partenaires")
    INDICATORS = "indicators", _("Indicateurs")
    LESSONS = "lessons", _("Enseignements")
    DOCUMENTS = "documents", _("Documents")
