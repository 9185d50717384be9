"""Who belongs to an ecosystem, and the joint projects it runs.

An ecosystem (`directory.Ecosystem`: its model, leader, leader's role, territory, member
programmes) gains here the organisations that joined it: an `EcosystemMembership` per
organisation, with its role (a local authority's role, or plain member), its state (invited,
member, declined, …: `workflows.MEMBERSHIP`), the programmes it brings (added to
`Ecosystem.members` on acceptance, removed when it leaves) and its contact person for the
members' directory (a staff account of the member: no free-text personal data).

A joint project is an accompaniment `Project` (run in the pipeline of its lead programme)
owned by the ecosystem, with the programmes that contribute to it and their roles.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.directory.enums import LegalForm
from essaim.ecosystems.enums import ContributionRole, MemberRole, MembershipState


def is_local_authority(organisation) -> bool:
    """A local authority ("collectivité"): an organisation whose legal form is a public body."""
    return organisation is not None and organisation.legal_form == LegalForm.PUBLIC_BODY


class EcosystemMembership(models.Model):
    ecosystem = models.ForeignKey(
        "directory.Ecosystem",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("écosystème"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="ecosystem_memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("rôle"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    state = models.CharField(
        _("état"), max_length=10, choices=MembershipState.choices, default=MembershipState.INVITED
    )
    programmes = models.ManyToManyField(
        "directory.Programme", blank=True, related_name="+", verbose_name=_("dispositifs apportés")
    )
    message = models.CharField(_("message de l'invitation"), max_length=1000, blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("personne à contacter"),
    )
    created_at = models.DateTimeField(_("invitée le"), default=timezone.now)
    state_changed_at = models.DateTimeField(_("état changé le"), default=timezone.now)

    class Meta:
        verbose_name = _("membre d'un écosystème")
        verbose_name_plural = _("membres d'un écosystème")
        ordering = ["ecosystem", "organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["ecosystem", "organisation"], name="ecosystem_membership_unique")
        ]
        indexes = [models.Index(fields=["organisation", "state"], name="eco_membership_org_state")]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.ecosystem}"


class JointProject(models.Model):
    """An accompaniment project owned by an ecosystem (run in its lead programme's pipeline)."""

    ecosystem = models.ForeignKey(
        "directory.Ecosystem",
        on_delete=models.PROTECT,
        related_name="joint_projects",
        verbose_name=_("écosystème"),
    )
    project = models.OneToOneField(
        "accompaniment.Project",
        on_delete=models.CASCADE,
        related_name="joint_project",
        verbose_name=_("projet d'accompagnement"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("projet commun")
        verbose_name_plural = _("projets communs")
        ordering = ["ecosystem", "-created_at", "-pk"]

    def __str__(self) -> str:
        return str(self.project)

    def audit_scope(self) -> dict:
        return {"project_id": self.project_id}


class Contribution(models.Model):
    """One programme's part in a joint project: its role and what it brings, in words."""

    joint_project = models.ForeignKey(
        JointProject, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("projet commun")
    )
    programme = models.ForeignKey(
        "directory.Programme", on_delete=models.PROTECT, related_name="+", verbose_name=_("dispositif")
    )
    role = models.CharField(_("rôle"), max_length=15, choices=ContributionRole.choices)
    part = models.CharField(_("ce que le dispositif apporte"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("contribution à un projet commun")
        verbose_name_plural = _("contributions aux projets communs")
        ordering = ["joint_project", "role", "programme__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["joint_project", "programme", "role"], name="contribution_unique_role"
            ),
            models.UniqueConstraint(
                fields=["joint_project"], condition=models.Q(role="lead"), name="contribution_one_lead"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} — {self.get_role_display()}"

    @property
    def is_lead(self) -> bool:
        return self.role == ContributionRole.LEAD

    def audit_scope(self) -> dict:
        return {"project_id": self.joint_project.project_id, "programme_id": self.programme_id}
