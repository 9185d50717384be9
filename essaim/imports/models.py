"""What an import keeps: the file between its steps, the keys it carries, a line per import.

- `StagedImport`: an uploaded file read into rows, kept server-side between the upload, the
  column mapping and the check, then applied by the task worker (its `state`: ready, queued,
  running, done or failed with the problems, `essaim/imports/workflows.py`) and its report;
  purged by retention after a day (`RETENTION_DAYS["staged_imports"]`), and with its author's
  account on erasure.
- `ImportKey`: the key a file carries for a row ("P-2024-017") → the object it became, with a
  short digest of each field as last imported, so that a second run of the same file changes
  nothing and a changed cell updates that field only.
- `ImportRun`: one line per applied import (who, which file, counts), the object of the
  activity-log event that summarises it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.core.french import count_words


class ImportKind(models.TextChoices):
    PROJECTS = "projects", _("Projets et leurs porteurs")
    CARRIERS = "carriers", _("Porteurs de projets importés")
    MEETINGS = "meetings", _("Rendez-vous")
    EXPERTS = "experts", _("Experts du vivier")
    BUDGET = "budget", _("Lignes de budget par source")


class ImportState(models.TextChoices):
    READY = "ready", _("prêt à importer")
    QUEUED = "queued", _("en attente de traitement")
    RUNNING = "running", _("en cours")
    DONE = "done", _("terminé")
    FAILED = "failed", _("échoué")


class StagedImport(models.Model):
    programme = models.ForeignKey(
        "directory.Programme", on_delete=models.CASCADE, related_name="+", verbose_name=_("dispositif")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("déposé par")
    )
    kind = models.CharField(_("contenu"), max_length=10, choices=ImportKind.choices)
    filename = models.CharField(_("fichier"), max_length=200)
    headers = models.JSONField(_("en-têtes"), default=list)
    # [{"line": 2, "cells": [...]}, ...]: cells as `cells.to_json` writes them
    rows = models.JSONField(_("lignes"), default=list)
    notes = models.JSONField(_("remarques de lecture"), default=list, blank=True)
    report = models.JSONField(_("compte rendu"), default=dict, blank=True)
    state = models.CharField(_("état"), max_length=10, choices=ImportState.choices, default=ImportState.READY)
    # The column mapping chosen when the import was asked for: the worker applies that one.
    mapping = models.JSONField(_("correspondance des colonnes"), default=list, blank=True)
    # Why a failed import did not take place (row by row, in French); nothing was written.
    problems = models.JSONField(_("problèmes"), default=list, blank=True)
    queued_at = models.DateTimeField(_("demandé le"), null=True, blank=True, editable=False)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True, editable=False)
    applied_at = models.DateTimeField(_("appliqué le"), null=True, blank=True)
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("fichier en cours d'import")
        verbose_name_plural = _("fichiers en cours d'import")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.filename

    def audit_scope(self) -> dict:
        return {"programme_id": self.programme_id}

    # What the pages ask of the state (templates never compare state strings).
    @property
    def is_waiting(self) -> bool:
        """Asked for and not finished: the progress page keeps polling."""
        return self.state in (ImportState.QUEUED, ImportState.RUNNING)

    @property
    def is_done(self) -> bool:
        return self.state == ImportState.DONE

    @property
    def is_failed(self) -> bool:
        return self.state == ImportState.FAILED

    @property
    def is_editable(self) -> bool:
        """The columns and the check may still change (before the worker takes it, or after it failed)."""
        return self.state in (ImportState.READY, ImportState.FAILED)


class ImportKey(models.Model):
    programme = models.ForeignKey("directory.Programme", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ImportKind.choices)
    key = models.CharField(_("clé"), max_length=200)
    target_id = models.PositiveBigIntegerField(_("objet"))
    digests = models.JSONField(default=dict, blank=True)
    # Projects: the accounts the file attached as carriers (so a later file can detach them)
    linked = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("clé d'import")
        verbose_name_plural = _("clés d'import")
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind", "key"], name="importkey_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


class ImportRun(models.Model):
    programme = models.ForeignKey(
        "directory.Programme", on_delete=models.CASCADE, related_name="+", verbose_name=_("dispositif")
    )
    kind = models.CharField(_("contenu"), max_length=10, choices=ImportKind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("par"),
    )
    filename = models.CharField(_("fichier"), max_length=200, blank=True)
    counts = models.JSONField(_("décompte"), default=dict)
    created_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("import de tableur")
        verbose_name_plural = _("imports de tableur")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.filename or '—'}) : {self.summary}"

    def audit_scope(self) -> dict:
        return {"programme_id": self.programme_id}

    @property
    def summary(self) -> str:
        c = self.counts
        return ", ".join(
            [
                count_words(c.get("created", 0), str(_("créé")), str(_("créés"))),
                count_words(c.get("updated", 0), str(_("mis à jour")), str(_("mis à jour"))),
                count_words(c.get("unchanged", 0), str(_("inchangé")), str(_("inchangés"))),
                count_words(c.get("skipped", 0), str(_("ignoré")), str(_("ignorés"))),
            ]
        )
