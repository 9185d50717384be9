"""A trade fair's B2B meetings (docs/fairs.md): who takes part (buyers and suppliers), who asks to
meet whom and how much it matters, the slots and their tables, the meetings of the schedule, what
took place and what followed.

A fair is an event of the events app whose kind is "Salon"; everything here hangs from it, so a
scoped read of the event scopes every row. A participant is an organisation (of the directory,
or a free name) with a contact person; its account (`user`, found by e-mail) lets them make their
requests and read their schedule.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from essaim.core import bounds

MAX_TABLES = 500


class Side(models.TextChoices):
    BUYER = "buyer", _("Acheteur")
    SUPPLIER = "supplier", _("Fournisseur")


class Priority(models.IntegerChoices):
    HIGH = 1, _("Indispensable")
    NORMAL = 2, _("Souhaité")
    LOW = 3, _("Si possible")


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Prévu")
    HELD = "held", _("A eu lieu")
    MISSED = "missed", _("N'a pas eu lieu")


class FollowUp(models.TextChoices):
    NONE = "none", _("Pas de suite")
    QUOTE = "quote", _("Devis demandé")
    DEAL = "deal", _("Affaire conclue")


class FairParticipant(models.Model):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="fair_participants")
    side = models.CharField(_("côté"), max_length=10, choices=Side.choices)
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("structure de l'annuaire"),
    )
    name = models.CharField(_("structure"), max_length=200)
    contact_name = models.CharField(_("personne à contacter"), max_length=200)
    email = models.EmailField(_("courriel"), max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A buyer participant's record in the business flows (its organisation's `business.Buyer`):
    # its meetings' follow-ups count in that buyer's figures (docs/fairs.md).
    buyer = models.ForeignKey(
        "business.Buyer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fair_participations",
        verbose_name=_("fiche d'acheteur"),
    )
    is_anonymised = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant au salon")
        verbose_name_plural = _("participants au salon")
        ordering = ["side", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="fair_participant_one_per_email")
        ]

    def __str__(self) -> str:
        return self.name

    def audit_scope(self) -> dict:
        return self.event.audit_scope()

    @property
    def is_buyer(self) -> bool:
        return self.side == Side.BUYER


class Slot(models.Model):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="fair_slots")
    starts_at = models.DateTimeField(_("début"), validators=bounds.DATE)
    ends_at = models.DateTimeField(_("fin"), validators=bounds.DATE)
    tables = models.PositiveSmallIntegerField(
        _("tables"), validators=[MinValueValidator(1), MaxValueValidator(MAX_TABLES)]
    )

    class Meta:
        verbose_name = _("créneau")
        verbose_name_plural = _("créneaux")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="fair_slot_dates_order"),
            models.CheckConstraint(
                condition=Q(tables__gte=1, tables__lte=MAX_TABLES), name="fair_slot_tables"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def audit_scope(self) -> dict:
        return self.event.audit_scope()


class MeetingRequest(models.Model):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="fair_requests")
    requester = models.ForeignKey(FairParticipant, on_delete=models.CASCADE, related_name="requests_made")
    target = models.ForeignKey(FairParticipant, on_delete=models.CASCADE, related_name="requests_received")
    priority = models.PositiveSmallIntegerField(
        _("priorité"),
        choices=Priority.choices,
        default=Priority.NORMAL,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("demande de rendez-vous")
        verbose_name_plural = _("demandes de rendez-vous")
        ordering = ["priority", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["requester", "target"], name="fair_request_once"),
            models.CheckConstraint(condition=~Q(requester=F("target")), name="fair_request_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.target}"

    def audit_scope(self) -> dict:
        return self.event.audit_scope()


class Meeting(models.Model):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="fair_meetings")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="meetings")
    buyer = models.ForeignKey(FairParticipant, on_delete=models.CASCADE, related_name="+")
    supplier = models.ForeignKey(FairParticipant, on_delete=models.CASCADE, related_name="+")
    table = models.PositiveSmallIntegerField(_("table"), editable=False)
    state = models.CharField(
        _("état"), max_length=10, choices=MeetingState.choices, default=MeetingState.PLANNED
    )
    follow_up = models.CharField(
        _("suite donnée"), max_length=10, choices=FollowUp.choices, default=FollowUp.NONE
    )
    deal_amount = models.DecimalField(
        _("montant de l'affaire (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.AMOUNT,
    )

    class Meta:
        verbose_name = _("rendez-vous d'affaires")
        verbose_name_plural = _("rendez-vous d'affaires")
        ordering = ["slot__starts_at", "table", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "buyer"], name="fair_meeting_buyer_once_per_slot"),
            models.UniqueConstraint(fields=["slot", "supplier"], name="fair_meeting_supplier_once_per_slot"),
            models.UniqueConstraint(fields=["slot", "table"], name="fair_meeting_table_once_per_slot"),
            models.UniqueConstraint(fields=["buyer", "supplier"], name="fair_meeting_pair_once"),
            models.CheckConstraint(
                condition=Q(follow_up="deal", deal_amount__isnull=False) | ~Q(follow_up="deal"),
                name="fair_meeting_deal_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.buyer} — {self.supplier} ({self.slot})"

    def audit_scope(self) -> dict:
        return self.event.audit_scope()

    @property
    def is_held(self) -> bool:
        return self.state == MeetingState.HELD

    @property
    def has_follow_up(self) -> bool:
        return self.follow_up != FollowUp.NONE


class ScheduleRun(models.Model):
    """What a run of the scheduler achieved, shown to the staff beside the grid."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="fair_runs")
    ran_at = models.DateTimeField(auto_now_add=True)
    requests = models.PositiveIntegerField(editable=False)
    honoured = models.PositiveIntegerField(editable=False)
    requests_bound = models.PositiveIntegerField(editable=False)
    weight = models.PositiveIntegerField(editable=False)
    weight_bound = models.PositiveIntegerField(editable=False)
    meetings = models.PositiveIntegerField(editable=False)
    milliseconds = models.PositiveIntegerField(editable=False)

    class Meta:
        ordering = ["-ran_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event_id} — {self.ran_at:%d/%m/%Y %H:%M}"

    def audit_scope(self) -> dict:
        return self.event.audit_scope()
