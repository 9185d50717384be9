"""Every number and date people can enter has bounds (issue 10 §6), or a reason not to.

A model's Integer, Decimal, Float, Date and DateTime fields need validators: a maximum for
numbers (with a minimum unless the field is a Positive… one), `essaim.core.dates.validate_plausible`
for dates (`essaim.core.bounds` holds the shared ones). Fields people never type are exempt with
a reason: automatic timestamps (`auto_now`, `auto_now_add`) and non-editable fields by rule, the
others listed in EXEMPT. PENDING lists the fields of apps worked on elsewhere, to be bounded there;
both lists fail when an entry is stale, so they only shrink.
"""

import pytest
from django.apps import apps
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from essaim.core.dates import validate_plausible
from essaim.core.fields import FlagsField

COMPUTED = "computed by the system, never typed"
TIMESTAMP = "set by the system when something happens"
EXEMPT = {
    "accompaniment.Checkin.months_after": "the check-in schedule (6, 12, 24… months), generated",
    "accompaniment.Checkin.validated_at": TIMESTAMP,
    "accompaniment.Mobilisation.responded_at": TIMESTAMP,
    "accompaniment.PipelineStage.position": "an order kept by the stage editor",
    "accompaniment.Project.meeting_minutes": "the sum of the meetings' durations, " + COMPUTED,
    "accompaniment.ReminderLog.delay_days": "copied from the programme's bounded settings",
    "accompaniment.ReminderLog.object_id": "an identifier",
    "accounts.ApiToken.last_used_at": TIMESTAMP,
    "accounts.ApiToken.revoked_at": TIMESTAMP,
    "accounts.Invitation.created_at": TIMESTAMP,
    "accounts.Invitation.decided_at": TIMESTAMP,
    "accounts.Invitation.expires_at": "created_at plus a fixed delay, " + COMPUTED,
    "accounts.User.date_joined": TIMESTAMP,
    "accounts.User.last_login": TIMESTAMP,
    "audit.Event.at": TIMESTAMP,
    "audit.Event.object_id": "an identifier",
    "calls.Application.decided_at": TIMESTAMP,
    "calls.Application.submitted_at": TIMESTAMP,
    "calls.Criterion.position": "an order kept by the call editor",
    "calls.JobOffer.published_at": TIMESTAMP,
    "calls.Question.position": "an order kept by the call editor",
    "calls.Review.assigned_at": TIMESTAMP,
    "calls.Review.submitted_at": TIMESTAMP,
    "ecosystems.EcosystemMembership.created_at": TIMESTAMP,
    "ecosystems.EcosystemMembership.state_changed_at": TIMESTAMP,
    "events.Registration.hold_expires_at": COMPUTED,
    "events.Registration.queued_at": TIMESTAMP,
    "imports.ImportKey.target_id": "an identifier",
    "imports.StagedImport.applied_at": TIMESTAMP,
    "orientation.ContactReminder.delay_days": "copied from the programme's bounded settings",
    "orientation.ContactReminder.recipients": "a count of people written to, " + COMPUTED,
    "orientation.ContactReminder.sent_at": TIMESTAMP,
    "orientation.ContactRequest.consent_at": TIMESTAMP,
    "orientation.ContactRequest.notified_at": TIMESTAMP,
    "orientation.ContactRequest.state_changed_at": TIMESTAMP,
    "territories.Commune.population": "INSEE's figures, loaded from the shipped referential",
    "territories.Departement.population": "INSEE's figures, loaded from the shipped referential",
    "territories.Epci.population": "INSEE's figures, loaded from the shipped referential",
    "territories.Region.population": "INSEE's figures, loaded from the shipped referential",
    "territories.SearchWord.population": "INSEE's figures, loaded from the shipped referential",
}
# Typed by people, in apps other engineers are changing now: bounds to add there (none left).
PENDING: dict[str, str] = {}
# Facts recomputed from the accompaniment data (essaim/evidence/facts): never typed.
COMPUTED_MODELS = {"evidence.ProjectFact", "evidence.StageFact", "evidence.YearFact", "evidence.ReportFile"}
NUMBERS = (models.IntegerField, models.DecimalField, models.FloatField)
POSITIVE = (models.PositiveIntegerField, models.PositiveSmallIntegerField, models.PositiveBigIntegerField)


def _fields():
    for model in apps.get_models():
        if not model.__module__.startswith("essaim.") or model._meta.label in COMPUTED_MODELS:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation or isinstance(field, models.AutoField | FlagsField):
                continue
            if not isinstance(field, NUMBERS + (models.DateField,)):
                continue
            if (
                getattr(field, "auto_now", False)
                or getattr(field, "auto_now_add", False)
                or not field.editable
            ):
                continue
            yield f"{model._meta.label}.{field.name}", field


def _bounded(field) -> bool:
    if isinstance(field, models.DateField):
        return validate_plausible in field.validators
    kinds = {type(v) for v in field._validators}
    has_min = MinValueValidator in kinds or isinstance(field, POSITIVE)
    return has_min and MaxValueValidator in kinds


FIELDS = dict(_fields())


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_every_number_and_date_has_bounds(name):
    if name in EXEMPT or name in PENDING:
        return
    assert _bounded(FIELDS[name]), f"{name}: add bounds (essaim.core.bounds) or an exemption with a reason"


def test_exemptions_are_not_stale():
    stale = sorted(n for n in {**EXEMPT, **PENDING} if n not in FIELDS or _bounded(FIELDS[n]))
    assert stale == []
