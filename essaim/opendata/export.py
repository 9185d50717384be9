"""Export of the published programmes in the data·inclusion schema v1 (structures + services).

One structure per organisation running at least one published programme, one service per
programme. Synthetic (benchmark) programmes are never exported. Every record is validated
with the official pydantic models before it leaves; a field the model refuses (an odd
e-mail address typed long ago) is dropped from that record rather than failing the export.

Only the ESS support programmes (family "ess") are exported: Essaim is the producer of those
records, which the schema's `source` field ("identifiant du producteur original") asserts. The
national offer (mainstream actors and shared places) is a copy of other producers' open data —
some of it taken from data·inclusion itself — and is left out on purpose so that the export never
re-publishes it under Essaim's name nor duplicates it in data·inclusion (docs/data-sources.md).
The family is carried where the schema allows: every service has a `creer-une-entreprise--*`
theme and a type; the metadata name the family exported and the one left out.
"""

from __future__ import annotations

import csv
import datetime
import io
import logging
from dataclasses import dataclass

from data_inclusion.schema.v1 import Service, Structure
from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import ValidationError

from essaim.core.spreadsheet import csv_cell
from essaim.directory.enums import OfferFamily, Public
from essaim.directory.models import Organisation, Programme, ZoneItem
from essaim.opendata import mapping
from essaim.territories.models import Departement, Level

logger = logging.getLogger("essaim.opendata")


EXPORTED_FAMILIES = (OfferFamily.ESS,)


def metadata(kind: str, sources: list[dict] | None = None) -> dict:
    """Licence and source of an export; `sources` lists the programmes' own data sources."""
    return {
        "schema": mapping.SCHEMA,
        "type": kind,
        "source": "Essaim — " + settings.SITE_URL.rstrip("/"),
        "licence": str(settings.ESSAIM_DATA_LICENCE),
        "sources": sources or [],
        "familles": [{"famille": f.value, "libelle": str(f.label)} for f in EXPORTED_FAMILIES],
        "non_exporte": str(
            _(
                "L'offre nationale (acteurs de droit commun, lieux partagés) n'est pas exportée : elle "
                "reprend les données ouvertes d'autres producteurs, à consulter à leur source."
            )
        ),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
    }


def _programmes():
    return (
        Programme.objects.public()
        .real()
        .filter(family__in=EXPORTED_FAMILIES)
        .select_related("organisation", "organisation__commune")
        .prefetch_related(Prefetch("zone", queryset=ZoneItem.objects.order_by("level", "code")))
        .order_by("slug")
    )


def _validated(model, data: dict) -> dict | None:
    for _attempt in range(3):
        try:
            dumped = model.model_validate(data).model_dump(mode="json")
            # Sets come out in hash order: sort them so that exports are reproducible.
            return {k: sorted(v) if isinstance(v, list) else v for k, v in dumped.items()}
        except ValidationError as exc:
            bad = {str(error["loc"][0]) for error in exc.errors() if error.get("loc")}
            required = {name for name, f in model.model_fields.items() if f.is_required()}
            if not bad or bad & required:
                logger.warning("Enregistrement data·inclusion rejeté (%s) : %s", data.get("id"), exc)
                return None
            data = {k: v for k, v in data.items() if k not in bad}
    return None


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _structure(organisation: Organisation, date_maj: datetime.date) -> dict:
    commune = organisation.commune
    return {
        "source": mapping.SOURCE,
        "id": organisation.slug,
        "nom": organisation.name,
        "date_maj": date_maj,
        "siret": organisation.siret or None,
        "commune": commune.name if commune else None,
        "code_insee": commune.code if commune else None,
        "adresse": organisation.address or None,
        "telephone": organisation.phone or None,
        "courriel": organisation.email or None,
        "site_web": organisation.website or None,
    }


def zone_codes(zone, region_departements: dict[str, list[str]]) -> list[str]:
    """Our zone items as data·inclusion eligibility codes: a région becomes its départements."""
    codes: list[str] = []
    for item in zone:
        if item.level == Level.NATIONAL:
            return ["france"]
        if item.level == Level.REGION:
            codes += region_departements.get(item.code, [])
        else:
            codes.append(item.code)
    return sorted(set(codes))


