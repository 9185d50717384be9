"""Projects, the pipelines they move through, and their stage history.

A project exists before any company (no SIRET) and, in the generator model, before its
leader: `carriers` may be empty. Each programme runs a pipeline copied from one of the
templates in `pipelines.py`; a project sits on one stage of its programme's pipeline.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from essaim.accompaniment.enums import ProjectModel, ProjectStatus
from essaim.accounts.selectors import staff_organisation_ids
from essaim.core import bounds
from essaim.directory.enums import LifeStage


def project_visibility_q(user, prefix: str = "") -> Q:
    """Projects a user may open: staff of the running programme's organisation and the
    project's carriers. Receiving staff of a referral see the consented fields through the
    referral only, never the project itself."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    orgs = staff_organisation_ids(user)
    q = Q(**{f"{prefix}carriers": user})
    if orgs:
        q |= Q(**{f"{prefix}programme__organisation_id__in": orgs})
    return q


class ProgrammePipeline(models.Model):
    """The pipeline a programme runs for one model, copied from a template and then edited."""

    programme = models.ForeignKey(
        "directory.Programme",
        on_delete=models.CASCADE,
        related_name="pipelines",
        verbose_name=_("dispositif"),
    )
    model = models.CharField(_("modèle"), max_length=10, choices=ProjectModel.choices)
    template = models.CharField(_("modèle de parcours d'origine"), max_length=30)
    name = models.CharField(_("nom"), max_length=150)

    class Meta:
        verbose_name = _("parcours d'un dispositif")
        verbose_name_plural = _("parcours des dispositifs")
        constraints = [
            models.UniqueConstraint(fields=["programme", "model"], name="pipeline_programme_model_unique")
        ]

    def __str__(self) -> str:
        return f"{self.programme} — {self.name}"


class PipelineStage(models.Model):
    pipeline = models.ForeignKey(ProgrammePipeline, on_delete=models.CASCADE, related_name="stages")
    key = models.SlugField(_("identifiant"), max_length=40)
    name = models.CharField(_("nom"), max_length=120)
    life_stage = models.CharField(_("étape de vie"), max_length=15, choices=LifeStage.choices)
    position = models.PositiveSmallIntegerField(_("rang"))
    checklist = models.JSONField(
        _("livrables attendus"), default=list, blank=True, help_text=_("Liste de {key, label}")
    )
    is_creation = models.BooleanField(
        _("étape de création"),
        default=False,
        help_text=_("Le plan de financement doit être bouclé pour entrer dans cette étape."),
    )
    is_archived = models.BooleanField(_("retirée du parcours"), default=False)

    class Meta:
        verbose_name = _("étape de parcours")
        verbose_name_plural = _("étapes de parcours")
        ordering = ["pipeline", "position"]
        constraints = [models.UniqueConstraint(fields=["pipeline", "key"], name="stage_pipeline_key_unique")]

    def __str__(self) -> str:
        return self.name

    def audit_scope(self) -> dict:
        return {"programme_id": self.pipeline.programme_id}


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(project_visibility_q(user)).distinct()


