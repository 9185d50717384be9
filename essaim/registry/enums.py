"""The registry's vocabulary: where a status comes from, the states INSEE publishes, the bases of
an ESS status, and the kinds of conflict between what is declared and what the registry says."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    STOCK = "stock", _("Fichiers stock SIRENE (INSEE)")
    API = "api", _("API Recherche d'entreprises")
    DECLARED = "declared", _("Déclaration de l'équipe")


class RegistryState(models.TextChoices):
    """INSEE writes A (active) and F (fermé) for establishments, A and C (cessée) for legal units;
    both closed states are stored as F."""

    ACTIVE = "A", _("En activité")
    CLOSED = "F", _("Fermé")


class EssBasis(models.TextChoices):
    INSEE_FLAG = "insee_flag", _("Indicateur ESS de l'INSEE")
    ESUS = "esus", _("Agrément ESUS")
    SIAE = "siae", _("Structure d'insertion (SIAE)")
    LEGAL_FORM = "legal_form", _("Forme juridique (SCOP, SCIC)")
    SELF_DECLARED = "self_declared", _("Déclaration de la structure")


class ConflictKind(models.TextChoices):
    STATUS = "status", _("Activité")
    ESS = "ess", _("Appartenance à l'ESS")


class ConflictState(models.TextChoices):
    OPEN = "open", _("À examiner")
    REGISTRY_RIGHT = "registry", _("Le registre a raison")
    DECLARED_RIGHT = "declared", _("La déclaration a raison")


class StockKind(models.TextChoices):
    UNITE_LEGALE = "unite_legale", _("StockUniteLegale")
    ETABLISSEMENT = "etablissement", _("StockEtablissement")
    HISTORIQUE = "historique", _("StockEtablissementHistorique")


class RunStatus(models.TextChoices):
    RUNNING = "running", _("En cours")
    DONE = "done", _("Terminé")
    FAILED = "failed", _("Échoué")
