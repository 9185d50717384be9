"""The follow-up of a project: meetings, experts and their mobilisation, post-creation check-ins.

Each child of a project files its activity-log events under the project and the programme
that runs it (`audit_scope`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.accompaniment.enums import (
    CheckinStatus,
    EnterpriseStatus,
    ExpertDomain,
    MeetingKind,
    MobilisationStatus,
    Remuneration,
)
from essaim.accompaniment.models.projects import Project, project_visibility_q
from essaim.core import bounds
from essaim.core.fields import FlagsField


def _visible_projects(user):
    return Project.objects.filter(project_visibility_q(user)).values("pk")


class ProjectChild(models.Model):
    """What belongs to one project (abstract): its log scope is the project's."""

    class Meta:
        abstract = True

    def audit_scope(self) -> dict:
        return {"project_id": self.project_id, "programme_id": self.project.programme_id}


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(project__in=_visible_projects(user))


class Meeting(ProjectChild):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"), validators=bounds.DATE)
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"), validators=bounds.between(1, bounds.MINUTES_PER_DAY)
    )
    kind = models.CharField(
        _("type"), max_length=12, choices=MeetingKind.choices, default=MeetingKind.INDIVIDUAL
    )
    topics = models.TextField(_("sujets abordés"), blank=True)
    decisions = models.TextField(_("décisions"), blank=True)
    next_steps = models.TextField(_("prochaines étapes"), blank=True)
    next_meeting_on = models.DateField(
        _("prochain rendez-vous"), null=True, blank=True, validators=bounds.DATE
    )
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
        # Covering: the board's attention score sums each project's minutes over a window of
        # dates from the index alone (15 → 9 ms for 2,000 projects, docs/performance.md).
        indexes = [
            models.Index(fields=["project", "date", "duration_minutes"], name="meeting_project_date_minutes")
        ]

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
        if not user.is_authenticated:
            return self.none()
        return self.filter(models.Q(project__in=_visible_projects(user)) | models.Q(expert__user=user))


class Mobilisation(ProjectChild):
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
        _("heures données"), max_digits=6, decimal_places=1, default=0, validators=bounds.HOURS
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
        return self.filter(project__in=_visible_projects(user))

    def current(self):
        """Records that count: scheduled or validated, not superseded by a correction."""
        return self.exclude(status=CheckinStatus.SUPERSEDED)


class Checkin(ProjectChild):
    """A post-creation follow-up point. Immutable once validated: corrections supersede it."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="checkins")
    months_after = models.PositiveSmallIntegerField(_("mois après la création"))
    due_on = models.DateField(_("prévu le"), validators=bounds.DATE)
    status = models.CharField(
        _("statut"), max_length=10, choices=CheckinStatus.choices, default=CheckinStatus.SCHEDULED
    )
    observed_on = models.DateField(_("constaté le"), null=True, blank=True, validators=bounds.DATE)
    enterprise_status = models.CharField(
        _("situation de l'entreprise"), max_length=10, choices=EnterpriseStatus.choices, blank=True
    )
    ceased_on = models.DateField(_("date de cessation"), null=True, blank=True, validators=bounds.DATE)
    headcount = models.PositiveIntegerField(_("effectif"), null=True, blank=True, validators=bounds.JOBS)
    fte = models.DecimalField(
        _("emplois en équivalent temps plein"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.JOBS,
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
