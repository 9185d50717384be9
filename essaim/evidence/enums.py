"""Vocabulary of outcomes and impact, defined once. Values are stable identifiers; labels are French."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RevenueBand(models.TextChoices):
    NONE = "none", _("Pas encore de chiffre d'affaires")
    UNDER_50K = "lt50k", _("Moins de 50 000 €")
    UNDER_200K = "lt200k", _("De 50 000 à 200 000 €")
    UNDER_1M = "lt1m", _("De 200 000 € à 1 M€")
    OVER_1M = "gte1m", _("1 M€ et plus")


class IntegrationKind(models.TextChoices):
    """Work-integration structures (SIAE) whose jobs count as integration jobs."""

    NONE = "", _("Pas une structure d'insertion")
    ACI = "aci", _("Atelier et chantier d'insertion (ACI)")
    EI = "ei", _("Entreprise d'insertion (EI)")
    AI = "ai", _("Association intermédiaire (AI)")
    ETTI = "etti", _("Entreprise de travail temporaire d'insertion (ETTI)")
    EITI = "eiti", _("Entreprise d'insertion par le travail indépendant (EITI)")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Plus c'est élevé, mieux c'est")
    LOWER = "lower", _("Plus c'est bas, mieux c'est")
    NEUTRAL = "neutral", _("Sans sens préférable")


class IndicatorKind(models.TextChoices):
    QUANTITATIVE = "quantitative", _("Quantitatif")
    QUALITATIVE = "qualitative", _("Question évaluative (qualitative)")


class Outcome(models.TextChoices):
    """What became of a project's stay in a stage (the funnel)."""

    PASSED = "passed", _("Passé à l'étape suivante")
    DROPPED = "dropped", _("Abandon")
    ONGOING = "ongoing", _("En cours")
