"""Import of data·inclusion v1 records (structures + services) about business creation.

Only services with a `creer-une-entreprise--*` theme are taken, with the structures they
belong to. Every record is checked with the official pydantic models; an invalid record is
reported with its id and the reason and left out, the valid ones are kept. The whole import
runs in one transaction (all valid records or nothing, on an unexpected error) and is
idempotent: imported rows get stable slugs (`di-<source>-<id>`) and are only written when
they differ.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from data_inclusion.schema.v1 import Service, Structure
from django.core.exceptions import ValidationError as ModelValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from pydantic import ValidationError

from essaim.core.phones import normalised as phone_normalised
from essaim.core.services import service as write_service
from essaim.directory.enums import AccompanimentModel
from essaim.directory.rules import can_load_directory
from essaim.directory.services import organisation_upsert, programme_save
from essaim.opendata import mapping
from essaim.territories.models import NATIONAL_CODE, Commune, Departement, Epci, Level

LICENCE = "Licence Ouverte / Open Licence 2.0 (data·inclusion)"


@dataclass
class Line:
    kind: str  # "structure" or "service"
    id: str
    action: str  # created, updated, unchanged, skipped, invalid
    reason: str = ""

    def __str__(self) -> str:
        return f"{self.kind} {self.id} : {self.action}" + (f" — {self.reason}" if self.reason else "")


@dataclass
class ImportReport:
    lines: list[Line] = field(default_factory=list)
    dry_run: bool = False

    def add(self, kind: str, id_: str, action: str, reason: str = "") -> None:
        self.lines.append(Line(kind, id_, action, reason))

    def count(self, action: str) -> int:
        return sum(1 for line in self.lines if line.action == action)

    def summary(self) -> str:
        counts = ", ".join(
            f"{self.count(a)} {label}"
            for a, label in [
                ("created", "créés"),
                ("updated", "modifiés"),
                ("unchanged", "inchangés"),
                ("skipped", "ignorés"),
                ("invalid", "invalides"),
            ]
        )
        return counts + (" (simulation : rien n'a été enregistré)" if self.dry_run else "")


def read_records(paths: list[Path]) -> list[dict]:
    """Records from files holding a list, `{"items": [...]}` or `{"structures": [...], "services": [...]}`.

    Raises (Django's) ValidationError with a French message when a file cannot be read."""
    records: list[dict] = []
    for path in paths:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelValidationError(f"{path} : fichier JSON illisible ({exc}).") from exc
        records += _records_of(data, path)
    return records


def _records_of(data, path) -> list[dict]:
    if isinstance(data, list):
        items = data
    elif isinstance(data, dict) and isinstance(data.get("items"), list):
        items = data["items"]
    elif isinstance(data, dict) and ("structures" in data or "services" in data):
        items = []
        for key in ("structures", "services"):
            items += _records_of(data.get(key) or [], path)
    else:
        raise ModelValidationError(f"{path} : une liste d'enregistrements data·inclusion est attendue.")
    return [item if isinstance(item, dict) else {"_invalid": item} for item in items]


def _reason(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors()[:5]:
        loc = ".".join(str(p) for p in error.get("loc", ())) or "enregistrement"
        parts.append(f"{loc} : {error.get('msg', 'invalide')}")
    return "; ".join(parts)


def _slug(prefix: str, source: str, id_: str) -> str:
    base = slugify(f"{prefix}-{source}-{id_}")[:80].strip("-")
    return base or prefix


def _zone(codes: list[str] | None, code_insee: str | None) -> tuple[list[str], list[str]]:
    """(zone refs, unknown codes): France, départements (a full région collapses to it), EPCI, communes."""
    codes = list(codes or ([code_insee] if code_insee else []))
    if "france" in codes:
        return [f"{Level.NATIONAL}:{NATIONAL_CODE}"], []
    departements = dict(Departement.objects.values_list("code", "region_id"))
    communes = set(
        Commune.objects.filter(pk__in=[c for c in codes if len(c) == 5]).values_list("pk", flat=True)
    )
    epcis = set(Epci.objects.filter(pk__in=[c for c in codes if len(c) == 9]).values_list("pk", flat=True))
    refs, unknown, deps = [], [], set()
    for code in codes:
        if code in departements:
            deps.add(code)
        elif code in communes:
            refs.append(f"{Level.COMMUNE}:{code}")
        elif code in epcis:
            refs.append(f"{Level.EPCI}:{code}")
        else:
            unknown.append(code)
    by_region: dict[str, set[str]] = {}
    for dep, region in departements.items():
        by_region.setdefault(region, set()).add(dep)
    for region, members in sorted(by_region.items()):
        if members and members <= deps:
            refs.append(f"{Level.REGION}:{region}")
            deps -= members
    refs += [f"{Level.DEPARTEMENT}:{d}" for d in sorted(deps)]
    return sorted(refs), unknown


def _programme_values(service: Service, structure: Structure) -> dict:
    themes = sorted(t.value for t in service.thematiques or () if t.value.startswith(mapping.THEME_PREFIX))
    stages, needs = [], []
    for theme in themes:
        stages += mapping.THEME_TO_STAGES.get(theme, [])
        needs += mapping.THEME_TO_NEEDS.get(theme, [])
    service_type = service.type.value if service.type else ""
    needs += mapping.TYPE_TO_NEEDS.get(service_type, [])
    publics = [
        mapping.DI_TO_PUBLIC[p.value] for p in service.publics or () if p.value in mapping.DI_TO_PUBLIC
    ]
    if any(p.value == "tous-publics" for p in service.publics or ()):
        publics.append("carriers")
    website = service.lien_mobilisation or service.lien_source or structure.site_web
    return {
        "name": service.nom[:200],
        "summary": service.description[:300],
        "description": service.description,
        "kind": mapping.TYPE_TO_KIND.get(service_type, mapping.TYPE_TO_KIND["accompagnement"]),
        "model": AccompanimentModel.NONE,
        "stages": sorted(set(stages)),
        "needs": sorted(set(needs)),
        "publics": sorted(set(publics)),
        "beneficiaries": (service.conditions_acces or "")[:300],
        "contact_email": str(service.courriel or structure.courriel or ""),
        "website": str(website or "")[:200],
        "source": f"data·inclusion, source « {service.source} »"[:300],
        "licence": LICENCE,
        "updated_on": service.date_maj,
        "is_published": True,
    }


def _organisation_values(structure: Structure) -> dict:
    commune = None
    if structure.code_insee and Commune.objects.filter(pk=structure.code_insee).exists():
        commune = structure.code_insee
    return {
        "name": structure.nom[:200],
        "siret": structure.siret or "",
        "siren": (structure.siret or "")[:9],
        "email": str(structure.courriel or ""),
        "website": str(structure.site_web or "")[:200],
        # Normalised when it parses, kept as published otherwise (as the national offer does).
        "phone": (phone_normalised(structure.telephone or "") or structure.telephone or "")[:30],
        "address": (structure.adresse or "")[:250],
        "commune": commune,
    }


@write_service(permission=can_load_directory)
def import_records(*, records: list[dict], by, dry_run: bool = False) -> ImportReport:
    """Validate, filter and upsert; see the module docstring. Side effects: Organisation,
    Programme and ZoneItem rows created or updated through the directory's services, with their
    activity-log events (all rolled back on a dry run)."""
    report = ImportReport(dry_run=dry_run)
    structures: dict[tuple[str, str], Structure] = {}
    services: list[Service] = []
    for record in records:
        if not isinstance(record, dict):
            record = {"_invalid": record}
        kind = "service" if "structure_id" in record else "structure"
        ident = str(record.get("id") or "?")[:80]
        model = Service if kind == "service" else Structure
        try:
            parsed = model.model_validate(record)
        except ValidationError as exc:
            report.add(kind, ident, "invalid", _reason(exc))
            continue
        if kind == "structure":
            structures[(parsed.source, parsed.id)] = parsed
        else:
            services.append(parsed)

    wanted: dict[tuple[str, str], list[Service]] = {}
    for service in services:
        themes = {t.value for t in service.thematiques or ()}
        if service.source == mapping.SOURCE:
            report.add("service", service.id, "skipped", "exporté par Essaim lui-même : déjà dans l'annuaire")
        elif not any(t.startswith(mapping.THEME_PREFIX) for t in themes):
            report.add("service", service.id, "skipped", "aucune thématique « creer-une-entreprise »")
        elif (service.source, service.structure_id) not in structures:
            report.add("service", service.id, "invalid", f"structure inconnue : {service.structure_id}")
        else:
            wanted.setdefault((service.source, service.structure_id), []).append(service)
    for key, structure in structures.items():
        if key not in wanted:
            report.add("structure", structure.id, "skipped", "aucun service de création d'entreprise")

    with transaction.atomic():
        for key, kept in wanted.items():
            _import_structure(structures[key], kept, report, by=by)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _action(created: bool, changed: bool) -> str:
    return "created" if created else "updated" if changed else "unchanged"


def _import_structure(structure: Structure, services: list[Service], report: ImportReport, *, by) -> None:
    try:
        with transaction.atomic():
            organisation, created, changed = organisation_upsert(
                slug=_slug("di", structure.source, structure.id),
                values=_organisation_values(structure),
                by=by,
            )
    except (ModelValidationError, IntegrityError, ValueError) as exc:
        # A value our model refuses (SIRET checksum…): report it, keep the other records.
        report.add("structure", structure.id, "invalid", _message(exc))
        for service in services:
            report.add("service", service.id, "invalid", f"structure {structure.id} refusée")
        return
    report.add("structure", structure.id, _action(created, changed))
    for service in services:
        refs, unknown = _zone(service.zone_eligibilite, service.code_insee)
        if unknown and not refs:
            report.add(
                "service", service.id, "invalid", "zone_eligibilite : codes inconnus " + ", ".join(unknown)
            )
            continue
        try:
            with transaction.atomic():
                _programme, created, changed = programme_save(
                    slug=_slug("di", service.source, service.id),
                    organisation=organisation,
                    values=_programme_values(service, structure),
                    zone=refs,
                    by=by,
                )
        except (ModelValidationError, IntegrityError, ValueError) as exc:
            report.add("service", service.id, "invalid", _message(exc))
            continue
        note = ("codes de zone ignorés : " + ", ".join(unknown)) if unknown else ""
        report.add("service", service.id, _action(created, changed), note)


def _message(exc: Exception) -> str:
    if isinstance(exc, ModelValidationError):
        if hasattr(exc, "error_dict"):
            return "; ".join(f"{k} : {' '.join(v)}" for k, v in exc.message_dict.items())
        return " ".join(exc.messages)[:300]
    return str(exc)[:300]
