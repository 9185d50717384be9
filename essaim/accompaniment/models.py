"""Projects, the pipelines they move through, and the log of their moves.

A project exists before any company (no SIRET) and, in the generator model, before its
leader: `carriers` may be empty. Each programme runs a pipeline copied from one of the
templates in `pipelines.py`; a project sits on one stage of its programme's pipeline.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.accompaniment.enums import ProjectModel, ProjectStatus
from essaim.directory.enums import LifeStage


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


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        from essaim.accompaniment.selectors import project_visibility_q

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
    started_on = models.DateField(_("début de l'accompagnement"))
    stage_entered_on = models.DateField(_("entrée dans l'étape"))
    created_on = models.DateField(_("date de création de la structure"), null=True, blank=True)
    ended_on = models.DateField(_("fin de l'accompagnement"), null=True, blank=True)
    end_reason = models.TextField(_("motif de fin"), blank=True)
    # Denormalised by the meeting services so that the board needs no aggregate over meetings.
    last_meeting_on = models.DateField(_("dernier rendez-vous"), null=True, blank=True)
    next_meeting_on = models.DateField(_("prochain rendez-vous"), null=True, blank=True)
    meeting_minutes = models.PositiveIntegerField(_("temps d'accompagnement (minutes)"), default=0)
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
    def organisation_id(self) -> int:
        return self.programme.organisation_id


class StageTransition(models.Model):
    """One move of a project, written by `workflow.transition` only."""

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
