"""Financing plans of projects (needs and resources) and the directory of funders.

A project's plan is closed when its granted and paid resources cover its needs: the
creation gate of the accompaniment pipeline asks `selectors.plan_is_closed`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.core import bounds
from essaim.core.fields import FlagsField
from essaim.financing.enums import FunderKind, Instrument, NeedKind, ResourceStatus, money_side
from essaim.territories.models import Level

AMOUNT = {
    "max_digits": 12,
    "decimal_places": 2,
    "validators": bounds.AMOUNT,
}


class Funder(models.Model):
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    kind = models.CharField(_("type de financeur"), max_length=20, choices=FunderKind.choices)
    instruments = FlagsField(_("outils de financement"), choices_enum=Instrument, blank=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation dans l'annuaire"),
    )
    is_synthetic = models.BooleanField(_("donnée synthétique"), default=False, editable=False)

    class Meta:
        verbose_name = _("financeur")
        verbose_name_plural = _("financeurs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def side(self) -> str:
        return money_side(Instrument.GRANT, self.kind) or "private"

    @property
    def instrument_labels(self) -> list[str]:
        labels = dict(Instrument.choices)
        return [str(labels[value]) for value in self.instruments]

    def audit_scope(self) -> dict:
        return {"organisation_id": self.organisation_id}


class FunderTerritory(models.Model):
    funder = models.ForeignKey(Funder, on_delete=models.CASCADE, related_name="territories")
    level = models.CharField(_("niveau"), max_length=12, choices=Level.choices)
    code = models.CharField(_("code"), max_length=9)

    class Meta:
        verbose_name = _("territoire d'un financeur")
        verbose_name_plural = _("territoires des financeurs")
        constraints = [
            models.UniqueConstraint(fields=["funder", "level", "code"], name="funderterritory_unique")
        ]
        indexes = [models.Index(fields=["level", "code"], name="funderterritory_level_code")]

    def __str__(self) -> str:
        return f"{self.level}:{self.code}"


class FinancingPlan(models.Model):
    project = models.OneToOneField(
        "accompaniment.Project",
        on_delete=models.CASCADE,
        related_name="financing_plan",
        verbose_name=_("projet"),
    )
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("plan de financement")
        verbose_name_plural = _("plans de financement")

    def __str__(self) -> str:
        return str(_("Plan de financement de %(project)s") % {"project": self.project})

    def audit_scope(self) -> dict:
        return _project_scope(self.project)


class FinancingNeed(models.Model):
    plan = models.ForeignKey(FinancingPlan, on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(_("nature du besoin"), max_length=20, choices=NeedKind.choices)
    label = models.CharField(_("précision"), max_length=200, blank=True)
    amount = models.DecimalField(_("montant (€)"), **AMOUNT)

    class Meta:
        verbose_name = _("besoin de financement")
        verbose_name_plural = _("besoins de financement")
        ordering = ["plan", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} : {self.amount} €"

    def audit_scope(self) -> dict:
        return _project_scope(self.plan.project)


class FinancingResource(models.Model):
    plan = models.ForeignKey(FinancingPlan, on_delete=models.CASCADE, related_name="resources")
    instrument = models.CharField(_("outil"), max_length=20, choices=Instrument.choices)
    funder = models.ForeignKey(
        Funder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("financeur"),
    )
    label = models.CharField(_("précision"), max_length=200, blank=True)
    amount = models.DecimalField(_("montant (€)"), **AMOUNT)
    status = models.CharField(
        _("statut"), max_length=10, choices=ResourceStatus.choices, default=ResourceStatus.PLANNED
    )
    requested_on = models.DateField(_("demandée le"), null=True, blank=True, validators=bounds.DATE)
    decided_on = models.DateField(_("décision le"), null=True, blank=True, validators=bounds.DATE)
    paid_on = models.DateField(_("versée le"), null=True, blank=True, validators=bounds.DATE)

    class Meta:
        verbose_name = _("ressource de financement")
        verbose_name_plural = _("ressources de financement")
        ordering = ["plan", "pk"]
        indexes = [models.Index(fields=["funder", "status"], name="resource_funder_status")]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} : {self.amount} €"

    @property
    def side(self) -> str | None:
        return money_side(self.instrument, self.funder.kind if self.funder_id else None)

    def audit_scope(self) -> dict:
        return _project_scope(self.plan.project)


def _project_scope(project) -> dict:
    """Where the activity log files an event about a plan: its project and programme."""
    return {"project_id": project.pk, "programme_id": project.programme_id}
