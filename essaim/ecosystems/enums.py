"""Vocabulary of ecosystems, defined once. Values are stable identifiers; labels are French.

The roles of a local authority are the study's (part 3): it may encourage an initiative, act as
the "chef d'orchestre" of the territory's offer, or be an engaged actor of the ecosystem. They
are the directory's `LeaderRole` values, so that an authority keeps the same words whether it
leads the ecosystem or is one of its members.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.directory.enums import LeaderRole


class MembershipState(models.TextChoices):
    INVITED = "invited", _("Invitation envoyée")
    ACTIVE = "active", _("Membre")
    DECLINED = "declined", _("Invitation déclinée")
    WITHDRAWN = "withdrawn", _("Invitation retirée")
    REMOVED = "removed", _("Retiré de l'écosystème")
    LEFT = "left", _("A quitté l'écosystème")


class MemberRole(models.TextChoices):
    MEMBER = "member", _("Membre")
    ENCOURAGER = LeaderRole.ENCOURAGER.value, LeaderRole.ENCOURAGER.label
    CONDUCTOR = LeaderRole.CONDUCTOR.value, LeaderRole.CONDUCTOR.label
    ENGAGED_ACTOR = LeaderRole.ENGAGED_ACTOR.value, LeaderRole.ENGAGED_ACTOR.label


# The roles only a local authority holds (as a member, or as the leader: `Ecosystem.leader_role`).
AUTHORITY_ROLES = (MemberRole.ENCOURAGER, MemberRole.CONDUCTOR, MemberRole.ENGAGED_ACTOR)


class ContributionRole(models.TextChoices):
    """What a programme brings to a joint project of the ecosystem."""

    LEAD = "lead", _("Pilote le projet")
    FINANCES = "finances", _("Finance")
    HOSTS = "hosts", _("Héberge")
    ACCOMPANIES = "accompanies", _("Accompagne")
    EXPERTISE = "expertise", _("Apporte son expertise")
