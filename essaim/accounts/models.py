"""Users (e-mail login), organisation memberships, invitations to join one, territorial scopes,
API tokens."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.territories.models import Level


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("email required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("adresse électronique"), unique=True)
    full_name = models.CharField(_("nom complet"), max_length=150, blank=True)
    is_carrier = models.BooleanField(_("porteur de projet"), default=False)
    is_expert = models.BooleanField(_("expert"), default=False)
    is_demo = models.BooleanField(_("compte de démonstration"), default=False, editable=False)
    # Signed up on the site and not yet confirmed from the mailbox (the account is inactive until
    # then); an account deactivated by an administrator is inactive without it.
    awaiting_confirmation = models.BooleanField(_("adresse à confirmer"), default=False, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email


class Membership(models.Model):
    """A user on the staff of an organisation."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrateur")
        MEMBER = "member", _("Membre de l'équipe")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("appartenance à une organisation")
        verbose_name_plural = _("appartenances à une organisation")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


class TerritoryScope(models.Model):
    """A funder / local-authority viewer may see aggregates for these territories."""

    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", _("Collectivité locale")
        FUNDER = "funder", _("Financeur")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="territory_scopes")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.LOCAL_AUTHORITY)
    level = models.CharField(_("niveau"), max_length=12, choices=Level.choices)
    code = models.CharField(_("code"), max_length=9)
    label = models.CharField(_("intitulé"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("périmètre territorial")
        verbose_name_plural = _("périmètres territoriaux")
        constraints = [
            models.UniqueConstraint(fields=["user", "level", "code"], name="territoryscope_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.level}:{self.code}"


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the clear value is shown once."""

    PREFIX = "ess_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nom"), max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("début du jeton"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        verbose_name = _("jeton d'API")
        verbose_name_plural = _("jetons d'API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.hint}… ({self.user})"

    @staticmethod
    def hash(clear: str) -> str:
        return hashlib.sha256(clear.encode()).hexdigest()

    @classmethod
    def generate(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


class InvitationState(models.TextChoices):
    PENDING = "pending", _("en attente")
    ACCEPTED = "accepted", _("acceptée")
    EXPIRED = "expired", _("expirée")  # shown, never stored: a pending invitation past its date
    REVOKED = "revoked", _("révoquée")


class Invitation(models.Model):
    """An e-mail invited by an organisation admin to join the organisation's staff with a role.

    The link sent carries a signed token (essaim/accounts/tokens.py) holding the invitation's id
    and a random key whose SHA-256 only is stored; it works until `expires_at`, once.
    """

    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("adresse électronique invitée"), max_length=254)
    role = models.CharField(
        _("rôle"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    state = models.CharField(
        _("état"), max_length=10, choices=InvitationState.choices, default=InvitationState.PENDING
    )
    key_digest = models.CharField(max_length=64, editable=False)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations_sent"
    )
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations_accepted"
    )
    created_at = models.DateTimeField(_("envoyée le"), default=timezone.now)
    expires_at = models.DateTimeField(_("valable jusqu'au"))
    decided_at = models.DateTimeField(_("acceptée ou révoquée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation à rejoindre une équipe")
        verbose_name_plural = _("invitations à rejoindre une équipe")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "email"], name="invitation_org_email")]

    def __str__(self) -> str:
        # No e-mail address here: this is what the activity log keeps as the object's name.
        return _("Invitation n° %(pk)s") % {"pk": self.pk}

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def status(self) -> str:
        """The state people see: a pending invitation past its date is expired."""
        if self.state == InvitationState.PENDING and self.is_expired:
            return InvitationState.EXPIRED
        return self.state

    def get_status_display(self) -> str:
        return str(InvitationState(self.status).label)
