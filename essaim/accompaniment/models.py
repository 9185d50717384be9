"""Projects, the pipelines they move through, and the log of their moves.

A project exists before any company (no SIRET) and, in the generator model, before its
leader: `carriers` may be empty. Each programme runs a pipeline copied from one of the
templates in `pipelines.py`; a project sits on one stage of its programme's pipeline.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.accompaniment.enums import (
    AuditAction,
    CheckinStatus,
    EnterpriseStatus,
    ExpertDomain,
    MeetingKind,
    MobilisationStatus,
    ProjectModel,
    ProjectStatus,
    ReferralStatus,
    Remuneration,
)
from essaim.core.fields import FlagsField
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


class ProgrammeSettings(models.Model):
    """A programme's accompaniment targets ("ni trop, ni trop peu") and reminder delays."""

    programme = models.OneToOneField(
        "directory.Programme", on_delete=models.CASCADE, related_name="accompaniment_settings"
    )
    target_hours_min = models.PositiveSmallIntegerField(
        _("heures d'accompagnement visées (minimum)"), default=20
    )
    target_hours_max = models.PositiveSmallIntegerField(
        _("heures d'accompagnement visées (maximum)"), default=120
    )
    max_hours_per_month = models.PositiveSmallIntegerField(_("plafond d'heures par mois"), default=12)
    alert_after_days = models.PositiveSmallIntegerField(
        _("alerte sans rendez-vous après (jours)"), default=42
    )
    reminder_delays = models.JSONField(_("délais de relance (jours)"), default=list, blank=True)

    class Meta:
        verbose_name = _("réglages d'accompagnement")
        verbose_name_plural = _("réglages d'accompagnement")

    def __str__(self) -> str:
        return str(self.programme)


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        from essaim.accompaniment.selectors import project_visibility_q

        return self.filter(project__in=Project.objects.filter(project_visibility_q(user)).values("pk"))