class Project(models.Model):
    name = models.CharField(_("nom du projet"), max_length=200)
    summary = models.TextField(_("résumé"), blank=True)
    social_need = models.TextField(_("besoin social auquel le projet répond"), blank=True)
    sector = models.CharField(_("secteur d'activité"), max_length=120, blank=True)
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )
    life_stage = models.CharField(
        _("étape de vie"), max_length=15, choices=LifeStage.choices, default=LifeStage.EMERGENCE
    )
    model = models.CharField(_("modèle d'accompagnement"), max_length=10, choices=ProjectModel.choices)
    status = models.CharField(
        _("statut"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE
    )
    programme = models.ForeignKey(
        "directory.Programme",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("dispositif qui accompagne"),
    )
    stage = models.ForeignKey(
        PipelineStage, on_delete=models.PROTECT, related_name="projects", verbose_name=_("étape")
    )
    carriers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="carried_projects", blank=True, verbose_name=_("porteurs")
    )
    checklist_done = models.JSONField(
        _("livrables réalisés"),
        default=dict,
        blank=True,
        help_text=_("clé d'étape → clés des livrables faits"),
    )
    started_on = models.DateField(_("début de l'accompagnement"), validators=bounds.DATE)
    stage_entered_on = models.DateField(_("entrée dans l'étape"), validators=bounds.DATE)
    created_on = models.DateField(
        _("date de création de la structure"), null=True, blank=True, validators=bounds.DATE
    )
    ended_on = models.DateField(_("fin de l'accompagnement"), null=True, blank=True, validators=bounds.DATE)
    end_reason = models.TextField(_("motif de fin"), blank=True)
    # Denormalised by the meeting services so that the board needs no aggregate over meetings.
    last_meeting_on = models.DateField(
        _("dernier rendez-vous"), null=True, blank=True, validators=bounds.DATE
    )
    next_meeting_on = models.DateField(
        _("prochain rendez-vous"), null=True, blank=True, validators=bounds.DATE
    )
    meeting_minutes = models.PositiveIntegerField(_("temps d'accompagnement (minutes)"), default=0)
    # The team member the carriers deal with: their name and e-mail are shown in the carrier's space.
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coached_projects",
        verbose_name=_("accompagnateur ou accompagnatrice référente"),
    )
    is_anonymised = models.BooleanField(_("anonymisé"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("projet")
        verbose_name_plural = _("projets")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["programme", "status"], name="project_programme_status")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_abandoned(self) -> bool:
        return self.status == ProjectStatus.ABANDONED

    def audit_scope(self) -> dict:
        """The activity log files a project's events under the programme that runs it."""
        return {"programme_id": self.programme_id, "project_id": self.pk}


class StageTransition(models.Model):
    """The stage history of a project: one row per stage entered (a fact of the domain that the
    evidence app computes funnels and time in stage from). Written by the pipeline workflow's
    effect; the activity log (`audit.Event`) holds the move itself (who, when, comment)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transitions")
    from_stage = models.ForeignKey(
        PipelineStage, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("de")
    )
    to_stage = models.ForeignKey(
        PipelineStage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vers"),
    )
    from_status = models.CharField(max_length=10, choices=ProjectStatus.choices)
    to_status = models.CharField(max_length=10, choices=ProjectStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("par"),
    )
    at = models.DateTimeField(_("le"), auto_now_add=True)
    comment = models.TextField(_("commentaire"), blank=True)
    is_override = models.BooleanField(_("dérogation"), default=False)

    class Meta:
        verbose_name = _("changement d'étape")
        verbose_name_plural = _("changements d'étape")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.project}: {self.from_stage} → {self.to_stage}"

    @property
    def is_abandonment(self) -> bool:
        return self.to_status == ProjectStatus.ABANDONED and self.from_status != ProjectStatus.ABANDONED


class ProgrammeSettings(models.Model):
    """A programme's accompaniment targets ("ni trop, ni trop peu") and reminder delays."""

    programme = models.OneToOneField(
        "directory.Programme", on_delete=models.CASCADE, related_name="accompaniment_settings"
    )
    target_hours_min = models.PositiveSmallIntegerField(
        _("heures d'accompagnement visées (minimum)"), default=20, validators=bounds.HOURS
    )
    target_hours_max = models.PositiveSmallIntegerField(
        _("heures d'accompagnement visées (maximum)"), default=120, validators=bounds.HOURS
    )
    max_hours_per_month = models.PositiveSmallIntegerField(
        _("plafond d'heures par mois"), default=12, validators=bounds.between(1, 200)
    )
    # "Ni trop peu": an active project below this many hours over the last `dosage_period_days`
    # (once it has been supported that long) is flagged; 0 turns the flag off.
    min_hours_per_period = models.PositiveSmallIntegerField(
        _("minimum d'heures sur la période"),
        default=4,
        validators=[MinValueValidator(0), MaxValueValidator(500)],
    )
    dosage_period_days = models.PositiveSmallIntegerField(
        _("période du minimum d'heures (jours)"),
        default=90,
        validators=[MinValueValidator(14), MaxValueValidator(365)],
    )
    alert_after_days = models.PositiveSmallIntegerField(
        _("alerte sans rendez-vous après (jours)"), default=42, validators=bounds.DAYS
    )
    reminder_delays = models.JSONField(_("délais de relance (jours)"), default=list, blank=True)

    class Meta:
        verbose_name = _("réglages d'accompagnement")
        verbose_name_plural = _("réglages d'accompagnement")

    def __str__(self) -> str:
        return str(self.programme)
