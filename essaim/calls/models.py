"""Calls for projects, applications, reviews and committee decisions; the project generator's
side: the register of territory needs, job offers for the future leader, candidacies.

States and transitions live in `workflows.py`; writes go through `services.py`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.calls.workflows import ApplicationState, CallState, CandidacyState, JobOfferState, NeedState


def _staff_org_ids(user):
    from essaim.accounts.selectors import staff_organisations

    return staff_organisations(user)


class TransitionLog(models.Model):
    """One move of a workflow: who, when, from, to, comment. Written by `services._apply` only."""

    from_state = models.CharField(_("de"), max_length=12, blank=True)
    to_state = models.CharField(_("vers"), max_length=12)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("par"),
    )
    at = models.DateTimeField(_("le"), default=timezone.now)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    states: type[models.TextChoices]

    def __str__(self) -> str:
        return f"{self.from_state or '∅'} → {self.to_state}"

    @property
    def from_label(self) -> str:
        return str(dict(self.states.choices).get(self.from_state, "—"))

    @property
    def to_label(self) -> str:
        return str(dict(self.states.choices).get(self.to_state, self.to_state))


# -- Calls ---------------------------------------------------------------------------------


class OrganisationScopedQuerySet(models.QuerySet):
    """Rows reached through a programme, scoped to the staff of its organisation."""

    # Path from the row to its organisation's id; subclasses reaching it through another
    # object (an application through its call) override it.
    organisation_path = "programme__organisation_id"

    def staff_q(self, user) -> Q:
        return Q(**{f"{self.organisation_path}__in": _staff_org_ids(user)})

    def managed_by(self, user):
        """Rows of the organisations the user is on the staff of (all of them for a platform admin)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(self.staff_q(user))


class CallQuerySet(OrganisationScopedQuerySet):
    def public(self):
        """Calls a carrier can read and apply to: open ones of published programmes."""
        return self.filter(state=CallState.OPEN, programme__is_published=True)


class Call(models.Model):
    programme = models.ForeignKey(
        "directory.Programme", on_delete=models.PROTECT, related_name="calls", verbose_name=_("dispositif")
    )
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    eligibility = models.TextField(_("critères d'éligibilité"), blank=True)
    territory_refs = models.JSONField(
        _("territoires"),
        default=list,
        blank=True,
        help_text=_("Liste de « niveau:code », ex. departement:34"),
    )
    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(_("clôture"))
    score_max = models.PositiveSmallIntegerField(
        _("note maximale par critère"), default=5, validators=[MinValueValidator(2), MaxValueValidator(20)]
    )
    blind_review = models.BooleanField(
        _("évaluation anonyme"),
        default=False,
        help_text=_("Les évaluateurs ne voient ni le nom ni le courriel du porteur."),
    )
    state = models.CharField(_("état"), max_length=12, choices=CallState.choices, default=CallState.DRAFT)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("appel à projets")
        verbose_name_plural = _("appels à projets")
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="call_dates_order")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def organisation_id(self) -> int:
        return self.programme.organisation_id

    @property
    def accepts_submissions(self) -> bool:
        now = timezone.now()
        return self.state == CallState.OPEN and self.opens_at <= now < self.closes_at


