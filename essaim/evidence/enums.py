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


class BudgetSource(models.TextChoices):
    """Where a programme's yearly resources come from (issue 11 §3); grouped by `BUDGET_GROUPS`."""

    STATE = "state", _("Subvention de l'État")
    EU = "eu", _("Subvention de l'Union européenne")
    REGION = "region", _("Subvention de la région")
    DEPARTEMENT = "departement", _("Subvention du département")
    EPCI = "epci", _("Subvention de l'intercommunalité (EPCI)")
    COMMUNE = "commune", _("Subvention de la commune")
    SERVICES = "services", _("Prestations vendues")
    CONTRIBUTIONS = "contributions", _("Cotisations des membres")
    FOUNDATIONS = "foundations", _("Fondations")
    COMPANIES = "companies", _("Entreprises (mécénat, partenariats)")
    OTHER = "other", _("Autres ressources")


class BudgetGroup(models.TextChoices):
    """The study's families of resources: the shares shown per year."""

    SUBSIDIES = "subsidies", _("Subventions publiques")
    SERVICES = "services", _("Prestations vendues")
    CONTRIBUTIONS = "contributions", _("Cotisations des membres")
    PRIVATE = "private", _("Financements privés")
    OTHER = "other", _("Autres ressources")


BUDGET_GROUPS = {
    BudgetSource.STATE: BudgetGroup.SUBSIDIES,
    BudgetSource.EU: BudgetGroup.SUBSIDIES,
    BudgetSource.REGION: BudgetGroup.SUBSIDIES,
    BudgetSource.DEPARTEMENT: BudgetGroup.SUBSIDIES,
    BudgetSource.EPCI: BudgetGroup.SUBSIDIES,
    BudgetSource.COMMUNE: BudgetGroup.SUBSIDIES,
    BudgetSource.SERVICES: BudgetGroup.SERVICES,
    BudgetSource.CONTRIBUTIONS: BudgetGroup.CONTRIBUTIONS,
    BudgetSource.FOUNDATIONS: BudgetGroup.PRIVATE,
    BudgetSource.COMPANIES: BudgetGroup.PRIVATE,
    BudgetSource.OTHER: BudgetGroup.OTHER,
}
