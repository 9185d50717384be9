"""Writes on the directory in bulk: organisations, programmes and their zones, ecosystems, the
study's data (the admin edits them one by one).

Every function is a `@service` (essaim/core/services.py): keyword-only, `by` a platform admin or
a system actor (`rules.can_load_directory`), one transaction. Every upsert compares before
writing, so that loading the same data twice changes nothing and says so; its activity-log
event is a creation, a modification with its changes, or — nothing having changed — a check
("validate"). Data that cannot be loaded (an unknown territory or reference) raises
ValidationError and nothing is written.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from essaim.audit import recorder
from essaim.core.fields import FlagsField
from essaim.core.services import service
from essaim.directory.data import study
from essaim.directory.enums import LegalForm
from essaim.directory.models import Ecosystem, Organisation, Programme, ZoneItem
from essaim.directory.rules import can_load_directory
from essaim.directory.selectors import UNKNOWN_TERRITORIES, zone_check


@dataclass
class Counter:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, created: bool, changed: bool) -> None:
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class StudyLoadReport:
    organisations: Counter = field(default_factory=Counter)
    programmes: Counter = field(default_factory=Counter)
    ecosystems: Counter = field(default_factory=Counter)

    @property
    def created(self) -> int:
        return self.organisations.created + self.programmes.created + self.ecosystems.created

    @property
    def updated(self) -> int:
        return self.organisations.updated + self.programmes.updated + self.ecosystems.updated

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def lines(self) -> list[str]:
        rows = [
            ("organisations", self.organisations),
            ("dispositifs", self.programmes),
            ("écosystèmes", self.ecosystems),
        ]
        return [f"{label} : {c.total} ({c.created} créés, {c.updated} modifiés)" for label, c in rows]

    def summary(self) -> str:
        return f"{self.created} créés, {self.updated} modifiés"


def _normalise(model, values: dict) -> dict:
    """Flag sets as the database gives them back (enum order), so that comparisons hold."""
    result = {}
    for name, value in values.items():
        field_ = model._meta.get_field(name)
        result[name] = field_.to_python(value) if isinstance(field_, FlagsField) else value
    return result


def _upsert(model, *, slug: str, values: dict, by):
    """Create or update the row `slug`; returns (obj, created, changed). Writes only on a
    difference; records the creation, the changes, or the check."""
    values = _normalise(model, values)
    obj = model.objects.filter(slug=slug).first()
    if obj is None:
        obj = model(slug=slug, **values)
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save()
        recorder.record(actor=by, obj=obj, action="create", changes=recorder.diff({}, values))
        return obj, True, False
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        before = {name: getattr(obj, name) for name in changed}
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save()
        changes = recorder.diff(before, {name: values[name] for name in changed})
        recorder.record(actor=by, obj=obj, action="update", changes=changes)
    else:
        recorder.record(actor=by, obj=obj, action="validate")
    return obj, False, bool(changed)


@service(permission=can_load_directory)
def organisation_upsert(*, slug: str, values: dict, by) -> tuple[Organisation, bool, bool]:
    """Create or update an organisation by slug. Side effects: one INSERT or UPDATE when needed,
    one activity-log event."""
    values = dict(values)
    if "commune" in values:
        values["commune_id"] = values.pop("commune")
    return _upsert(Organisation, slug=slug, values=values, by=by)


@service(permission=can_load_directory)
def zone_set(*, programme: Programme, refs: Iterable[str], by) -> bool:
    """Make the programme's zone exactly `refs`. Side effects: deletes/creates ZoneItems, one
    activity-log event (the zone before and after, when it changed).

    Returns True when the zone changed.
    """
    wanted = set(zone_check(refs))
    current = {(z.level, z.code): z.pk for z in programme.zone.all()}
    to_delete = [pk for key, pk in current.items() if key not in wanted]
    to_create = [ZoneItem(programme=programme, level=lv, code=cd) for lv, cd in sorted(wanted - set(current))]
    if to_delete:
        ZoneItem.objects.filter(pk__in=to_delete).delete()
    if to_create:
        ZoneItem.objects.bulk_create(to_create)
    changed = bool(to_delete or to_create)
    before, after = sorted(f"{lv}:{cd}" for lv, cd in current), sorted(f"{lv}:{cd}" for lv, cd in wanted)
    changes = {"zone": [before, after]} if changed else {}
    recorder.record(actor=by, obj=programme, action="update" if changed else "validate", changes=changes)
    return changed


@service(permission=can_load_directory)
def programme_save(
    *, slug: str, organisation: Organisation, values: dict, by, zone: Iterable[str] | None = None
) -> tuple[Programme, bool, bool]:
    """Create or update a programme by slug, and its zone when given.

    Side effects: one INSERT or UPDATE when needed; ZoneItems replaced when they differ;
    activity-log events. Returns (programme, created, changed).
    """
    values = {**values, "organisation_id": organisation.pk}
    if zone is not None:
        zone_check(zone)  # refuse an unknown territory before writing the programme
    programme, created, changed = _upsert(Programme, slug=slug, values=values, by=by)
    if zone is not None:
        zone_changed = zone_set(programme=programme, refs=zone, by=by)
        changed = changed or (zone_changed and not created)
    return programme, created, changed


@service(permission=can_load_directory)
def ecosystem_save(
    *, slug: str, values: dict, members: Iterable[str], by, leader: str | None = None
) -> tuple[Ecosystem, bool, bool]:
    """Create or update an ecosystem by slug, with its leader organisation and member programmes (slugs).

    Side effects: one INSERT or UPDATE when needed; membership rows replaced when they differ;
    one activity-log event.
    """
    zone_check(values.get("territory_refs", []))
    leader_org = None
    if leader:
        leader_org = Organisation.objects.filter(slug=leader).first()
        if leader_org is None:
            raise ValidationError({"leader": _("Organisation inconnue : %(slug)s") % {"slug": leader}})
    if values.get("leader_role") and (leader_org is None or leader_org.legal_form != LegalForm.PUBLIC_BODY):
        # The study gives these roles to a local authority, never to an ESS network.
        message = _(
            "Seule une collectivité qui anime l'écosystème y tient un rôle d'incitateur, de chef d'orchestre ou d'acteur engagé."
        )
        raise ValidationError({"leader_role": message})
    members = set(members)
    programmes = dict(Programme.objects.filter(slug__in=members).values_list("slug", "pk"))
    unknown = members - set(programmes)
    if unknown:
        raise ValidationError(
            {"members": _("Dispositifs inconnus : %(slugs)s") % {"slugs": ", ".join(sorted(unknown))}}
        )
    ecosystem, created, changed = _upsert(
        Ecosystem, slug=slug, values={**values, "leader_id": leader_org.pk if leader_org else None}, by=by
    )
    current = set(ecosystem.members.values_list("pk", flat=True))
    if current != set(programmes.values()):
        ecosystem.members.set(programmes.values())
        recorder.record(
            actor=by,
            obj=ecosystem,
            action="update",
            changes={"members": [sorted(current), sorted(programmes.values())]},
        )
        changed = not created
    return ecosystem, created, changed


@service(permission=can_load_directory)
def study_load(*, by, dry_run: bool = False) -> StudyLoadReport:
    """Load or update the study's 14 programmes, their organisations and the three ecosystems.

    Atomic: on any error nothing is written. Idempotent: a second run changes nothing.
    Side effects: upserts Organisation, Programme, ZoneItem, Ecosystem rows with their
    activity-log events (all rolled back on a dry run).
    """
    try:
        return _study_load(by=by, dry_run=dry_run)
    except ValidationError as exc:
        if getattr(exc, "code", None) != UNKNOWN_TERRITORIES:
            raise
        hint = _("Chargez d'abord les territoires (python manage.py load_territories).")
        raise ValidationError(f"{exc.messages[0]} {hint}", code=UNKNOWN_TERRITORIES) from exc


def _study_load(*, by, dry_run: bool) -> StudyLoadReport:
    report = StudyLoadReport()
    common = {"source": study.SOURCE, "licence": study.LICENCE, "updated_on": study.UPDATED_ON}
    with transaction.atomic():
        organisations = {}
        for data in study.ORGANISATIONS:
            data = dict(data)
            slug = data.pop("slug")
            values = {
                "legal_form": "",
                "initiator": "",
                "initiator_detail": "",
                "year_created": None,
                **data,
            }
            values.setdefault("commune", None)
            org, created, changed = organisation_upsert(slug=slug, values=values, by=by)
            organisations[slug] = org
            report.organisations.add(created, changed)
        for data in study.PROGRAMMES:
            data = dict(data)
            slug = data.pop("slug")
            organisation = organisations[data.pop("organisation")]
            zone = data.pop("zone")
            values = {
                "duration": "",
                "rhythm": "",
                "economic_model_notes": study.ECONOMIC_NOTES,
                "is_published": True,
                **common,
                **data,
            }
            _programme, created, changed = programme_save(
                slug=slug, organisation=organisation, values=values, zone=zone, by=by
            )
            report.programmes.add(created, changed)
        for data in study.ECOSYSTEMS:
            data = dict(data)
            slug = data.pop("slug")
            members = data.pop("members")
            leader = data.pop("leader", None)
            values = {"leader_role": "", "source": study.SOURCE, **data}
            _eco, created, changed = ecosystem_save(
                slug=slug, values=values, members=members, leader=leader, by=by
            )
            report.ecosystems.add(created, changed)
        if dry_run:
            transaction.set_rollback(True)
    return report
