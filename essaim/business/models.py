"""Suppliers, buyers, requests, routings, responses and deals of the business flows.

- A `SupplierOffer` is what an ESS enterprise (an `Organisation` of the directory) sells: its
  sectors, the territories it serves (`ServedZone`, looked up by `(level, code)` like a
  programme's zone), its capacity, its labels with their provenance (`Label`), references and a
  contact. An accompanied enterprise's offer points to its project (the evidence reports count
  its deals).
- A `Buyer` is an organisation that buys (its staff, `accounts.Membership`, act for it); public
  buyers add the social dimension to their requests.
- A `BuyerRequest` (quote, tender, sourcing) is moderated, then routed in batches to matching
  offers; each `Routing` records one supplier's path (`workflows.ROUTING`). A `Response` may be
  made together with partners (co-contracting). After the deadline the buyer answers a short
  survey: the `Deal` (made or not, amount, with whom).

Stable identifiers for other apps (the trade fair): `Buyer.pk`, `SupplierOffer.pk`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.business.enums import (
    PUBLIC_BUYERS,
    AmountBand,
    BuyerKind,
    DeclineReason,
    LabelKind,
    Provenance,
    RequestKind,
    RequestState,
    Reserved,
    RoutingState,
    Sector,
    SupplierSource,
)
from essaim.core import bounds
from essaim.core.phones import validate_phone
from essaim.territories.models import Level

EMPLOYEES_MAX = bounds.JOBS_MAX


def sector_labels(keys) -> list[str]:
    return [str(Sector(k).label) for k in keys if k in Sector.values]


class SupplierOffer(models.Model):
    organisation = models.OneToOneField(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="supplier_offer",
        verbose_name=_("entreprise"),
    )
    project = models.ForeignKey(
        "accompaniment.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("projet accompagné"),
    )
    source = models.CharField(_("origine"), max_length=12, choices=SupplierSource.choices)
    summary = models.CharField(_("ce que nous proposons"), max_length=300)
    description = models.TextField(_("description"), max_length=bounds.LONG_TEXT, blank=True)
    sectors = models.JSONField(_("secteurs"), default=list)
    capacity_band = models.CharField(
        _("montant le plus élevé que nous pouvons prendre"),
        max_length=8,
        choices=AmountBand.choices,
        default=AmountBand.TO_40K,
    )
    employees = models.PositiveIntegerField(
        _("salariés"), null=True, blank=True, validators=bounds.between(0, EMPLOYEES_MAX)
    )
    neighbours = models.BooleanField(_("servons aussi les départements voisins"), default=False)
    references = models.TextField(_("références"), max_length=bounds.LONG_TEXT, blank=True)
    contact_name = models.CharField(_("nom du contact"), max_length=150, blank=True)
    contact_email = models.EmailField(_("courriel du contact"), blank=True)
    contact_phone = models.CharField(
        _("téléphone du contact"), max_length=30, blank=True, validators=[validate_phone]
    )
    is_published = models.BooleanField(_("visible des acheteurs"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("offre d'un fournisseur")
        verbose_name_plural = _("offres des fournisseurs")
        ordering = ["organisation__name", "pk"]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def sector_labels(self) -> list[str]:
        return sector_labels(self.sectors)

    def audit_scope(self) -> dict:
        return {"organisation_id": self.organisation_id, "project_id": self.project_id}


class ServedZone(models.Model):
    offer = models.ForeignKey(SupplierOffer, on_delete=models.CASCADE, related_name="zones")
    level = models.CharField(_("niveau"), max_length=12, choices=Level.choices)
    code = models.CharField(_("code"), max_length=9)

    class Meta:
        verbose_name = _("territoire servi")
        verbose_name_plural = _("territoires servis")
        constraints = [models.UniqueConstraint(fields=["offer", "level", "code"], name="served_zone_unique")]
        indexes = [models.Index(fields=["level", "code"], name="served_zone_key")]

    def __str__(self) -> str:
        return self.ref

    @property
    def ref(self) -> str:
        return f"{self.level}:{self.code}"


class Label(models.Model):
    offer = models.ForeignKey(SupplierOffer, on_delete=models.CASCADE, related_name="labels")
    kind = models.CharField(_("label"), max_length=10, choices=LabelKind.choices)
    provenance = models.CharField(_("provenance"), max_length=10, choices=Provenance.choices)
    reference = models.CharField(_("référence (agrément, registre)"), max_length=120, blank=True)
    noted_at = models.DateTimeField(_("noté le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        ordering = ["kind"]
        constraints = [models.UniqueConstraint(fields=["offer", "kind"], name="label_unique_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_provenance_display()})"

    def audit_scope(self) -> dict:
        return {"organisation_id": self.offer.organisation_id}


class Buyer(models.Model):
    organisation = models.OneToOneField(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="buyer",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("type d'acheteur"), max_length=16, choices=BuyerKind.choices)
    annual_purchases = models.DecimalField(
        _("achats annuels (€ HT)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.AMOUNT,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("acheteur")
        verbose_name_plural = _("acheteurs")
        ordering = ["organisation__name", "pk"]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def is_public(self) -> bool:
        return self.kind in PUBLIC_BUYERS

    def audit_scope(self) -> dict:
        return {"organisation_id": self.organisation_id}


class BuyerRequest(models.Model):
    buyer = models.ForeignKey(
        Buyer, on_delete=models.CASCADE, related_name="requests", verbose_name=_("acheteur")
    )
    kind = models.CharField(_("type de demande"), max_length=10, choices=RequestKind.choices)
    title = models.CharField(_("objet"), max_length=200)
    description = models.TextField(_("description"), max_length=bounds.LONG_TEXT)
    sectors = models.JSONField(_("secteurs"), default=list)
    amount_band = models.CharField(_("montant estimé"), max_length=8, choices=AmountBand.choices)
    commune = models.ForeignKey(
        "territories.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("lieu de livraison")
    )
    deadline = models.DateField(_("date limite de réponse"), validators=bounds.DATE)
    labels_wanted = models.JSONField(_("labels demandés"), default=list, blank=True)
    reserved = models.CharField(
        _("marché réservé"), max_length=8, choices=Reserved.choices, default=Reserved.NONE, blank=True
    )
    insertion_hours = models.PositiveIntegerField(
        _("clause d'insertion (heures)"), null=True, blank=True, validators=bounds.between(1, 1_000_000)
    )
    ecosystem = models.ForeignKey(
        "directory.Ecosystem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("écosystème qui modère"),
    )
    state = models.CharField(
        _("état"), max_length=10, choices=RequestState.choices, default=RequestState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("diffusée le"), null=True, blank=True, editable=False)
    survey_sent_at = models.DateTimeField(_("questionnaire envoyé le"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("demande d'un acheteur")
        verbose_name_plural = _("demandes des acheteurs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "deadline"], name="buyer_request_state")]

    def __str__(self) -> str:
        return self.title

    @property
    def sector_labels(self) -> list[str]:
        return sector_labels(self.sectors)

    @property
    def labels_wanted_labels(self) -> list[str]:
        return [str(LabelKind(k).label) for k in self.labels_wanted if k in LabelKind.values]

    def audit_scope(self) -> dict:
        return {"organisation_id": self.buyer.organisation_id}


class Routing(models.Model):
    """One supplier's path through one request (`workflows.ROUTING`)."""

    request = models.ForeignKey(BuyerRequest, on_delete=models.CASCADE, related_name="routings")
    offer = models.ForeignKey(SupplierOffer, on_delete=models.CASCADE, related_name="routings")
    batch = models.PositiveSmallIntegerField(_("vague d'envoi"), default=1, editable=False)
    state = models.CharField(
        _("état"), max_length=15, choices=RoutingState.choices, default=RoutingState.NOTIFIED
    )
    reason = models.CharField(_("raison"), max_length=10, choices=DeclineReason.choices, blank=True)
    notified_at = models.DateTimeField(_("prévenu le"), default=timezone.now, editable=False)
    viewed_at = models.DateTimeField(_("vue le"), null=True, blank=True, editable=False)
    state_changed_at = models.DateTimeField(_("état changé le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("envoi d'une demande")
        verbose_name_plural = _("envois des demandes")
        ordering = ["request", "batch", "pk"]
        constraints = [models.UniqueConstraint(fields=["request", "offer"], name="routing_unique")]
        indexes = [models.Index(fields=["offer", "state"], name="routing_offer_state")]

    def __str__(self) -> str:
        return f"{self.request} → {self.offer}"

    def audit_scope(self) -> dict:
        return {"organisation_id": self.offer.organisation_id}


class Response(models.Model):
    request = models.ForeignKey(BuyerRequest, on_delete=models.CASCADE, related_name="responses")
    lead = models.ForeignKey(SupplierOffer, on_delete=models.CASCADE, related_name="responses_led")
    partners = models.ManyToManyField(
        SupplierOffer, blank=True, related_name="responses_joined", verbose_name=_("co-traitants")
    )
    message = models.TextField(_("notre réponse"), max_length=bounds.LONG_TEXT)
    amount = models.DecimalField(
        _("montant proposé (€ HT)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.AMOUNT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("réponse d'un fournisseur")
        verbose_name_plural = _("réponses des fournisseurs")
        ordering = ["request", "created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["request", "lead"], name="response_one_per_lead")]

    def __str__(self) -> str:
        return _("Réponse de %(lead)s") % {"lead": self.lead}

    def audit_scope(self) -> dict:
        return {"organisation_id": self.lead.organisation_id}


class Deal(models.Model):
    """The buyer's answer to the survey after the deadline: a deal or not, how much, with whom."""

    request = models.OneToOneField(BuyerRequest, on_delete=models.CASCADE, related_name="deal")
    made = models.BooleanField(_("affaire conclue"))
    response = models.ForeignKey(
        Response,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deals",
        verbose_name=_("réponse retenue"),
    )
    amount = models.DecimalField(
        _("montant (€ HT)"), max_digits=14, decimal_places=2, null=True, blank=True, validators=bounds.AMOUNT
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("répondu le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("affaire conclue")
        verbose_name_plural = _("affaires conclues")

    def __str__(self) -> str:
        return _("Suite de « %(title)s »") % {"title": self.request.title}

    def audit_scope(self) -> dict:
        return {"organisation_id": self.request.buyer.organisation_id}
