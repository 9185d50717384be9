"""Outcomes (created enterprises), social-impact indicators, and the reporting facts.

Operational data lives in accompaniment and financing; evidence reads it. `ProjectFact`,
`StageFact` and `YearFact` are a denormalised copy, one row per project, per stage visit and
per year of activity, rebuilt by `services.facts_refresh` after every change: reports then
aggregate indexed columns in SQL instead of replaying histories (see
docs/decisions/0010-evidence-facts.md).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.core import bounds
from essaim.core.dates import latest_year
from essaim.directory.enums import LegalForm
from essaim.directory.validators import validate_siret
from essaim.evidence.enums import (
    BudgetSource,
    Direction,
    IndicatorKind,
    IntegrationKind,
    Outcome,
    RevenueBand,
)

# An indicator's value may be negative (a fall); its column holds 12 digits before the comma.
SIGNED = bounds.between(-bounds.AMOUNT_MAX, bounds.AMOUNT_MAX)


class Enterprise(models.Model):
    """The legal identity of the enterprise a project created.

    Its creation date is the project's `created_on`, set when the project enters the creation
    stage; survival is counted from it.
    """

    project = models.OneToOneField(
        "accompaniment.Project", on_delete=models.CASCADE, related_name="enterprise", verbose_name=_("projet")
    )
    name = models.CharField(_("dénomination"), max_length=200)
    legal_form = models.CharField(_("forme juridique"), max_length=20, choices=LegalForm.choices)
    siret = models.CharField(
        _("SIRET"), max_length=14, unique=True, null=True, blank=True, validators=[validate_siret]
    )
    integration_kind = models.CharField(
        _("structure d'insertion"), max_length=5, choices=IntegrationKind.choices, blank=True
    )
    revenue_band = models.CharField(
        _("tranche de chiffre d'affaires"), max_length=8, choices=RevenueBand.choices, blank=True
    )

    class Meta:
        verbose_name = _("entreprise créée")
        verbose_name_plural = _("entreprises créées")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CheckinFigures(models.Model):
    """What a post-creation check-in adds for impact figures (integration jobs, revenue band)."""

    checkin = models.OneToOneField("accompaniment.Checkin", on_delete=models.CASCADE, related_name="figures")
    integration_fte = models.DecimalField(
        _("emplois d'insertion (ETP)"), max_digits=7, decimal_places=2, default=0, validators=bounds.JOBS
    )
    revenue_band = models.CharField(
        _("tranche de chiffre d'affaires"), max_length=8, choices=RevenueBand.choices, blank=True
    )

    class Meta:
        verbose_name = _("chiffres d'un point de suivi")
        verbose_name_plural = _("chiffres des points de suivi")

    def __str__(self) -> str:
        return f"{self.checkin_id}: {self.integration_fte}"


class ProgrammeBudget(models.Model):
    programme = models.ForeignKey("directory.Programme", on_delete=models.CASCADE, related_name="budgets")
    # The years the budget service accepts start in 1990; the last one moves with the calendar.
    year = models.PositiveSmallIntegerField(_("année"), validators=bounds.between(1990, latest_year))
    amount = models.DecimalField(
        _("budget (€)"), max_digits=12, decimal_places=2, validators=bounds.between(0, bounds.AMOUNT_MAX)
    )

    class Meta:
        verbose_name = _("budget annuel d'un dispositif")
        verbose_name_plural = _("budgets annuels des dispositifs")
        constraints = [models.UniqueConstraint(fields=["programme", "year"], name="budget_programme_year")]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.year}: {self.amount}"


class ProgrammeBudgetLine(models.Model):
    """One source of a year's budget (issue 11 §3). Once a year has lines, its `amount` is their
    sum, kept by `services.budget_line_set`; the shares and the diversification index are derived
    (essaim/evidence/budgets.py)."""

    budget = models.ForeignKey(ProgrammeBudget, on_delete=models.CASCADE, related_name="lines")
    source = models.CharField(_("source"), max_length=16, choices=BudgetSource.choices)
    amount = models.DecimalField(
        _("montant (€)"), max_digits=12, decimal_places=2, validators=bounds.between(0, bounds.AMOUNT_MAX)
    )

    class Meta:
        verbose_name = _("ligne de budget d'un dispositif")
        verbose_name_plural = _("lignes de budget des dispositifs")
        constraints = [models.UniqueConstraint(fields=["budget", "source"], name="budget_line_source")]

    def __str__(self) -> str:
        return f"{self.budget_id} {self.source}: {self.amount}"


# --- Social impact indicators ------------------------------------------------------------


class Indicator(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(
        _("nature"), max_length=12, choices=IndicatorKind.choices, default=IndicatorKind.QUANTITATIVE
    )
    unit = models.CharField(_("unité"), max_length=40, blank=True)
    direction = models.CharField(_("sens"), max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    definition = models.TextField(_("définition"))
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("indicateur d'impact")
        verbose_name_plural = _("indicateurs d'impact")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProgrammeIndicator(models.Model):
    """An indicator a programme chose to follow."""

    programme = models.ForeignKey(
        "directory.Programme", on_delete=models.CASCADE, related_name="followed_indicators"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("indicateur suivi par un dispositif")
        verbose_name_plural = _("indicateurs suivis par les dispositifs")
        constraints = [
            models.UniqueConstraint(fields=["programme", "indicator"], name="programmeindicator_unique")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} → {self.indicator_id}"


class IndicatorTarget(models.Model):
    project = models.ForeignKey("accompaniment.Project", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    value = models.DecimalField(_("cible"), max_digits=14, decimal_places=2, validators=SIGNED)
    due_on = models.DateField(_("échéance"), null=True, blank=True, validators=bounds.DATE)

    class Meta:
        verbose_name = _("cible d'indicateur")
        verbose_name_plural = _("cibles d'indicateurs")
        constraints = [
            models.UniqueConstraint(fields=["project", "indicator", "due_on"], name="target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.indicator_id}: {self.value}"


class Measurement(models.Model):
    project = models.ForeignKey("accompaniment.Project", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="measurements")
    measured_on = models.DateField(_("mesuré le"), validators=bounds.DATE)
    value = models.DecimalField(
        _("valeur"), max_digits=14, decimal_places=2, null=True, blank=True, validators=SIGNED
    )
    answer = models.TextField(_("réponse"), blank=True)

    class Meta:
        verbose_name = _("mesure d'indicateur")
        verbose_name_plural = _("mesures d'indicateurs")
        ordering = ["project", "indicator", "measured_on"]
        indexes = [models.Index(fields=["indicator", "measured_on"], name="measurement_indicator_date")]

    # --- Reporting facts (derived; never edited by hand) ---------------------------------------

    def __str__(self) -> str:
        return f"{self.project_id} {self.indicator_id} {self.measured_on}"


class ProjectFact(models.Model):
    project = models.OneToOneField(
        "accompaniment.Project", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    programme = models.ForeignKey("directory.Programme", on_delete=models.CASCADE, related_name="+")
    region = models.CharField(max_length=3, blank=True)
    departement = models.CharField(max_length=3, blank=True)
    epci = models.CharField(max_length=9, blank=True)
    commune = models.CharField(max_length=5, blank=True)
    model = models.CharField(max_length=10)
    cohort = models.PositiveSmallIntegerField()
    abandoned = models.BooleanField(default=False)
    created_on = models.DateField(null=True)
    # Survival, in whole months since creation: to the cessation (ceased) or the last check-in.
    survival_months = models.PositiveIntegerField(null=True)
    ceased = models.BooleanField(default=False)
    fte = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    integration_fte = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    public_amount = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    private_amount = models.DecimalField(max_digits=14, decimal_places=2, default=0)

    class Meta:
        indexes = [
            models.Index(fields=["region", "cohort"], name="fact_region"),
            models.Index(fields=["departement", "cohort"], name="fact_departement"),
            models.Index(fields=["epci"], name="fact_epci"),
            models.Index(fields=["commune"], name="fact_commune"),
            models.Index(fields=["programme", "cohort"], name="fact_programme"),
        ]

    def __str__(self) -> str:
        return f"fact {self.project_id}"


class StageFact(models.Model):
    fact = models.ForeignKey(ProjectFact, on_delete=models.CASCADE, related_name="stages")
    # Copied from the project's fact so that territory reports need no join.
    region = models.CharField(max_length=3, blank=True)
    departement = models.CharField(max_length=3, blank=True)
    cohort = models.PositiveSmallIntegerField(default=0)
    # Also copied, for the funnel by programme and by model without a join (no FK index: the
    # covering index below starts with it; deletions cascade through `fact`).
    programme = models.ForeignKey(
        "directory.Programme",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        related_name="+",
    )
    model = models.CharField(max_length=10, blank=True)
    stage = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField()
    outcome = models.CharField(max_length=8, choices=Outcome.choices)
    days = models.PositiveIntegerField(null=True)

    class Meta:
        # Covering indexes: the funnel's GROUP BY stage, outcome, days reads them in order.
        indexes = [
            models.Index(fields=["stage", "outcome", "days", "cohort", "position"], name="stagefact_funnel"),
            models.Index(
                fields=["region", "stage", "outcome", "days", "cohort", "position"], name="stagefact_region"
            ),
            models.Index(
                fields=["departement", "stage", "outcome", "days", "cohort", "position"],
                name="stagefact_departement",
            ),
            models.Index(
                fields=["programme", "stage", "outcome", "days", "cohort", "position"],
                name="stagefact_programme",
            ),
            models.Index(
                fields=["model", "stage", "outcome", "days", "cohort", "position"], name="stagefact_model"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fact_id} {self.stage} {self.outcome}"


class YearFact(models.Model):
    """Jobs in force at the end of a year, carried forward from the latest check-in."""

    fact = models.ForeignKey(ProjectFact, on_delete=models.CASCADE, related_name="years")
    region = models.CharField(max_length=3, blank=True)
    departement = models.CharField(max_length=3, blank=True)
    cohort = models.PositiveSmallIntegerField(default=0)
    year = models.PositiveSmallIntegerField()
    fte = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    integration_fte = models.DecimalField(max_digits=9, decimal_places=2, default=0)

    class Meta:
        # Covering indexes for the jobs-by-year sums.
        indexes = [
            models.Index(fields=["year", "fte", "integration_fte", "cohort"], name="yearfact_year_jobs"),
            models.Index(
                fields=["region", "year", "fte", "integration_fte", "cohort"], name="yearfact_region"
            ),
            models.Index(
                fields=["departement", "year", "fte", "integration_fte", "cohort"],
                name="yearfact_departement",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fact_id} {self.year}: {self.fte}"


class ReportFile(models.Model):
    """A report file produced by the task worker (large reports), downloaded when ready."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        RUNNING = "running", _("En cours de production")
        READY = "ready", _("Prêt")
        FAILED = "failed", _("Échec")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "XLSX"
        CSV = "csv", "CSV"

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(_("périmètre"), max_length=120)
    period_start = models.PositiveSmallIntegerField(null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(null=True, blank=True)
    breakdown = models.CharField(max_length=12, blank=True)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    status = models.CharField(_("état"), max_length=8, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    content = models.BinaryField(null=True, blank=True, editable=False)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("fichier de rapport")
        verbose_name_plural = _("fichiers de rapport")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.scope} ({self.format}, {self.status})"

    @property
    def filename(self) -> str:
        slug = self.scope.replace(":", "-")
        return f"essaim-rapport-{slug}.{self.format}"
