"""What territorial skills planning records itself: the recruitment needs of accompanied
enterprises, noted at their post-creation check-ins (docs/skills.md). Everything else is read
from the apps that hold it (`sources.py`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.core import bounds
from essaim.skills.vocabulary import SkillFamily

POSTS_MAX = 500  # posts one enterprise plans to fill in one family at one check-in
NOTE_MAX = 300


class RecruitmentNeed(models.Model):
    """Posts an accompanied enterprise means to fill in one family of skills, as said at a
    check-in (its year: the check-in's, observed or else due)."""

    checkin = models.ForeignKey(
        "accompaniment.Checkin",
        on_delete=models.CASCADE,
        related_name="recruitment_needs",
        verbose_name=_("point de suivi"),
    )
    family = models.CharField(_("famille de compétences"), max_length=12, choices=SkillFamily.choices)
    posts = models.PositiveSmallIntegerField(_("nombre de postes"), validators=bounds.between(1, POSTS_MAX))
    note = models.CharField(_("précision"), max_length=NOTE_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("besoin de recrutement")
        verbose_name_plural = _("besoins de recrutement")
        ordering = ["checkin", "family", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(posts__gte=1, posts__lte=POSTS_MAX), name="recruitmentneed_posts_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_family_display()} × {self.posts}"

    def audit_scope(self) -> dict:
        project = self.checkin.project
        return {"project_id": project.pk, "programme_id": project.programme_id}
