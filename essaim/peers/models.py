"""Help between peers (docs/peers.md, issue 13 §3): the help board — questions and offers posted
by the carriers and staff of a programme or of an ecosystem, answered by the others — its
reports to the moderators, and the peers' opt-in to be suggested to each other.

A post belongs to exactly one board: a programme's (`programme`) or an ecosystem's
(`ecosystem`). Who belongs to a board is read in `community.py`. Posts and answers are hidden and
shown again by the board's staff through `workflows.POST` / `workflows.ANSWER`.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from essaim.core import bounds
from essaim.directory.enums import LifeStage
from essaim.peers.enums import PostKind, Visibility
from essaim.skills.vocabulary import SkillFamily

TITLE_MAX = 200
SECTOR_MAX = 120  # as a project's sector
BODY_MAX = bounds.LONG_TEXT
ANSWER_MAX = bounds.COMMENT
REASON_MAX = 500


class Post(models.Model):
    programme = models.ForeignKey(
        "directory.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="peer_posts",
        verbose_name=_("dispositif"),
    )
    ecosystem = models.ForeignKey(
        "directory.Ecosystem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="peer_posts",
        verbose_name=_("écosystème"),
    )
    kind = models.CharField(_("type"), max_length=10, choices=PostKind.choices, default=PostKind.QUESTION)
    title = models.CharField(_("titre"), max_length=TITLE_MAX)
    body = models.TextField(_("message"), validators=[MaxLengthValidator(BODY_MAX)])
    skill = models.CharField(
        _("famille de compétences"), max_length=20, choices=SkillFamily.choices, blank=True
    )
    sector = models.CharField(_("secteur d'activité"), max_length=SECTOR_MAX, blank=True)
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )
    stage = models.CharField(_("étape de vie"), max_length=15, choices=LifeStage.choices, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="peer_posts",
        verbose_name=_("auteur ou autrice"),
    )
    state = models.CharField(
        _("état"), max_length=10, choices=Visibility.choices, default=Visibility.VISIBLE, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("message d'entraide")
        verbose_name_plural = _("messages d'entraide")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(programme__isnull=False, ecosystem__isnull=True)
                | Q(programme__isnull=True, ecosystem__isnull=False),
                name="peers_post_one_board",
            )
        ]
        indexes = [
            models.Index(fields=["programme", "state"], name="peers_post_programme"),
            models.Index(fields=["ecosystem", "state"], name="peers_post_ecosystem"),
        ]

    def __str__(self) -> str:
        return self.title

    def audit_scope(self) -> dict:
        return {"programme_id": self.programme_id} if self.programme_id else {}

    @property
    def is_hidden(self) -> bool:
        return self.state == Visibility.HIDDEN

    @property
    def board(self):
        """The programme or the ecosystem whose board holds the post."""
        return self.programme if self.programme_id else self.ecosystem


class Answer(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="answers")
    body = models.TextField(_("réponse"), validators=[MaxLengthValidator(ANSWER_MAX)])
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_answers"
    )
    state = models.CharField(
        _("état"), max_length=10, choices=Visibility.choices, default=Visibility.VISIBLE, editable=False
    )
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    recommended_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("réponse d'entraide")
        verbose_name_plural = _("réponses d'entraide")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.post} — {self.pk}"

    def audit_scope(self) -> dict:
        return self.post.audit_scope()

    @property
    def is_hidden(self) -> bool:
        return self.state == Visibility.HIDDEN

    @property
    def is_recommended(self) -> bool:
        return self.recommended_at is not None


class Report(models.Model):
    """A member's report of a post or an answer to the board's moderators."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("motif"), max_length=REASON_MAX)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "by"], condition=Q(answer__isnull=True), name="peers_report_post_once"
            ),
            models.UniqueConstraint(
                fields=["answer", "by"], condition=Q(answer__isnull=False), name="peers_report_answer_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.post} — {self.reason[:40]}"

    def audit_scope(self) -> dict:
        return self.post.audit_scope()


class PeerProfile(models.Model):
    """A person's explicit, withdrawable choice to be suggested to other carriers as a peer
    (`matching.suggestions_for`). No profile, or `visible` off, means never shown."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_profile"
    )
    visible = models.BooleanField(_("visible des autres porteurs"), default=False)
    consented_at = models.DateTimeField(_("accord donné le"), null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("accord retiré le"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("profil de pair")
        verbose_name_plural = _("profils de pair")

    def __str__(self) -> str:
        return f"{self.user} — {'visible' if self.visible else 'non visible'}"


# -- peer circles ---------------------------------------------------------------------------

CIRCLE_NAME_MAX = 120
CIRCLE_MEMBERS_MAX = 12  # a small group
TOPIC_MAX = 200


class Circle(models.Model):
    """A small group of peers of a programme's board, run by the programme's staff; its meetings
    count as collective accompaniment in the attendees' projects (`services.circle_meeting_record`)."""

    programme = models.ForeignKey(
        "directory.Programme",
        on_delete=models.CASCADE,
        related_name="peer_circles",
        verbose_name=_("dispositif"),
    )
    name = models.CharField(_("nom du cercle"), max_length=CIRCLE_NAME_MAX)
    purpose = models.TextField(_("objet"), blank=True, validators=[MaxLengthValidator(bounds.COMMENT)])
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="peer_circles")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cercle de pairs")
        verbose_name_plural = _("cercles de pairs")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def audit_scope(self) -> dict:
        return {"programme_id": self.programme_id}


class CircleMeeting(models.Model):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"), validators=bounds.DATE)
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"), validators=bounds.between(1, bounds.MINUTES_PER_DAY)
    )
    topic = models.CharField(_("sujet"), max_length=TOPIC_MAX)
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # The collective meetings written in the attendees' projects (their dosage counts them).
    counted = models.ManyToManyField("accompaniment.Meeting", blank=True, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("rencontre d'un cercle")
        verbose_name_plural = _("rencontres d'un cercle")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.circle} — {self.date}"

    def audit_scope(self) -> dict:
        return self.circle.audit_scope()


# -- pooled resources -----------------------------------------------------------------------


class PooledKind(models.TextChoices):
    EQUIPMENT = "equipment", _("Matériel partagé")
    EMPLOYER_GROUP = "employer_group", _("Salarié partagé (groupement d'employeurs)")
    SERVICE = "service", _("Service mutualisé")


class PooledResource(models.Model):
    """What members of a shared place (`place`: a programme with members, essaim/places) or of
    an ecosystem share: equipment, employees through an employer group, services."""

    place = models.ForeignKey(
        "directory.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pooled_resources",
        verbose_name=_("lieu"),
    )
    ecosystem = models.ForeignKey(
        "directory.Ecosystem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pooled_resources",
        verbose_name=_("écosystème"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=PooledKind.choices)
    title = models.CharField(_("intitulé"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), validators=[MaxLengthValidator(BODY_MAX)])
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pooled_resources"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ressource mutualisée")
        verbose_name_plural = _("ressources mutualisées")
        ordering = ["kind", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(place__isnull=False, ecosystem__isnull=True)
                | Q(place__isnull=True, ecosystem__isnull=False),
                name="peers_pooled_one_register",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def audit_scope(self) -> dict:
        return {"programme_id": self.place_id} if self.place_id else {}

    @property
    def register(self):
        return self.place if self.place_id else self.ecosystem
