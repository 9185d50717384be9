"""Organisations, support programmes ("dispositifs"), their zones of intervention, ecosystems."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.core import bounds
from essaim.core.dates import latest_year
from essaim.core.fields import FlagsField
from essaim.core.phones import validate_phone
from essaim.core.text import normalise
from essaim.directory.enums import (
    AccompanimentModel,
    Activity,
    EcosystemModel,
    Initiator,
    LeaderRole,
    LegalForm,
    LifeStage,
    Need,
    OfferFamily,
    ProgrammeKind,
    Public,
)
from essaim.directory.validators import clean_digits, validate_rna, validate_siren, validate_siret
from essaim.territories.models import Level
from essaim.territories.selectors import TerritoryNotFound, get_object


class Organisation(models.Model):
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    legal_form = models.CharField(_("forme juridique"), max_length=20, choices=LegalForm.choices, blank=True)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True, validators=[validate_siren])
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[validate_siret])
    rna = models.CharField(_("numéro RNA"), max_length=10, blank=True, validators=[validate_rna])
    year_created = models.PositiveSmallIntegerField(
        _("année de création"),
        null=True,
        blank=True,
        validators=bounds.between(1800, latest_year),
    )
    initiator = models.CharField(_("à l'initiative de"), max_length=30, choices=Initiator.choices, blank=True)
    initiator_detail = models.CharField(_("précision sur l'initiateur"), max_length=200, blank=True)
    website = models.URLField(_("site web"), blank=True)
    email = models.EmailField(_("courriel de contact"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True, validators=[validate_phone])
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("commune du siège"),
    )
    postal_code = models.CharField(_("code postal"), max_length=10, blank=True)
    city = models.CharField(_("ville"), max_length=150, blank=True)
    opening_hours = models.CharField(_("horaires d'ouverture"), max_length=500, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True, validators=bounds.LATITUDE)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, validators=bounds.LONGITUDE)
    is_synthetic = models.BooleanField(_("donnée synthétique"), default=False, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.siren = clean_digits(self.siren)
        self.siret = clean_digits(self.siret)
        errors = {}
        if self.siren and self.siret and not self.siret.startswith(self.siren):
            errors["siret"] = _("Le SIRET doit commencer par le SIREN de l'organisation.")
        if self.rna and self.legal_form and self.legal_form != LegalForm.ASSOCIATION:
            errors["rna"] = _("Seules les associations ont un numéro RNA.")
        if errors:
            raise ValidationError(errors)


class ProgrammeQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True)

    def real(self):
        return self.filter(is_synthetic=False)

    def ess(self):
        return self.filter(family=OfferFamily.ESS)


class Programme(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("organisation")
    )
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    name_norm = models.CharField(max_length=200, editable=False, db_index=True)
    summary = models.CharField(_("résumé"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("type de dispositif"), max_length=30, choices=ProgrammeKind.choices)
    family = models.CharField(
        _("famille d'offre"), max_length=15, choices=OfferFamily.choices, default=OfferFamily.ESS
    )
    model = models.CharField(
        _("modèle d'accompagnement"),
        max_length=12,
        choices=AccompanimentModel.choices,
        default=AccompanimentModel.NONE,
    )
    stages = FlagsField(_("étapes de vie couvertes"), choices_enum=LifeStage, blank=True)
    activities = FlagsField(_("activités"), choices_enum=Activity, blank=True)
    needs = FlagsField(_("besoins servis"), choices_enum=Need, blank=True)
    publics = FlagsField(_("publics"), choices_enum=Public, blank=True)
    beneficiaries = models.CharField(_("bénéficiaires (texte de l'étude)"), max_length=300, blank=True)
    duration = models.CharField(_("durée"), max_length=200, blank=True)
    rhythm = models.CharField(_("rythme"), max_length=200, blank=True)
    zone_description = models.CharField(
        _("zone d'intervention (texte)"),
        max_length=250,
        blank=True,
        help_text=_("Précision libre, ex. « nord de la Drôme »"),
    )
    share_public_funding = models.PositiveSmallIntegerField(
        _("part de financements publics (%)"), null=True, blank=True, validators=bounds.PERCENT
    )
    share_service_sales = models.PositiveSmallIntegerField(
        _("part de ventes de prestations (%)"), null=True, blank=True, validators=bounds.PERCENT
    )
    share_member_contributions = models.PositiveSmallIntegerField(
        _("part de cotisations des membres (%)"), null=True, blank=True, validators=bounds.PERCENT
    )
    share_private_funding = models.PositiveSmallIntegerField(
        _("part de financements privés (%)"), null=True, blank=True, validators=bounds.PERCENT
    )
    economic_model_notes = models.TextField(_("modèle économique (notes)"), blank=True)
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    source = models.CharField(_("source des données"), max_length=300, blank=True)
    licence = models.CharField(_("licence des données"), max_length=120, blank=True)
    updated_on = models.DateField(
        _("dernière mise à jour des données"), null=True, blank=True, validators=bounds.DATE
    )
    source_key = models.CharField(
        _("jeu de données d'origine"),
        max_length=40,
        blank=True,
        editable=False,
        help_text=_("Pour l'offre nationale : le fichier source (voir docs/data-sources.md)."),
    )
    is_published = models.BooleanField(_("publié"), default=True)
    is_synthetic = models.BooleanField(_("donnée synthétique"), default=False, editable=False)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("dispositif")
        verbose_name_plural = _("dispositifs")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind"], name="programme_kind"),
            models.Index(fields=["family", "kind"], name="programme_family_kind"),
            models.Index(fields=["source_key"], name="programme_source_key"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_norm = normalise(self.name)
        super().save(*args, **kwargs)

    @property
    def data_year(self) -> int | None:
        """The year of the data, shown to people when the offer comes from an open data file."""
        return self.updated_on.year if self.updated_on and self.source_key else None

    def clean(self) -> None:
        shares = [
            self.share_public_funding,
            self.share_service_sales,
            self.share_member_contributions,
            self.share_private_funding,
        ]
        if sum(s or 0 for s in shares) > 100:
            raise ValidationError(_("Les parts du modèle économique dépassent 100 %."))


class ZoneItem(models.Model):
    """One territory of a programme's zone of intervention.

    Indexed on (level, code) so that "which programmes cover commune X" is a look-up of the
    five keys containing X (commune, EPCI, département, région, France), never a scan.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="zone")
    level = models.CharField(_("niveau"), max_length=12, choices=Level.choices)
    code = models.CharField(_("code"), max_length=9)

    class Meta:
        verbose_name = _("territoire d'intervention")
        verbose_name_plural = _("zone d'intervention")
        constraints = [models.UniqueConstraint(fields=["programme", "level", "code"], name="zoneitem_unique")]
        indexes = [models.Index(fields=["level", "code"], name="zoneitem_level_code")]

    def __str__(self) -> str:
        return f"{self.level}:{self.code}"

    def clean(self) -> None:
        try:
            get_object(self.level, self.code)
        except TerritoryNotFound as exc:
            raise ValidationError({"code": _("Territoire inconnu : %(ref)s") % {"ref": str(self)}}) from exc


class Ecosystem(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    model = models.CharField(_("modèle"), max_length=20, choices=EcosystemModel.choices)
    description = models.TextField(_("description"), blank=True)
    leader = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_ecosystems",
        verbose_name=_("structure animatrice"),
    )
    leader_role = models.CharField(
        _("rôle de l'animateur"), max_length=20, choices=LeaderRole.choices, blank=True
    )
    territory_refs = models.JSONField(
        _("territoires"),
        default=list,
        blank=True,
        help_text=_("Liste de « niveau:code », ex. departement:26"),
    )
    territory_description = models.CharField(_("territoire (texte)"), max_length=250, blank=True)
    members = models.ManyToManyField(
        Programme, related_name="ecosystems", blank=True, verbose_name=_("membres")
    )
    source = models.CharField(_("source des données"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("écosystème")
        verbose_name_plural = _("écosystèmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
