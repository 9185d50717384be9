"""The help board's own vocabulary (docs/peers.md). Stages are the study's
(`essaim.directory.enums.LifeStage`), skill families the skills vocabulary's
(`essaim.skills.vocabulary.SkillFamily`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PostKind(models.TextChoices):
    QUESTION = "question", _("Question")
    OFFER = "offer", _("Proposition d'aide")


class Visibility(models.TextChoices):
    """A post's or an answer's moderation state (workflows.POST, workflows.ANSWER)."""

    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Masqué par la modération")
