"""What Essaim keeps of the business registry (SIRENE): the establishments and legal units of the
enterprises it follows and, for baselines, the establishments of the territories asked; the ESS
status of followed enterprises with the basis, source and date of each; the conflicts between
what the programmes declare and what the registry says; one line per stock-file import.

Registry rows are written by the importer (`stock.py`) and the API adapter (`adapter.py`), never
typed by people: their fields are not editable. Dates are the registry's own (INSEE writes
1900-01-01 when it does not know; the importer keeps no such creation date).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from essaim.core import bounds
from essaim.evidence.facts import months_between
from essaim.registry.enums import (
    ConflictKind,
    ConflictState,
    EssBasis,
    RegistryState,
    RunStatus,
    Source,
    StockKind,
)


class Establishment(models.Model):
    """An establishment (SIRET) as the registry knows it.

    `closed_on` is the start of its first closed period (StockEtablissementHistorique, or the
    API's `date_fermeture`); `as_of` the date the source speaks for (the stock's date, the day
    of the API call): an establishment still open is observed until then.
    """

    siret = models.CharField(_("SIRET"), max_length=14, primary_key=True, editable=False)
    siren = models.CharField(_("SIREN"), max_length=9, db_index=True, editable=False)
    commune = models.CharField(_("commune"), max_length=5, blank=True, editable=False)
    departement = models.CharField(_("département"), max_length=3, blank=True, editable=False)
    created_on = models.DateField(_("créé le"), null=True, editable=False)
    closed_on = models.DateField(_("fermé le"), null=True, editable=False)
    state = models.CharField(_("état"), max_length=1, choices=RegistryState.choices, editable=False)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, editable=False)
    as_of = models.DateField(_("à la date du"), editable=False)
    # Derived, for baselines counted in SQL (an index-only GROUP BY): the creation's month as
    # year × 12 + month − 1 and its day; whole months lived, to the closure or to `as_of`.
    created_key = models.PositiveIntegerField(null=True, editable=False)
    created_day = models.PositiveSmallIntegerField(null=True, editable=False)
    months = models.PositiveIntegerField(null=True, editable=False)
    ceased = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("établissement du registre")
        verbose_name_plural = _("établissements du registre")
        indexes = [
            models.Index(
                fields=["departement", "created_on", "months", "ceased", "as_of"], name="registry_etab_dep_km"
            ),
            models.Index(
                fields=["commune", "created_on", "months", "ceased", "as_of"], name="registry_etab_commune_km"
            ),
        ]

    def __str__(self) -> str:
        return self.siret

    def observe(self) -> "Establishment":
        """Set the derived columns from the dates (see `survival.months_lived`)."""
        created = self.created_on
        self.created_key = created.year * 12 + created.month - 1 if created else None
        self.created_day = created.day if created else None
        self.ceased = bool(self.closed_on and self.closed_on <= self.as_of)
        end = self.closed_on if self.ceased else self.as_of
        self.months = months_between(created, end) if created else None
        return self


class LegalUnit(models.Model):
    """A legal unit (SIREN) of a followed enterprise: state, legal category and INSEE's ESS flag."""

    siren = models.CharField(_("SIREN"), max_length=9, primary_key=True, editable=False)
    name = models.CharField(_("dénomination"), max_length=200, blank=True, editable=False)
    created_on = models.DateField(_("créée le"), null=True, editable=False)
    closed_on = models.DateField(_("cessée le"), null=True, editable=False)
    state = models.CharField(_("état"), max_length=1, choices=RegistryState.choices, editable=False)
    legal_category = models.CharField(_("catégorie juridique"), max_length=4, blank=True, editable=False)
    is_ess = models.BooleanField(_("ESS selon l'INSEE"), null=True, editable=False)
    is_siae = models.BooleanField(_("SIAE"), null=True, editable=False)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, editable=False)
    as_of = models.DateField(_("à la date du"), editable=False)

    class Meta:
        verbose_name = _("unité légale du registre")
        verbose_name_plural = _("unités légales du registre")

    def __str__(self) -> str:
        return self.siren


