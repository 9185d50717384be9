"""Vocabulary of accompaniment, defined once. Values are stable identifiers; labels are French."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectModel(models.TextChoices):
    """Which of the study's two models a project follows."""

    CARRIER = "carrier", _("Accompagnement de porteurs")
    GENERATOR = "generator", _("Générateur de projets")


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("En cours")
    ABANDONED = "abandoned", _("Abandonné")


class MeetingKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Rendez-vous individuel")
    WORKSHOP = "workshop", _("Atelier collectif")
    EXPERT = "expert", _("Rendez-vous avec un expert")
    COMMITTEE = "committee", _("Comité")


class ExpertDomain(models.TextChoices):
    LEGAL = "legal", _("Juridique")
    FINANCIAL = "financial", _("Financier")
    ACCOUNTING = "accounting", _("Comptable")
    TRADE = "trade", _("Métier")
    TECHNICAL = "technical", _("Technique")
    MARKETING = "marketing", _("Commercial et marketing")
    GOVERNANCE = "governance", _("Gouvernance")


class MobilisationStatus(models.TextChoices):
    REQUESTED = "requested", _("Demandée")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Déclinée")
    DONE = "done", _("Réalisée")


class Remuneration(models.TextChoices):
    VOLUNTEER = "volunteer", _("Bénévole")
    PAID = "paid", _("Rémunérée")


class EnterpriseStatus(models.TextChoices):
    ACTIVE = "active", _("En activité")
    CEASED = "ceased", _("Cessation d'activité")
    TAKEN_OVER = "taken_over", _("Reprise")


class CheckinStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Prévu")
    VALIDATED = "validated", _("Validé")
    SUPERSEDED = "superseded", _("Remplacé par une correction")


class ReferralStatus(models.TextChoices):
    AWAITING_CONSENT = "awaiting_consent", _("En attente du consentement du porteur")
    PROPOSED = "proposed", _("Proposée au dispositif")
    ACCEPTED = "accepted", _("Acceptée")
    REFUSED = "refused", _("Refusée")
    DECLINED_BY_CARRIER = "declined_by_carrier", _("Refusée par le porteur")
    WITHDRAWN = "withdrawn", _("Retirée")


class ReferralField(models.TextChoices):
    """Project fields a carrier may agree to share with another programme."""

    SUMMARY = "summary", _("Résumé")
    SOCIAL_NEED = "social_need", _("Besoin social")
    SECTOR = "sector", _("Secteur")
    COMMUNE = "commune", _("Commune")
    STAGE = "stage", _("Étape et cycle de vie")
    CARRIERS = "carriers", _("Noms et courriels des porteurs")
    MEETINGS = "meetings", _("Journal des rendez-vous")
