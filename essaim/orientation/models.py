"""A carrier's request to be contacted, sent from the orientation results.

Orientation itself only reads; this is its one write: what the carrier typed, kept for its
recipient, with the time the carrier consented to share it. A request is addressed to one
recipient: a programme (its organisation's staff read it), an ecosystem covering the carrier's
territory (the staff of the ecosystem's leader organisation), or the local authorities whose
territorial scope contains the carrier's commune (their viewers). Leaving one's details for
several recipients stores one request per recipient, all with the same consent time.

What became of a request is its state (`workflows.CONTACT`): new, answered, turned into a
project, or closed with a reason; its recipients move it, one of them may be named to handle it
(`handled_by`), the project it became is linked (`project`), and the reminders sent while
nobody answered are remembered (`ContactReminder`, one per delay).
"""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Exists, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from essaim.core.fields import FlagsField
from essaim.core.phones import validate_phone
from essaim.directory.enums import LifeStage, Need


class Recipient(models.TextChoices):
    PROGRAMME = "programme", _("Dispositif")
    ECOSYSTEM = "ecosystem", _("Écosystème")
    TERRITORY = "territory", _("Collectivités du territoire")


class ContactState(models.TextChoices):
    NEW = "new", _("Nouvelle")
    ANSWERED = "answered", _("Répondue")
    PROJECT = "project", _("Devenue un projet")
    # With a context: Django's own catalogue translates a bare "Close" as "Fermer".
    CLOSED = "closed", pgettext_lazy("état d'une demande de contact", "Close")


class ContactRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Platform admins see every request; organisation staff those of their programmes and of
        the ecosystems their organisation leads; local-authority viewers those addressed to the
        authorities of a commune inside one of their territorial scopes. One SQL query."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        organisations = apps.get_model("accounts", "Membership").objects.filter(user=user)
        organisations = organisations.values("organisation_id")
        scopes = apps.get_model("accounts", "TerritoryScope").objects.filter(
            user=user, kind="local_authority"
        )

        def codes(level):
            return scopes.filter(level=level).values("code")

        in_scope = (
            Q(commune_id__in=codes("commune"))
            | Q(commune__epci_id__in=codes("epci"))
            | Q(commune__departement_id__in=codes("departement"))
            | Q(commune__region_id__in=codes("region"))
            | Q(Exists(scopes.filter(level="national")), commune__isnull=False)
        )
        return self.filter(
            Q(recipient=Recipient.PROGRAMME, programme__organisation_id__in=organisations)
            | Q(recipient=Recipient.ECOSYSTEM, ecosystem__leader_id__in=organisations)
            | (Q(recipient=Recipient.TERRITORY) & in_scope)
        )


class ContactRequest(models.Model):
    recipient = models.CharField(
        _("destinataire"), max_length=12, choices=Recipient.choices, default=Recipient.PROGRAMME
    )
    programme = models.ForeignKey(
        "directory.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contact_requests",
        verbose_name=_("dispositif"),
    )
    ecosystem = models.ForeignKey(
        "directory.Ecosystem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contact_requests",
        verbose_name=_("écosystème"),
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_requests",
        verbose_name=_("compte de l'expéditeur"),
    )
    name = models.CharField(_("nom"), max_length=150)
    email = models.EmailField(_("adresse électronique"))
    phone = models.CharField(_("téléphone"), max_length=30, blank=True, validators=[validate_phone])
    message = models.TextField(_("message"), max_length=4000)
    commune = models.ForeignKey(
        "territories.Commune", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("commune")
    )
    stage = models.CharField(_("étape de vie"), max_length=15, choices=LifeStage.choices, blank=True)
    needs = FlagsField(_("besoins"), choices_enum=Need, blank=True)
    consent_at = models.DateTimeField(_("consentement au partage donné le"))
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    notified_at = models.DateTimeField(_("notification envoyée le"), null=True, blank=True)
    state = models.CharField(_("état"), max_length=10, choices=ContactState.choices, default=ContactState.NEW)
    state_changed_at = models.DateTimeField(_("état changé le"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suivie par"),
    )
    # What the recipients want the carrier to read in their space (the reasons in the log stay internal).
    carrier_note = models.TextField(_("message pour le porteur"), max_length=2000, blank=True)
    project = models.ForeignKey(
        "accompaniment.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_requests",
        verbose_name=_("projet créé"),
    )

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("demande de contact")
        verbose_name_plural = _("demandes de contact")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["programme", "-created_at"], name="contactrequest_programme"),
            models.Index(fields=["recipient", "commune"], name="contactrequest_recipient"),
            models.Index(fields=["state", "created_at"], name="contactrequest_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient=Recipient.PROGRAMME, programme__isnull=False, ecosystem__isnull=True)
                | Q(recipient=Recipient.ECOSYSTEM, ecosystem__isnull=False, programme__isnull=True)
                | Q(recipient=Recipient.TERRITORY, programme__isnull=True, ecosystem__isnull=True),
                name="contactrequest_one_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.recipient_name}"

    @property
    def recipient_name(self) -> str:
        """Who the request is addressed to, in words (reads the programme or the ecosystem)."""
        if self.recipient == Recipient.ECOSYSTEM:
            return self.ecosystem.name
        if self.recipient == Recipient.TERRITORY:
            return str(Recipient.TERRITORY.label)
        return self.programme.name

    @property
    def carrier_state(self) -> str:
        """The state as the carrier reads it in their space."""
        return str(CARRIER_STATES[self.state])

    @property
    def carrier_state_since(self):
        """When the recipients last moved the request (None while it waits)."""
        return None if self.state == ContactState.NEW else self.state_changed_at


CARRIER_STATES = {
    ContactState.NEW: _("Transmise, en attente de réponse"),
    ContactState.ANSWERED: _("L'équipe vous a répondu"),
    ContactState.PROJECT: _("Votre projet est accompagné"),
    ContactState.CLOSED: _("Demande close"),
}


class ContactReminder(models.Model):
    """A reminder sent because nobody answered a request: one per request and delay."""

    contact_request = models.ForeignKey(
        ContactRequest, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("demande")
    )
    delay_days = models.PositiveSmallIntegerField(_("délai (jours)"))
    sent_at = models.DateTimeField(_("envoyée le"))
    recipients = models.PositiveSmallIntegerField(_("destinataires"), default=0)

    class Meta:
        verbose_name = _("relance d'une demande de contact")
        verbose_name_plural = _("relances des demandes de contact")
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contact_request", "delay_days"], name="contactreminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.contact_request_id} +{self.delay_days} j"