class Criterion(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    label = models.CharField(_("critère"), max_length=200)
    description = models.CharField(_("précision"), max_length=500, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("pondération"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("critère d'évaluation")
        verbose_name_plural = _("critères d'évaluation")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


class Question(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Texte court")
        LONG_TEXT = "long_text", _("Texte long")
        CHOICE = "choice", _("Choix dans une liste")
        NUMBER = "number", _("Nombre")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("aide"), max_length=500, blank=True)
    kind = models.CharField(_("type de réponse"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.JSONField(_("choix possibles"), default=list, blank=True)
    required = models.BooleanField(_("obligatoire"), default=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("question du formulaire")
        verbose_name_plural = _("questions du formulaire")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


class CallTransition(TransitionLog):
    states = CallState
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="transitions")


# -- Applications ------------------------------------------------------------------------


class ApplicationQuerySet(OrganisationScopedQuerySet):
    organisation_path = "call__programme__organisation_id"

    def reviewed_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=Review.objects.filter(reviewer=user).values("application_id"))

    def visible_to(self, user):
        """Staff of the call's organisation, the assigned reviewers, the carrier."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(
            self.staff_q(user)
            | Q(carrier=user)
            | Q(pk__in=Review.objects.filter(reviewer=user).values("application_id"))
        )


class Application(models.Model):
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    carrier = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    project_name = models.CharField(_("nom du projet"), max_length=200)
    summary = models.TextField(_("résumé du projet"), blank=True)
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune du projet"),
    )
    state = models.CharField(
        _("état"), max_length=12, choices=ApplicationState.choices, default=ApplicationState.DRAFT
    )
    submitted_at = models.DateTimeField(_("soumise le"), null=True, blank=True)
    decided_at = models.DateTimeField(_("décision le"), null=True, blank=True)
    feedback = models.TextField(_("retour au porteur"), blank=True)
    project = models.ForeignKey(
        "accompaniment.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("projet créé"),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "carrier"], name="application_one_per_carrier")
        ]

    def __str__(self) -> str:
        return self.project_name

    @property
    def organisation_id(self) -> int:
        return self.call.programme.organisation_id


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "question"], name="answer_unique")]

    def __str__(self) -> str:
        return self.value[:50]


class ApplicationTransition(TransitionLog):
    states = ApplicationState
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="transitions")


class Review(models.Model):
    """One reviewer's assignment to one application, and their scores once given."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    conflict_of_interest = models.BooleanField(_("conflit d'intérêts déclaré"), default=False)
    conflict_reason = models.TextField(_("nature du conflit d'intérêts"), blank=True)
    comment = models.TextField(_("commentaire général"), blank=True)
    submitted_at = models.DateTimeField(_("évaluation rendue le"), null=True, blank=True)

    class Meta:
        verbose_name = _("évaluation")
        verbose_name_plural = _("évaluations")
        ordering = ["assigned_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="review_unique")]

    def __str__(self) -> str:
        return f"{self.reviewer} — {self.application}"

    @property
    def is_done(self) -> bool:
        return self.submitted_at is not None and not self.conflict_of_interest


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("note"))
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="score_unique")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


# -- Project generator: needs, job offers, candidacies -----------------------------------------


class TerritoryNeed(models.Model):
    """A need or opportunity spotted on a territory, before any project or leader exists."""

    programme = models.ForeignKey(
        "directory.Programme",
        on_delete=models.PROTECT,
        related_name="territory_needs",
        verbose_name=_("dispositif"),
    )
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("besoin du territoire")
        verbose_name_plural = _("besoins du territoire")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def organisation_id(self) -> int:
        return self.programme.organisation_id


class JobOfferQuerySet(OrganisationScopedQuerySet):
    def public(self):
        return self.filter(state=JobOfferState.PUBLISHED, programme__is_published=True)


class JobOffer(models.Model):
    """The offer to recruit the future leader of a generated project."""

    programme = models.ForeignKey(
        "directory.Programme",
        on_delete=models.PROTECT,
        related_name="job_offers",
        verbose_name=_("dispositif"),
    )
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
    closes_on = models.DateField(_("date limite de candidature"), null=True, blank=True)
    state = models.CharField(
        _("état"), max_length=12, choices=JobOfferState.choices, default=JobOfferState.DRAFT
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = JobOfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offre de poste de porteur")
        verbose_name_plural = _("offres de poste de porteur")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def organisation_id(self) -> int:
        return self.programme.organisation_id


class JobOfferTransition(TransitionLog):
    states = JobOfferState
    offer = models.ForeignKey(JobOffer, on_delete=models.CASCADE, related_name="transitions")


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
    interview_at = models.DateTimeField(_("entretien le"), null=True, blank=True)
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

    @property
    def organisation_id(self) -> int:
        return self.offer.programme.organisation_id


class CandidacyTransition(TransitionLog):
    states = CandidacyState
    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="transitions")
