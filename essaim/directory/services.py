"""Writes on the directory: organisations, programmes and their zones, ecosystems, the study's data.

Every upsert compares before writing, so that loading the same data twice changes nothing
and says so.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from essaim.core.fields import FlagsField
from essaim.directory.models import Ecosystem, Organisation, Programme, ZoneItem
from essaim.territories.selectors import names_for, parse_ref


class DirectoryDataError(Exception):
    """Data that cannot be loaded (unknown territory, unknown reference). Nothing was written."""


class UnknownTerritories(DirectoryDataError):
    """Territory references absent from the referential (or malformed)."""


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


def _upsert(model, *, slug: str, values: dict):
    """Create or update the row `slug`; returns (obj, created, changed). Writes only on a difference."""
    values = _normalise(model, values)
    obj = model.objects.filter(slug=slug).first()
    if obj is None:
        obj = model(slug=slug, **values)
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save()
        return obj, True, False
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save()
    return obj, False, bool(changed)


def organisation_upsert(*, slug: str, values: dict) -> tuple[Organisation, bool, bool]:
    """Create or update an organisation by slug. Side effects: one INSERT or UPDATE when needed."""
    values = dict(values)
    if "commune" in values:
        values["commune_id"] = values.pop("commune")
    return _upsert(Organisation, slug=slug, values=values)


def zone_check(refs: Iterable[str]) -> list[tuple[str, str]]:
    """Parse `level:code` references and check them against the referential.

    Raises UnknownTerritories naming every unknown territory.
    """
    keys = []
    for ref in refs:
        try:
            keys.append(parse_ref(ref))
        except ValueError as exc:
            raise UnknownTerritories(str(exc)) from exc
    known = names_for(keys)
    missing = [f"{level}:{code}" for level, code in keys if (level, code) not in known]
    if missing:
        raise UnknownTerritories(_("Territoires inconnus : %(refs)s.") % {"refs": ", ".join(missing)})
    return keys


def zone_set(*, programme: Programme, refs: Iterable[str]) -> bool:
    """Make the programme's zone exactly `refs`. Side effects: deletes/creates ZoneItems.

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
    return bool(to_delete or to_create)


def programme_save(
    *, slug: str, organisation: Organisation, values: dict, zone: Iterable[str] | None = None
) -> tuple[Programme, bool, bool]:
    """Create or update a programme by slug, and its zone when given.

    Side effects: one INSERT or UPDATE when needed; ZoneItems replaced when they differ.
    Returns (programme, created, changed).
    """
    values = {**values, "organisation_id": organisation.pk}
    programme, created, changed = _upsert(Programme, slug=slug, values=values)
    if zone is not None:
        zone_changed = zone_set(programme=programme, refs=zone)
        changed = changed or (zone_changed and not created)
    return programme, created, changed


def ecosystem_save(
    *, slug: str, values: dict, members: Iterable[str], leader: str | None = None
) -> tuple[Ecosystem, bool, bool]:
    """Create or update an ecosystem by slug, with its leader organisation and member programmes (slugs).

    Side effects: one INSERT or UPDATE when needed; membership rows replaced when they differ.
    """
    zone_check(values.get("territory_refs", []))
    leader_org = None
    if leader:
        leader_org = Organisation.objects.filter(slug=leader).first()
        if leader_org is None:
            raise DirectoryDataError(_("Organisation inconnue : %(slug)s") % {"slug": leader})
    ecosystem, created, changed = _upsert(
        Ecosystem, slug=slug, values={**values, "leader_id": leader_org.pk if leader_org else None}
    )
    members = set(members)
    programmes = dict(Programme.objects.filter(slug__in=members).values_list("slug", "pk"))
    unknown = members - set(programmes)
    if unknown:
        raise DirectoryDataError(
            _("Dispositifs inconnus : %(slugs)s") % {"slugs": ", ".join(sorted(unknown))}
        )
    current = set(ecosystem.members.values_list("pk", flat=True))
    if current != set(programmes.values()):
        ecosystem.members.set(programmes.values())
        changed = not created
    return ecosystem, created, changed


def study_load(*, dry_run: bool = False) -> StudyLoadReport:
    """Load or update the study's 14 programmes, their organisations and the three ecosystems.

    Atomic: on any error nothing is written. Idempotent: a second run changes nothing.
    Side effects: upserts Organisation, Programme, ZoneItem, Ecosystem rows (rolled back on dry run).
    """
    from essaim.directory.data import study

    try:
        return _study_load(study, dry_run=dry_run)
    except UnknownTerritories as exc:
        hint = _("Chargez d'abord les territoires (python manage.py load_territories).")
        raise UnknownTerritories(f"{exc} {hint}") from exc


def _study_load(study, *, dry_run: bool) -> StudyLoadReport:
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
            org, created, changed = organisation_upsert(slug=slug, values=values)
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
                slug=slug, organisation=organisation, values=values, zone=zone
            )
            report.programmes.add(created, changed)
        for data in study.ECOSYSTEMS:
            data = dict(data)
            slug = data.pop("slug")
            members = data.pop("members")
            leader = data.pop("leader", None)
            values = {"leader_role": "", "source": study.SOURCE, **data}
            _eco, created, changed = ecosystem_save(slug=slug, values=values, members=members, leader=leader)
            report.ecosystems.add(created, changed)
        if dry_run:
            transaction.set_rollback(True)
    return report
