"""Events and trainings of a programme or an ecosystem: sessions, registrations (with a waiting
list), attendance at the door, feedback, the reminders already sent.

An event belongs either to a programme (`ProgrammeOwned`, here with a nullable programme) or to
an ecosystem; its `organisation` column is the one whose staff run it (the programme's, or the
ecosystem's leader), so every scoped read is one indexed filter. `starts_at`/`ends_at` are the
first start and last end of its sessions, kept by the services when sessions change.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from essaim.core import bounds
from essaim.core.models import ProgrammeOwned

MAX_CAPACITY = 10_000
MAX_SESSION_HOURS = 24
MAX_DESCRIPTION = 5000
MAX_COMMENT = 2000


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Atelier")
    TRAINING = "training", _("Formation")
    NETWORK_MEETING = "network_meeting", _("Rencontre du réseau")
    TRADE_FAIR = "trade_fair", _("Salon")
    OPEN_DAY = "open_day", _("Journée portes ouvertes")


class Audience(models.TextChoices):
    CARRIERS = "carriers", _("Les porteurs de projet du dispositif")
    MEMBERS = "members", _("Les membres de l'écosystème")
    PUBLIC = "public", _("Tout public")


class PlaceKind(models.TextChoices):
    ADDRESS = "address", _("Sur place")
    ONLINE = "online", _("En ligne")


class EventState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")
    CANCELLED = "cancelled", _("Annulé")
    CLOSED = "closed", _("Clos")


class RegistrationState(models.TextChoices):
    PENDING = "pending", _("Courriel à confirmer")
    CONFIRMED = "confirmed", _("Inscription confirmée")
    WAITING = "waiting", _("Sur liste d'attente")
    OFFERED = "offered", _("Place proposée")
    CANCELLED = "cancelled", _("Annulée")
    EXPIRED = "expired", _("Proposition expirée")


# A person has at most one registration in these states per event.
ACTIVE_STATES = (
    RegistrationState.PENDING,
    RegistrationState.CONFIRMED,
    RegistrationState.WAITING,
    RegistrationState.OFFERED,
)
# The registrations that take a place (an offer holds one until it is accepted or expires).
SEATED_STATES = (RegistrationState.CONFIRMED, RegistrationState.OFFERED)


class Event(ProgrammeOwned):
    # Overrides the abstract model's field: an ecosystem's event has no programme.
    programme = models.ForeignKey(
        "directory.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("dispositif"),
    )
    ecosystem = models.ForeignKey(
        "directory.Ecosystem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("écosystème"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("structure organisatrice"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=MAX_DESCRIPTION)
    place_kind = models.CharField(_("lieu"), max_length=10, choices=PlaceKind.choices)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )
    online_url = models.URLField(_("lien de connexion"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(
        _("nombre de places"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
    )
    audience = models.CharField(_("public"), max_length=10, choices=Audience.choices)
    registration_opens_at = models.DateTimeField(
        _("ouverture des inscriptions"), null=True, blank=True, validators=bounds.DATE
    )
    registration_closes_at = models.DateTimeField(
        _("clôture des inscriptions"), null=True, blank=True, validators=bounds.DATE
    )
    state = models.CharField(_("état"), max_length=10, choices=EventState.choices, default=EventState.DRAFT)
    starts_at = models.DateTimeField(_("début"), null=True, editable=False, db_index=True)
    ends_at = models.DateTimeField(_("fin"), null=True, editable=False)
    feedback_requested_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(programme__isnull=False, ecosystem__isnull=True)
                | Q(programme__isnull=True, ecosystem__isnull=False),
                name="event_programme_or_ecosystem",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=MAX_CAPACITY), name="event_capacity_range"
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="event_registration_window_order",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "state"], name="event_org_state")]

    def __str__(self) -> str:
        return self.title

    def audit_scope(self) -> dict:
        return {"programme_id": self.programme_id, "organisation_id": self.organisation_id}

    @property
    def owner_name(self) -> str:
        return str(self.programme or self.ecosystem)

    @property
    def gives_certificate(self) -> bool:
        return self.kind == EventKind.TRAINING

    @property
    def is_online(self) -> bool:
        return self.place_kind == PlaceKind.ONLINE

    @property
    def is_cancelled(self) -> bool:
        return self.state == EventState.CANCELLED


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("début"), validators=bounds.DATE)
    ends_at = models.DateTimeField(_("fin"), validators=bounds.DATE)

    class Meta:
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_dates_order")
        ]

    def __str__(self) -> str:
        return f"{self.event} — {self.starts_at:%d/%m/%Y %H:%M}"

    def audit_scope(self) -> dict:
        return self.event.audit_scope()

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


def _new_key() -> str:
    return secrets.token_urlsafe(12)


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    name = models.CharField(_("nom"), max_length=200)
    email = models.EmailField(_("courriel"), max_length=254)
    state = models.CharField(_("état"), max_length=10, choices=RegistrationState.choices)
    # Part of every signed link: a new key (erasure) makes the old links worthless.
    key = models.CharField(max_length=32, default=_new_key, editable=False)
    created_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)
    # The waiting list's order: when the person joined it (or registered).
    queued_at = models.DateTimeField(_("en attente depuis"), null=True, blank=True)
    hold_expires_at = models.DateTimeField(_("place réservée jusqu'au"), null=True, blank=True)
    is_anonymised = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(state__in=ACTIVE_STATES),
                name="registration_one_active_per_email",
            )
        ]
        indexes = [models.Index(fields=["event", "state", "queued_at"], name="registration_queue")]

    def __str__(self) -> str:
        return f"{self.name} — {self.event}"

    def audit_scope(self) -> dict:
        return self.event.audit_scope()

    @property
    def is_seated(self) -> bool:
        return self.state in SEATED_STATES

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def is_pending(self) -> bool:
        return self.state == RegistrationState.PENDING

    @property
    def is_confirmed(self) -> bool:
        return self.state == RegistrationState.CONFIRMED

    @property
    def is_offered(self) -> bool:
        return self.state == RegistrationState.OFFERED


class Attendance(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="attendances")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    checked_at = models.DateTimeField(_("pointé le"), auto_now_add=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The collective hours counted in the attendee's projects (accompaniment's meetings).
    meetings = models.ManyToManyField("accompaniment.Meeting", blank=True, related_name="+")

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="attendance_once_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.registration.name} — {self.session}"

    def audit_scope(self) -> dict:
        return self.registration.event.audit_scope()


class Feedback(models.Model):
    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(
        _("satisfaction"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    usefulness = models.PositiveSmallIntegerField(
        _("utilité pour votre projet"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("commentaire"), blank=True, max_length=MAX_COMMENT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("avis sur l'événement")
        verbose_name_plural = _("avis sur les événements")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5, usefulness__gte=1, usefulness__lte=5),
                name="feedback_scores_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration.name} — {self.rating}/5"

    def audit_scope(self) -> dict:
        return self.registration.event.audit_scope()


class SessionReminder(models.Model):
    """A day-before reminder already sent (sent once per registration and session)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="session_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} — {self.session_id}"
