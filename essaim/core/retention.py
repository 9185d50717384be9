"""How long each kind of data is kept, and the purge that applies it (`manage.py purge`).

The policy is `settings.RETENTION_DAYS` (one number of days per kind, read from the environment,
docs/configuration.md; 0 keeps that kind forever). Each kind has one *purger*, registered here
with `@purger(kind, label)`: a small function that, given the cut-off date, returns what is due
(a queryset) — and, when deleting rows is not the right way to forget (accounts are erased
through `essaim.accounts.privacy`, not deleted), the function that disposes of them. Purgers
resolve their models lazily (`apps.get_model`), so that core imports no domain app, and a model
that moves (audit events, from accompaniment to `essaim.audit`) is one line to change.

Deletions run in batches of `BATCH` rows, one short transaction each, so that the purge can run
while the site serves (SQLite included).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BATCH = 500


def delete_in_batches(queryset: QuerySet) -> int:
    """Delete every row of `queryset`, BATCH primary keys per transaction; returns rows deleted."""
    model = queryset.model
    deleted = 0
    while True:
        pks = list(queryset.order_by("pk").values_list("pk", flat=True)[:BATCH])
        if not pks:
            return deleted
        with transaction.atomic():
            model._base_manager.filter(pk__in=pks).delete()
        deleted += len(pks)


def anonymise_in_batches(anonymise: Callable[[QuerySet], int]) -> Callable[[QuerySet], int]:
    """A purger's disposal that anonymises rather than deletes: `anonymise(queryset)` wipes the
    personal data of those rows and sets their `is_anonymised`; BATCH rows per transaction."""

    def dispose(queryset: QuerySet) -> int:
        model, done = queryset.model, 0
        while True:
            pks = list(
                queryset.filter(is_anonymised=False).order_by("pk").values_list("pk", flat=True)[:BATCH]
            )
            if not pks:
                return done
            with transaction.atomic():
                done += anonymise(model._base_manager.filter(pk__in=pks))

    return dispose


@dataclass(frozen=True)
class Purger:
    kind: str
    label: str
    rule: str  # what "older than N days" is measured from, for people
    due: Callable[[dt.datetime], list[QuerySet]]
    dispose: Callable[[QuerySet], int] = delete_in_batches


REGISTRY: dict[str, Purger] = {}


def purger(kind: str, label, rule, *, dispose: Callable[[QuerySet], int] = delete_in_batches):
    """Register `due(cutoff) -> [querysets]` as the purger of `kind`."""

    def decorator(due):
        REGISTRY[kind] = Purger(kind, str(label), str(rule), due, dispose)
        return due

    return decorator


def models_named(*labels: str) -> list[type[Model]]:
    """The models among `labels` ("app_label.Model") that exist now."""
    found = []
    for label in labels:
        try:
            found.append(apps.get_model(label))
        except LookupError:
            continue
    return found


@dataclass(frozen=True)
class Line:
    kind: str
    label: str
    rule: str
    days: int
    count: int

    @property
    def kept_forever(self) -> bool:
        return self.days <= 0


def days_for(kind: str) -> int:
    return int(getattr(settings, "RETENTION_DAYS", {}).get(kind, 0))


def _cutoff(days: int, now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=days)


def plan(*, now: dt.datetime | None = None, kinds: list[str] | None = None) -> list[Line]:
    """What a purge would delete now, per kind (nothing is written)."""
    now = now or timezone.now()
    lines = []
    for kind, item in REGISTRY.items():
        if kinds and kind not in kinds:
            continue
        days = days_for(kind)
        count = 0 if days <= 0 else sum(qs.count() for qs in item.due(_cutoff(days, now)))
        lines.append(Line(kind, item.label, item.rule, days, count))
    return lines


def purge(*, now: dt.datetime | None = None, kinds: list[str] | None = None) -> dict[str, int]:
    """Apply the policy: dispose of what is due, per kind; returns how many items each purger removed."""
    now = now or timezone.now()
    done = {}
    for kind, item in REGISTRY.items():
        if kinds and kind not in kinds:
            continue
        days = days_for(kind)
        if days <= 0:
            continue
        done[kind] = sum(item.dispose(qs) for qs in item.due(_cutoff(days, now)))
    return done


def policy() -> list[tuple[str, str, int]]:
    """(label, rule, days) per kind, for the personal data page."""
    return [(item.label, item.rule, days_for(kind)) for kind, item in REGISTRY.items()]


# --- the purgers ------------------------------------------------------------------------------------


@purger("sessions", _("sessions de connexion"), _("après leur expiration"))
def _sessions(cutoff):
    return [model.objects.filter(expire_date__lt=cutoff) for model in models_named("sessions.Session")]


@purger("task_results", _("résultats des tâches de fond"), _("après la fin de la tâche"))
def _task_results(cutoff):
    return [
        model.objects.filter(finished_at__lt=cutoff)
        for model in models_named("django_tasks_database.DBTaskResult")
    ]


@purger("contact_requests", _("demandes de contact aux dispositifs"), _("après leur envoi"))
def _contact_requests(cutoff):
    return [
        model.objects.filter(created_at__lt=cutoff) for model in models_named("orientation.ContactRequest")
    ]


@purger("audit_events", _("journal d'activité"), _("après l'événement"))
def _audit_events(cutoff):
    # The activity log moves from accompaniment.AuditEvent to audit.Event: purge whichever exists.
    return [
        model.objects.filter(at__lt=cutoff)
        for model in models_named("audit.Event", "accompaniment.AuditEvent")
    ]


@purger("report_files", _("fichiers de rapport produits"), _("après leur production"))
def _report_files(cutoff):
    return [model.objects.filter(created_at__lt=cutoff) for model in models_named("evidence.ReportFile")]


def _erase_accounts(queryset) -> int:
    from essaim.accounts import privacy  # accounts imports core: resolved at call time, not import time

    erased = 0
    for user in queryset.order_by("pk"):
        privacy.account_erase(user=user)
        erased += 1
    return erased


@purger(
    "inactive_carriers",
    _("comptes de porteurs inactifs (effacés, pas supprimés)"),
    _("après la dernière connexion (ou l'inscription)"),
    dispose=_erase_accounts,
)
def _inactive_carriers(cutoff):
    user = apps.get_model(settings.AUTH_USER_MODEL)
    inactive = Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    carriers = user.objects.filter(
        inactive, is_carrier=True, is_expert=False, is_active=True, is_staff=False, is_superuser=False
    )
    return [carriers.filter(memberships__isnull=True)]
