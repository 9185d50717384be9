"""Calls for projects, their criteria and questions; applications, answers, reviews, scores."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.accounts.selectors import staff_organisations
from essaim.calls.models.states import ApplicationState, CallState
from essaim.core import bounds
from essaim.core.models import ProgrammeOwned

# -- Calls ---------------------------------------------------------------------------------


class OrganisationScopedQuerySet(models.QuerySet):
    """Rows reached through a programme, scoped to the staff of its organisation."""

    # Path from the row to its organisation's id; subclasses reaching it through another
    # object (an application through its call) override it.
    organisation_path = "programme__organisation_id"

    def staff_q(self, user) -> Q:
        return Q(**{f"{self.organisation_path}__in": staff_organisations(user)})

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


class Call(ProgrammeOwned):
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    eligibility = models.TextField(_("critères d'éligibilité"), blank=True)
    territory_refs = models.JSONField(
        _("territoires"),
        default=list,
        blank=True,
        help_text=_("Liste de « niveau:code », ex. departement:34"),
    )
    opens_at = models.DateTimeField(_("ouverture"), validators=bounds.DATE)
    closes_at = models.DateTimeField(_("clôture"), validators=bounds.DATE)
    score_max = models.PositiveSmallIntegerField(
        _("note maximale par critère"), default=5, validators=[MinValueValidator(2), MaxValueValidator(20)]
    )
    blind_review = models.BooleanField(
        _("évaluation anonyme"),
        default=False,
        help_text=_("Les évaluateurs ne voient ni le nom ni le courriel du porteur."),
    )
    state = models.CharField(_("état"), max_length=12, choices=CallState.choices, default=CallState.DRAFT)

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
    def accepts_submissions(self) -> bool:
        now = timezone.now()
        return self.state == CallState.OPEN and self.opens_at <= now < self.closes_at

    @property
    def is_open(self) -> bool:
        return self.state == CallState.OPEN

    @property
    def is_editable(self) -> bool:
        """Text, dates and settings change while the call is a draft or open."""
        return self.state in (CallState.DRAFT, CallState.OPEN)

    @property
    def form_editable(self) -> bool:
        """Criteria and questions change only in draft (applicants answer a fixed form)."""
        return self.state == CallState.DRAFT

    @property
    def takes_reviewers(self) -> bool:
        return self.state in (CallState.OPEN, CallState.REVIEW)

    @property
    def takes_scores(self) -> bool:
        return self.state == CallState.REVIEW

    @property
    def takes_decisions(self) -> bool:
        return self.state in (CallState.REVIEW, CallState.DECIDED)


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

    def audit_scope(self) -> dict:
        return {"programme_id": self.call.programme_id}


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

    def audit_scope(self) -> dict:
        return {"programme_id": self.call.programme_id}


# -- Applications ------------------------------------------------------------------------


# A draft belongs to its carrier until it is submitted: a draft withdrawn before submission too.
SUBMITTED_Q = Q(submitted_at__isnull=False) | ~Q(
    state__in=[ApplicationState.DRAFT, ApplicationState.WITHDRAWN]
)


class ApplicationQuerySet(OrganisationScopedQuerySet):
    organisation_path = "call__programme__organisation_id"

    def submitted(self):
        return self.filter(SUBMITTED_Q)

    def managed_by(self, user):
        """Submitted applications of the calls of the user's organisations."""
        return super().managed_by(user).filter(SUBMITTED_Q)

    def reviewed_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(SUBMITTED_Q, pk__in=Review.objects.filter(reviewer=user).values("application_id"))

    def visible_to(self, user):
        """The carrier; once submitted, the staff of the call's organisation and the assigned
        reviewers (platform admins too)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.filter(SUBMITTED_Q | Q(carrier=user))
        reviewed = Q(pk__in=Review.objects.filter(reviewer=user).values("application_id"))
        return self.filter(Q(carrier=user) | (SUBMITTED_Q & (self.staff_q(user) | reviewed)))


class Application(models.Model):
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    carrier = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    project_name = models.CharField(_("nom du projet"), max_length=200)
    summary = models.TextField(_("résumé du projet"), blank=True, max_length=bounds.LONG_TEXT)
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
    feedback = models.TextField(_("retour au porteur"), blank=True, max_length=bounds.LONG_TEXT)
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

    def audit_scope(self) -> dict:
        return {"programme_id": self.call.programme_id, "project_id": self.project_id}

    @property
    def was_submitted(self) -> bool:
        return self.submitted_at is not None or self.state not in (
            ApplicationState.DRAFT,
            ApplicationState.WITHDRAWN,
        )

    @property
    def takes_reviewers(self) -> bool:
        return self.state == ApplicationState.SUBMITTED and self.call.takes_reviewers

    @property
    def awaits_decision(self) -> bool:
        return self.state in (ApplicationState.SUBMITTED, ApplicationState.WAITLISTED)


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(blank=True, max_length=bounds.LONG_TEXT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "question"], name="answer_unique")]

    def __str__(self) -> str:
        return self.value[:50]


class Review(models.Model):
    """One reviewer's assignment to one application, and their scores once given."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    conflict_of_interest = models.BooleanField(_("conflit d'intérêts déclaré"), default=False)
    conflict_reason = models.TextField(
        _("nature du conflit d'intérêts"), blank=True, max_length=bounds.COMMENT
    )
    comment = models.TextField(_("commentaire général"), blank=True, max_length=bounds.LONG_TEXT)
    submitted_at = models.DateTimeField(_("évaluation rendue le"), null=True, blank=True)

    class Meta:
        verbose_name = _("évaluation")
        verbose_name_plural = _("évaluations")
        ordering = ["assigned_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="review_unique")]

    def __str__(self) -> str:
        return f"{self.reviewer} — {self.application}"

    def audit_scope(self) -> dict:
        return {"programme_id": self.application.call.programme_id}

    @property
    def is_done(self) -> bool:
        return self.submitted_at is not None and not self.conflict_of_interest


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("note"), validators=bounds.between(0, 20))
    comment = models.TextField(_("commentaire"), blank=True, max_length=bounds.COMMENT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="score_unique")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"