class EssStatus(models.Model):
    """One basis of a followed enterprise's ESS status, with its source and date."""

    enterprise = models.ForeignKey(
        "evidence.Enterprise", on_delete=models.CASCADE, related_name="ess_statuses"
    )
    basis = models.CharField(_("fondement"), max_length=16, choices=EssBasis.choices)
    is_ess = models.BooleanField(_("relève de l'ESS"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    reference = models.CharField(_("référence"), max_length=120, blank=True)
    as_of = models.DateField(_("à la date du"), validators=bounds.DATE)

    class Meta:
        verbose_name = _("statut ESS")
        verbose_name_plural = _("statuts ESS")
        ordering = ["enterprise", "basis"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "basis"], name="registry_ess_basis_once")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.basis}: {self.is_ess}"


class ConflictQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=ConflictState.OPEN)


class Conflict(models.Model):
    """What a programme declares disagrees with the registry (declared active, registry closed;
    declared ESS, not in INSEE's ESS list…). Staff resolve it (`workflows.CONFLICT`)."""

    enterprise = models.ForeignKey(
        "evidence.Enterprise", on_delete=models.CASCADE, related_name="registry_conflicts"
    )
    kind = models.CharField(_("sujet"), max_length=8, choices=ConflictKind.choices)
    # Codes: "active"/"ceased" (accompaniment.EnterpriseStatus) or "A"/"F" for the status;
    # "ess"/"not_ess" for the ESS status (read in words by `selectors.conflict_words`).
    declared = models.CharField(_("déclaré"), max_length=20, editable=False)
    registry = models.CharField(_("registre"), max_length=20, editable=False)
    registry_closed_on = models.DateField(_("fermé le (registre)"), null=True, editable=False)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, editable=False)
    registry_as_of = models.DateField(_("registre à la date du"), editable=False)
    detected_at = models.DateTimeField(_("relevé le"), auto_now_add=True)
    state = models.CharField(
        _("état"), max_length=10, choices=ConflictState.choices, default=ConflictState.OPEN
    )
    note = models.TextField(_("remarque"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("tranché le"), null=True, editable=False)

    objects = ConflictQuerySet.as_manager()

    class Meta:
        verbose_name = _("écart avec le registre")
        verbose_name_plural = _("écarts avec le registre")
        ordering = ["-detected_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "kind"], condition=Q(state="open"), name="registry_conflict_open_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.kind}: {self.declared} / {self.registry}"


class ImportRun(models.Model):
    """One import of a stock file: where it stands (resumable), what it kept, its report."""

    kind = models.CharField(_("fichier"), max_length=14, choices=StockKind.choices, editable=False)
    file_name = models.CharField(_("nom du fichier"), max_length=255, editable=False)
    fingerprint = models.CharField(_("empreinte"), max_length=64, editable=False)
    territories = models.JSONField(_("territoires"), default=list, editable=False)
    as_of = models.DateField(_("date du stock"), editable=False)
    status = models.CharField(
        _("état"), max_length=8, choices=RunStatus.choices, default=RunStatus.RUNNING, editable=False
    )
    rows_done = models.PositiveBigIntegerField(_("lignes traitées"), default=0, editable=False)
    rows_kept = models.PositiveBigIntegerField(_("lignes retenues"), default=0, editable=False)
    rows_refused = models.PositiveBigIntegerField(_("lignes refusées"), default=0, editable=False)
    report = models.JSONField(_("compte rendu"), default=dict, editable=False)
    started_at = models.DateTimeField(_("commencé le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, editable=False)

    class Meta:
        verbose_name = _("import d'un fichier stock")
        verbose_name_plural = _("imports de fichiers stock")
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["fingerprint", "status"], name="registry_run_fingerprint")]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} ({self.status})"
