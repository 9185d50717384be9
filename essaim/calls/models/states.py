"""The values of each state field of this app; the moves between them are in `workflows.py`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CallState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    OPEN = "open", _("Ouvert aux candidatures")
    REVIEW = "review", _("En évaluation")
    DECIDED = "decided", _("Décisions rendues")
    CLOSED = "closed", _("Clos")


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposée")
    ACCEPTED = "accepted", _("Retenue")
    WAITLISTED = "waitlisted", _("Liste d'attente")
    REFUSED = "refused", _("Non retenue")
    WITHDRAWN = "withdrawn", _("Retirée")


class NeedState(models.TextChoices):
    SPOTTED = "spotted", _("Repéré")
    STUDIED = "studied", _("Opportunité étudiée")
    PROJECT = "project", _("Devenu projet")
    DROPPED = "dropped", _("Abandonné")


class JobOfferState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")
    CLOSED = "closed", _("Close")
    FILLED = "filled", _("Pourvue")


class CandidacyState(models.TextChoices):
    SUBMITTED = "submitted", _("Reçue")
    SHORTLISTED = "shortlisted", _("Présélectionnée")
    INTERVIEW = "interview", _("Entretien")
    RECRUITED = "recruited", _("Recrutée")
    REJECTED = "rejected", _("Non retenue")
    WITHDRAWN = "withdrawn", _("Retirée")


OPEN_CANDIDACY_STATES = (CandidacyState.SUBMITTED, CandidacyState.SHORTLISTED, CandidacyState.INTERVIEW)