class Meeting(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"))
    kind = models.CharField(
        _("type"), max_length=12, choices=MeetingKind.choices, default=MeetingKind.INDIVIDUAL
    )
    topics = models.TextField(_("sujets abordés"), blank=True)
    decisions = models.TextField(_("décisions"), blank=True)
    next_steps = models.TextField(_("prochaines étapes"), blank=True)
    next_meeting_on = models.DateField(_("prochain rendez-vous"), null=True, blank=True)
    expert = models.ForeignKey(
        "Expert",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("expert"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    programme = models.ForeignKey(
        "directory.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dispositif qui a tenu le rendez-vous"),
        help_text=_("vide : le dispositif qui accompagne le projet"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("rendez-vous")
        verbose_name_plural = _("rendez-vous")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["project", "date"], name="meeting_project_date")]

    def __str__(self) -> str:
        return f"{self.project} — {self.date}"


class Expert(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_profile"
    )
    domains = FlagsField(_("domaines"), choices_enum=ExpertDomain, blank=True)
    territory_refs = models.JSONField(
        _("territoires"),
        default=list,
        blank=True,
        help_text=_("Liste de « niveau:code », ex. departement:34"),
    )
    availability = models.CharField(_("disponibilité"), max_length=200, blank=True)
    is_available = models.BooleanField(_("disponible"), default=True)
    bio = models.TextField(_("présentation"), blank=True)

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["user__full_name", "pk"]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def domain_labels(self) -> list[str]:
        labels = dict(ExpertDomain.choices)
        return [str(labels[d]) for d in self.domains]


class MobilisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        from essaim.accompaniment.selectors import project_visibility_q

        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Q(project__in=Project.objects.filter(project_visibility_q(user)).values("pk"))
            | models.Q(expert__user=user)
        )


class Mobilisation(models.Model):
    """A request that an expert of the pool gives time to a project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="mobilisations")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="mobilisations")
    domain = models.CharField(_("domaine"), max_length=12, choices=ExpertDomain.choices)
    message = models.TextField(_("demande"))
    status = models.CharField(
        _("statut"), max_length=10, choices=MobilisationStatus.choices, default=MobilisationStatus.REQUESTED
    )
    remuneration = models.CharField(
        _("rémunération"), max_length=10, choices=Remuneration.choices, default=Remuneration.VOLUNTEER
    )
    hours = models.DecimalField(
        _("heures données"), max_digits=6, decimal_places=1, default=0, validators=[MinValueValidator(0)]
    )
    response = models.TextField(_("réponse de l'expert"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    objects = MobilisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("mobilisation d'expert")
        verbose_name_plural = _("mobilisations d'experts")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.expert} → {self.project}"


class CheckinQuerySet(models.QuerySet):
    def visible_to(self, user):
        from essaim.accompaniment.selectors import project_visibility_q

        return self.filter(project__in=Project.objects.filter(project_visibility_q(user)).values("pk"))

    def current(self):
        """Records that count: scheduled or validated, not superseded by a correction."""
        return self.exclude(status=CheckinStatus.SUPERSEDED)


class Checkin(models.Model):
    """A post-creation follow-up point. Immutable once validated: corrections supersede it."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="checkins")
    months_after = models.PositiveSmallIntegerField(_("mois après la création"))
    due_on = models.DateField(_("prévu le"))
    status = models.CharField(
        _("statut"), max_length=10, choices=CheckinStatus.choices, default=CheckinStatus.SCHEDULED
    )
    observed_on = models.DateField(_("constaté le"), null=True, blank=True)
    enterprise_status = models.CharField(
        _("situation de l'entreprise"), max_length=10, choices=EnterpriseStatus.choices, blank=True
    )
    ceased_on = models.DateField(_("date de cessation"), null=True, blank=True)
    headcount = models.PositiveIntegerField(_("effectif"), null=True, blank=True)
    fte = models.DecimalField(
        _("emplois en équivalent temps plein"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    notes = models.TextField(_("remarques"), blank=True)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    validated_at = models.DateTimeField(null=True, blank=True)

    objects = CheckinQuerySet.as_manager()

    class Meta:
        verbose_name = _("point de suivi post-création")
        verbose_name_plural = _("points de suivi post-création")
        ordering = ["project", "months_after", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fte__isnull=True) | models.Q(fte__gte=0), name="checkin_fte_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} — {self.months_after} mois"

    def save(self, *args, **kwargs):
        # A validated record only ever changes to "superseded"; everything else is a new record.
        if self.pk:
            stored = Checkin.objects.filter(pk=self.pk).values("status").first()
            if (
                stored
                and stored["status"] != CheckinStatus.SCHEDULED
                and self.status != CheckinStatus.SUPERSEDED
            ):
                raise ValueError("validated check-ins are immutable")
        super().save(*args, **kwargs)


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Sending staff, the project's carriers, and receiving staff once the carrier consented."""
        from essaim.accompaniment.selectors import staff_organisation_ids

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        orgs = staff_organisation_ids(user)
        q = models.Q(project__carriers=user)
        if orgs:
            q |= models.Q(from_programme__organisation_id__in=orgs)
            q |= (
                models.Q(to_programme__organisation_id__in=orgs)
                & ~models.Q(status=ReferralStatus.AWAITING_CONSENT)
                & ~models.Q(status=ReferralStatus.DECLINED_BY_CARRIER)
            )
        return self.filter(q).distinct()


class Referral(models.Model):
    """A "passerelle": one programme proposes a project to another, with the carrier's consent."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="referrals")
    from_programme = models.ForeignKey(
        "directory.Programme", on_delete=models.PROTECT, related_name="referrals_sent", verbose_name=_("de")
    )
    to_programme = models.ForeignKey(
        "directory.Programme",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("vers"),
    )
    message = models.TextField(_("motif de l'orientation"))
    status = models.CharField(
        _("statut"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.AWAITING_CONSENT
    )
    shared_fields = models.JSONField(_("informations partagées"), default=list, blank=True)
    decision_reason = models.TextField(_("motif de la décision"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("passerelle")
        verbose_name_plural = _("passerelles")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.project}: {self.from_programme} → {self.to_programme}"


class ReferralEvent(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ReferralStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"


class ReminderLog(models.Model):
    """One reminder sent, so that each delay fires once per pending item."""

    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    delay_days = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "delay_days"], name="reminderlog_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}#{self.object_id} +{self.delay_days}j"


class AuditEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Readable by the admins of the programme's organisation (and platform admins)."""
        from essaim.accompaniment.selectors import staff_organisation_ids

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(programme__organisation_id__in=staff_organisation_ids(user, admin_only=True))


class AuditEvent(models.Model):
    """Who changed what, when. Written by services through `audit.record`, never edited."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("par"),
    )
    at = models.DateTimeField(_("le"), auto_now_add=True)
    programme = models.ForeignKey(
        "directory.Programme",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        verbose_name=_("dispositif"),
    )
    project = models.ForeignKey(Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    object_type = models.CharField(_("objet"), max_length=60)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(max_length=200)
    action = models.CharField(_("action"), max_length=12, choices=AuditAction.choices)
    changes = models.JSONField(_("changements"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("événement du journal d'audit")
        verbose_name_plural = _("journal d'audit")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["programme", "at"], name="audit_programme_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.object_type}#{self.object_id} {self.action}"
