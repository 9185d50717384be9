"""The project generator's side: the register of territory needs, job offers for the future
leader of a generated project, candidacies to those offers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.calls.models.calls import OrganisationScopedQuerySet
from essaim.calls.models.states import CandidacyState, JobOfferState, NeedState
from essaim.core import bounds
from essaim.core.models import ProgrammeOwned


class TerritoryNeed(ProgrammeOwned):
    """A need or opportunity spotted on a territory, before any project or leader exists."""

    title = models.CharField(_("intitulé"), max_length=200)
    need = models.TextField(_("besoin constaté"))
    evidence = models.TextField(_("éléments qui l'attestent"), blank=True)
    sources = models.TextField(_("sources"), blank=True)
    partners_met = models.TextField(_("partenaires rencontrés"), blank=True)
    opportunity_study = models.TextField(_("étude d'opportunité"), blank=True)
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )
    epci = models.ForeignKey(
        "territories.Epci",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("intercommunalité (EPCI)"),
    )
    state = models.CharField(_("état"), max_length=12, choices=NeedState.choices, default=NeedState.SPOTTED)
    project = models.ForeignKey(
        "accompaniment.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("projet créé"),
    )

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("besoin du territoire")
        verbose_name_plural = _("besoins du territoire")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class JobOfferQuerySet(OrganisationScopedQuerySet):
    def public(self):
        return self.filter(state=JobOfferState.PUBLISHED, programme__is_published=True)


class JobOffer(ProgrammeOwned):
    """The offer to recruit the future leader of a generated project."""

    need = models.ForeignKey(
        TerritoryNeed,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="job_offers",
        verbose_name=_("besoin d'origine"),
    )
    project = models.ForeignKey(
        "accompaniment.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="job_offers",
        verbose_name=_("projet"),
    )
    title = models.CharField(_("intitulé du poste"), max_length=200)
    description = models.TextField(_("le projet et le poste"))
    skills_profile = models.TextField(_("profil de compétences recherché"))
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lieu"),
    )
    closes_on = models.DateField(
        _("date limite de candidature"), null=True, blank=True, validators=bounds.DATE
    )
    state = models.CharField(
        _("état"), max_length=12, choices=JobOfferState.choices, default=JobOfferState.DRAFT
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)

    objects = JobOfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offre de poste de porteur")
        verbose_name_plural = _("offres de poste de porteur")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.state != JobOfferState.FILLED

    @property
    def is_published(self) -> bool:
        return self.state == JobOfferState.PUBLISHED

    @property
    def accepts_candidacies(self) -> bool:
        return self.is_published and not (self.closes_on and self.closes_on < timezone.localdate())


class CandidacyQuerySet(OrganisationScopedQuerySet):
    organisation_path = "offer__programme__organisation_id"

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(self.staff_q(user) | Q(candidate=user))


class Candidacy(models.Model):
    offer = models.ForeignKey(JobOffer, on_delete=models.PROTECT, related_name="candidacies")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candidacies"
    )
    motivation = models.TextField(_("motivation"))
    experience = models.TextField(_("parcours et compétences"), blank=True)
    state = models.CharField(
        _("état"), max_length=12, choices=CandidacyState.choices, default=CandidacyState.SUBMITTED
    )
    interview_at = models.DateTimeField(_("entretien le"), null=True, blank=True, validators=bounds.DATE)
    staff_notes = models.TextField(_("notes de l'équipe"), blank=True)
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)

    objects = CandidacyQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidature à une offre")
        verbose_name_plural = _("candidatures à une offre")
        ordering = ["-created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["offer", "candidate"], name="candidacy_unique")]

    def __str__(self) -> str:
        return f"{self.candidate} — {self.offer}"

    def audit_scope(self) -> dict:
        return {"programme_id": self.offer.programme_id, "project_id": self.offer.project_id}

    @property
    def is_recruited(self) -> bool:
        return self.state == CandidacyState.RECRUITED

    @property
    def interview_planned(self) -> bool:
        return self.state == CandidacyState.INTERVIEW and self.interview_at is not None
