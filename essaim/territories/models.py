"""France's territories after INSEE's Code officiel géographique (COG).

Levels are written `commune`, `epci`, `departement`, `region`, `national` everywhere (URLs,
API, data files). Codes are INSEE's; an EPCI is identified by its SIREN.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

NATIONAL_CODE = "FR"


class Level(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    EPCI = "epci", _("Intercommunalité (EPCI)")
    DEPARTEMENT = "departement", _("Département")
    REGION = "region", _("Région")
    NATIONAL = "national", _("France entière")


# Smaller is more local; used to rank programmes most-local first.
LEVEL_RANK = {
    Level.COMMUNE: 0,
    Level.EPCI: 1,
    Level.DEPARTEMENT: 2,
    Level.REGION: 3,
    Level.NATIONAL: 4,
}


class Territory(models.Model):
    """Fields shared by every level."""

    name = models.CharField(_("nom"), max_length=150)
    name_norm = models.CharField(_("nom normalisé"), max_length=150, db_index=True, editable=False)
    population = models.PositiveIntegerField(_("population"), default=0)

    level: str = ""

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> tuple[str, str]:
        return (self.level, self.code)


class Region(Territory):
    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    chef_lieu = models.CharField(_("chef-lieu"), max_length=5, blank=True)
    level = Level.REGION

    class Meta(Territory.Meta):
        verbose_name = _("région")
        verbose_name_plural = _("régions")


class Departement(Territory):
    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements")
    chef_lieu = models.CharField(_("chef-lieu"), max_length=5, blank=True)
    level = Level.DEPARTEMENT

    class Meta(Territory.Meta):
        verbose_name = _("département")
        verbose_name_plural = _("départements")


class Epci(Territory):
    class Kind(models.TextChoices):
        CC = "CC", _("Communauté de communes")
        CA = "CA", _("Communauté d'agglomération")
        CU = "CU", _("Communauté urbaine")
        METRO = "METRO", _("Métropole")
        MET69 = "MET69", _("Métropole de Lyon")

    code = models.CharField(_("SIREN"), max_length=9, primary_key=True)
    kind = models.CharField(_("type"), max_length=5, choices=Kind.choices)
    level = Level.EPCI

    class Meta(Territory.Meta):
        verbose_name = _("EPCI")
        verbose_name_plural = _("EPCI")


class Commune(Territory):
    code = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    departement = models.ForeignKey(Departement, on_delete=models.PROTECT, related_name="communes")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="communes")
    epci = models.ForeignKey(Epci, on_delete=models.PROTECT, null=True, blank=True, related_name="communes")
    level = Level.COMMUNE

    class Meta(Territory.Meta):
        verbose_name = _("commune")
        verbose_name_plural = _("communes")


class CommuneAlias(models.Model):
    """A code that resolves to a current commune: municipal arrondissement, delegated commune."""

    code = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    name = models.CharField(_("nom"), max_length=150)
    kind = models.CharField(_("type"), max_length=30)
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        verbose_name = _("ancien code ou arrondissement")
        verbose_name_plural = _("anciens codes et arrondissements")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class PostalCode(models.Model):
    """One postal code may serve several communes, and a commune several postal codes."""

    code = models.CharField(_("code postal"), max_length=5, db_index=True)
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="postal_codes")

    class Meta:
        verbose_name = _("code postal")
        verbose_name_plural = _("codes postaux")
        constraints = [models.UniqueConstraint(fields=["code", "commune"], name="postalcode_unique")]

    def __str__(self) -> str:
        return self.code


class SearchWord(models.Model):
    """One word of a territory's normalised name, for prefix and word-order tolerant search.

    Denormalised (name, population) so that autocomplete is one indexed range scan.
    """

    word = models.CharField(max_length=60)
    level = models.CharField(max_length=12, choices=Level.choices)
    code = models.CharField(max_length=9)
    name = models.CharField(max_length=150)
    name_norm = models.CharField(max_length=150)
    population = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["word"], name="searchword_word", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.word} → {self.level}:{self.code}"
