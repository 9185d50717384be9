"""Shared places: the resources of a directory programme of kind "lieu partagé" (rooms, desks,
equipment), their opening hours and booking rules, the bookings, and the place's members with
their monthly allowances.

A resource belongs to the place (`programme`, a `Programme` of kind `shared_place`) and, through
a column kept by the services, to the organisation whose staff run it, so every scoped read is
one indexed filter. Times are stored in UTC and read in the site's time zone (Europe/Paris):
opening hours are local wall-clock times.

No double booking: on PostgreSQL an exclusion constraint (`booking_no_overlap`, btree_gist,
created by migration 0002 only on PostgreSQL) forbids two confirmed bookings of a resource whose
periods overlap; on both databases the services lock the resource's row before they check and
insert (essaim/places/services.py).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from essaim.core import bounds
from essaim.directory.validators import validate_siret

MAX_CAPACITY = 500
MAX_DURATION_MINUTES = 24 * 60
MAX_DAYS_AHEAD = 365
MAX_OCCURRENCES = 52
MAX_ALLOWANCE_MINUTES = 744 * 60  # a month of 31 days, every hour
MAX_NOTE = 200


class ResourceKind(models.TextChoices):
    ROOM = "room", _("Salle")
    DESK = "desk", _("Poste de travail")
    EQUIPMENT = "equipment", _("Équipement")


class BookingPolicy(models.TextChoices):
    MEMBERS = "members", _("Les membres du lieu")
    MEMBERS_AND_PROJECTS = "members_projects", _("Les membres et les projets accompagnés")
    SIGNED_IN = "signed_in", _("Toute personne connectée")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("lundi")
    TUESDAY = 1, _("mardi")
    WEDNESDAY = 2, _("mercredi")
    THURSDAY = 3, _("jeudi")
    FRIDAY = 4, _("vendredi")
    SATURDAY = 5, _("samedi")
    SUNDAY = 6, _("dimanche")


class BookingState(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmée")
    CANCELLED = "cancelled", _("Annulée")


class MembershipKind(models.TextChoices):
    RESIDENT = "resident", _("Résident")
    MEMBER = "member", _("Membre")


class Resource(models.Model):
    programme = models.ForeignKey(
        "directory.Programme", on_delete=models.PROTECT, related_name="resources", verbose_name=_("lieu")
    )
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, editable=False, related_name="+"
    )
    kind = models.CharField(_("type"), max_length=10, choices=ResourceKind.choices)
    name = models.CharField(_("nom"), max_length=120)
    description = models.CharField(_("description"), max_length=500, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("capacité (personnes)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
    )
    policy = models.CharField(
        _("qui peut réserver"), max_length=20, choices=BookingPolicy.choices, default=BookingPolicy.MEMBERS
    )
    max_duration_minutes = models.PositiveIntegerField(
        _("durée maximale d'une réservation (minutes)"),
        default=240,
        validators=[MinValueValidator(15), MaxValueValidator(MAX_DURATION_MINUTES)],
    )
    max_days_ahead = models.PositiveSmallIntegerField(
        _("réservable jusqu'à (jours à l'avance)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DAYS_AHEAD)],
    )
    is_active = models.BooleanField(_("réservable"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
        ordering = ["programme_id", "kind", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=MAX_CAPACITY), name="resource_capacity_range"
            ),
            models.CheckConstraint(
                condition=Q(max_duration_minutes__gte=15, max_duration_minutes__lte=MAX_DURATION_MINUTES),
                name="resource_duration_range",
            ),
            models.CheckConstraint(
                condition=Q(max_days_ahead__gte=1, max_days_ahead__lte=MAX_DAYS_AHEAD),
                name="resource_days_ahead_range",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "is_active"], name="resource_org_active")]

    def __str__(self) -> str:
        return self.name

    def audit_scope(self) -> dict:
        return {"programme_id": self.programme_id, "organisation_id": self.organisation_id}


class OpeningHours(models.Model):
    """One span per weekday (a resource closed that day has no row)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(
        _("jour"), choices=Weekday.choices, validators=[MaxValueValidator(6)]
    )
    opens_at = models.TimeField(_("ouverture"))
    closes_at = models.TimeField(_("fermeture"))

    class Meta:
        verbose_name = _("horaires d'ouverture")
        verbose_name_plural = _("horaires d'ouverture")
        ordering = ["weekday"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "weekday"], name="opening_hours_one_per_day"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="opening_hours_order"
            ),
            models.CheckConstraint(condition=Q(weekday__gte=0, weekday__lte=6), name="opening_hours_weekday"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    def audit_scope(self) -> dict:
        return self.resource.audit_scope()


class PlaceMembership(models.Model):
    """A person member or resident of a place; `monthly_allowance_minutes` caps their bookings of
    the place's rooms per calendar month (None: no cap)."""

    programme = models.ForeignKey(
        "directory.Programme", on_delete=models.CASCADE, related_name="place_members", verbose_name=_("lieu")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="place_memberships"
    )
    kind = models.CharField(_("statut"), max_length=10, choices=MembershipKind.choices)
    monthly_allowance_minutes = models.PositiveIntegerField(
        _("crédit mensuel de salles (minutes)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_ALLOWANCE_MINUTES)],
    )
    starts_on = models.DateField(_("depuis le"), validators=bounds.DATE)
    ends_on = models.DateField(_("jusqu'au"), null=True, blank=True, validators=bounds.DATE)

    class Meta:
        verbose_name = _("membre du lieu")
        verbose_name_plural = _("membres du lieu")
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="place_membership_once"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="place_membership_dates_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.programme}"

    def audit_scope(self) -> dict:
        return {"programme_id": self.programme_id}


class Booking(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="bookings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="bookings"
    )
    starts_at = models.DateTimeField(_("début"), validators=bounds.DATE)
    ends_at = models.DateTimeField(_("fin"), validators=bounds.DATE)
    state = models.CharField(
        _("état"), max_length=10, choices=BookingState.choices, default=BookingState.CONFIRMED
    )
    # The bookings made together as a weekly series share this key ("" for a single booking).
    series = models.CharField(max_length=32, blank=True, editable=False)
    note = models.CharField(_("objet"), max_length=MAX_NOTE, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_anonymised = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("réservation")
        verbose_name_plural = _("réservations")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_dates_order"
            ),
        ]
        indexes = [
            models.Index(fields=["resource", "state", "starts_at"], name="booking_resource_time"),
            models.Index(fields=["user", "starts_at"], name="booking_user_time"),
        ]

    def __str__(self) -> str:
        return f"{self.resource} — {self.starts_at:%d/%m/%Y %H:%M}"

    def audit_scope(self) -> dict:
        return self.resource.audit_scope()

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_confirmed(self) -> bool:
        return self.state == BookingState.CONFIRMED


class EntitlementKind(models.TextChoices):
    DESK = "desk", _("Un poste de travail")
    CREDITS = "credits", _("Un crédit mensuel de salles")


class Entitlement(models.Model):
    """What an accompanying programme grants one of its projects at a place: a desk (one
    resource the project's carriers may book) or credits (minutes of the place's rooms a month,
    added to their own allowance). Granted by people who run both the programme and the place."""

    place = models.ForeignKey(
        "directory.Programme", on_delete=models.CASCADE, related_name="entitlements", verbose_name=_("lieu")
    )
    project = models.ForeignKey(
        "accompaniment.Project", on_delete=models.CASCADE, related_name="place_entitlements"
    )
    kind = models.CharField(_("droit"), max_length=10, choices=EntitlementKind.choices)
    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, null=True, blank=True, related_name="entitlements"
    )
    monthly_minutes = models.PositiveIntegerField(
        _("crédit mensuel (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(15), MaxValueValidator(MAX_ALLOWANCE_MINUTES)],
    )
    starts_on = models.DateField(_("depuis le"), validators=bounds.DATE)
    ends_on = models.DateField(_("jusqu'au"), null=True, blank=True, validators=bounds.DATE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("droit accordé")
        verbose_name_plural = _("droits accordés")
        ordering = ["place_id", "project_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="entitlement_dates_order",
            ),
            models.CheckConstraint(
                condition=(Q(kind="desk", resource__isnull=False, monthly_minutes__isnull=True))
                | Q(kind="credits", resource__isnull=True, monthly_minutes__isnull=False),
                name="entitlement_kind_fields",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.project}"

    def audit_scope(self) -> dict:
        return {"programme_id": self.place_id}


class DomiciliationState(models.TextChoices):
    ACTIVE = "active", _("En cours")
    ENDED = "ended", _("Terminée")


class Domiciliation(models.Model):
    """An enterprise domiciled at the place (its registered office), under a contract."""

    place = models.ForeignKey(
        "directory.Programme", on_delete=models.CASCADE, related_name="domiciliations", verbose_name=_("lieu")
    )
    name = models.CharField(_("dénomination"), max_length=200)
    siret = models.CharField(_("SIRET"), max_length=14, validators=[validate_siret])
    project = models.ForeignKey(
        "accompaniment.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="domiciliations",
        verbose_name=_("projet accompagné"),
    )
    starts_on = models.DateField(_("début du contrat"), validators=bounds.DATE)
    ends_on = models.DateField(_("échéance du contrat"), null=True, blank=True, validators=bounds.DATE)
    state = models.CharField(
        _("état"), max_length=10, choices=DomiciliationState.choices, default=DomiciliationState.ACTIVE
    )
    ended_on = models.DateField(_("fin effective"), null=True, blank=True, validators=bounds.DATE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("domiciliation")
        verbose_name_plural = _("domiciliations")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="domiciliation_dates_order",
            ),
            models.UniqueConstraint(
                fields=["place", "siret"], condition=Q(state="active"), name="domiciliation_active_once"
            ),
        ]
        indexes = [models.Index(fields=["place", "state"], name="domiciliation_place_state")]

    def __str__(self) -> str:
        return self.name

    def audit_scope(self) -> dict:
        return {"programme_id": self.place_id}


class MailKind(models.TextChoices):
    LETTER = "letter", _("Lettre")
    REGISTERED = "registered", _("Lettre recommandée")
    PARCEL = "parcel", _("Colis")


class MailItem(models.Model):
    """A piece of mail received for a domiciled enterprise, until it is handed over."""

    domiciliation = models.ForeignKey(Domiciliation, on_delete=models.CASCADE, related_name="mail")
    kind = models.CharField(_("type"), max_length=10, choices=MailKind.choices, default=MailKind.LETTER)
    sender = models.CharField(_("expéditeur"), max_length=200, blank=True)
    received_on = models.DateField(_("reçu le"), validators=bounds.DATE)
    handed_over_on = models.DateField(_("remis le"), null=True, blank=True, validators=bounds.DATE)

    class Meta:
        verbose_name = _("courrier reçu")
        verbose_name_plural = _("courriers reçus")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(handed_over_on__isnull=True) | Q(handed_over_on__gte=models.F("received_on")),
                name="mail_handed_after_received",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.received_on:%d/%m/%Y}"

    def audit_scope(self) -> dict:
        return self.domiciliation.audit_scope()