def _service(programme: Programme, region_departements, today: datetime.date) -> dict:
    themes = sorted({mapping.STAGE_TO_THEME[s] for s in programme.stages})
    # The schema forbids "tous-publics" next to other values: open programmes say only that.
    if not programme.publics or mapping.GENERAL_PUBLICS & set(programme.publics):
        publics = {"tous-publics"}
    else:
        publics = {mapping.PUBLIC_TO_DI[p] for p in programme.publics if p in mapping.PUBLIC_TO_DI}
    others = [
        str(Public(p).label)
        for p in programme.publics
        if p not in mapping.GENERAL_PUBLICS and ("tous-publics" in publics or p not in mapping.PUBLIC_TO_DI)
    ]
    description = programme.description or programme.summary or programme.name
    email = programme.contact_email or programme.organisation.email
    return {
        "source": mapping.SOURCE,
        "structure_id": programme.organisation.slug,
        "id": programme.slug,
        "nom": programme.name,
        "description": description,
        "lien_source": _url(f"/dispositifs/{programme.slug}/"),
        "date_maj": programme.updated_on or today,
        "type": mapping.KIND_TO_TYPE.get(programme.kind),
        "thematiques": themes or None,
        "publics": sorted(publics) or None,
        "publics_precisions": ", ".join(others) or None,
        "conditions_acces": programme.beneficiaries or None,
        "courriel": email or None,
        "zone_eligibilite": zone_codes(programme.zone.all(), region_departements) or None,
        "modes_mobilisation": ["envoyer-un-courriel"] if email else None,
        "mobilisable_par": ["usagers", "professionnels"],
        "lien_mobilisation": (programme.website or programme.organisation.website) or None,
    }


@dataclass
class Export:
    structures: list[dict]
    services: list[dict]
    sources: list[dict]  # [{"source", "licence"}] of the exported programmes


def export_records() -> Export:
    """Structures and services, JSON-ready dicts valid against the v1 models, with their sources."""
    today = timezone.localdate()
    region_departements: dict[str, list[str]] = {}
    for code, region in Departement.objects.order_by("code").values_list("code", "region_id"):
        region_departements.setdefault(region, []).append(code)
    structures: dict[str, dict] = {}
    dates: dict[str, datetime.date] = {}
    services = []
    sources = set()
    for programme in _programmes():
        service = _validated(Service, _service(programme, region_departements, today))
        if service is None:
            continue
        services.append(service)
        sources.add((programme.source, programme.licence or str(settings.ESSAIM_DATA_LICENCE)))
        org = programme.organisation
        dates[org.slug] = max(dates.get(org.slug, datetime.date.min), programme.updated_on or today)
        structures[org.slug] = org
    structure_rows = []
    for slug in sorted(structures):
        row = _validated(Structure, _structure(structures[slug], dates[slug]))
        if row is not None:
            structure_rows.append(row)
    known = {row["id"] for row in structure_rows}
    return Export(
        structure_rows,
        [s for s in services if s["structure_id"] in known],
        [{"source": src, "licence": lic} for src, lic in sorted(sources) if src],
    )


def as_json(kind: str, export: Export) -> dict:
    """`kind` is "structures" or "services"."""
    return {"meta": metadata(kind, export.sources), "items": getattr(export, kind)}


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | set):
        value = ",".join(str(v) for v in value)
    # Spreadsheets run cells that start like a formula: neutralise them (CSV injection).
    return csv_cell(value) if isinstance(value, str) else str(value)


def as_csv(model, items: list[dict]) -> str:
    """CSV with the model's columns in order, lists joined by commas, plus licence and source."""
    columns = list(model.model_fields)
    meta = metadata("")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*columns, "licence", "source_donnees"])
    for item in items:
        writer.writerow([*(_csv_value(item.get(c)) for c in columns), meta["licence"], meta["source"]])
    return out.getvalue()
