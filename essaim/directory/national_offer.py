"""The national offer: mainstream ("droit commun") actors and shared places, from real open data.

`scripts/build_national_offer.py` derives `data/national_offer.json.gz` from the source files
(France services, DILA annuaire 2019, France Travail, data·inclusion, France Tiers-Lieux); this
module verifies it and loads it as organisations with one programme-like offer each (family
"mainstream" or "shared_place"), its zone and its contact. See docs/data-sources.md.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from essaim.core.phones import normalised as phone_normalised
from essaim.core.text import normalise
from essaim.directory.enums import OfferFamily, ProgrammeKind
from essaim.directory.models import Organisation, Programme, ZoneItem
from essaim.territories.models import NATIONAL_CODE, Commune, CommuneAlias, Departement, Level

DATA_FILE = Path(__file__).resolve().parent / "data" / "national_offer.json.gz"
FORMAT = 2
SECTIONS = ("actors", "skipped")
COLUMNS = [
    "source",
    "ref",
    "kind",
    "name",
    "commune",
    "departement",
    "address",
    "postal_code",
    "city",
    "phone",
    "email",
    "website",
    "hours",
    "latitude",
    "longitude",
    "summary",
    "stages",
    "needs",
    "publics",
    "zone",
]
# Their zone is their département: departmental chambers, France Travail agencies, the MAIA.
DEPARTEMENTAL_KINDS = {
    ProgrammeKind.CCI,
    ProgrammeKind.CMA,
    ProgrammeKind.CHAMBER_AGRICULTURE,
    ProgrammeKind.FRANCE_TRAVAIL,
    ProgrammeKind.ASSOCIATIONS_HELP,
}
# The "zone" column: empty (the actor's commune or département, above) or "national" (a service
# given at a distance everywhere, in its own words).
NATIONAL_ZONE = "national"
SLUG_PREFIX = {
    "anct-france-services": "fs",
    "dila-annuaire-2019": "dila",
    "france-travail-2023": "ft",
    "data-inclusion-2022": "di",
    "france-tiers-lieux-2023": "tl",
}
ORG_FIELDS = [
    "name",
    "address",
    "postal_code",
    "city",
    "phone",
    "email",
    "website",
    "opening_hours",
    "latitude",
    "longitude",
    "commune_id",
]
PROGRAMME_FIELDS = [
    "name",
    "summary",
    "kind",
    "family",
    "stages",
    "needs",
    "publics",
    "source",
    "licence",
    "updated_on",
    "source_key",
    "website",
    "contact_email",
    "zone_description",
    "is_published",
]


class NationalOfferError(Exception):
    """The data file cannot be trusted; the database was not touched."""


@dataclass
class Change:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


@dataclass
class NationalOfferReport:
    sources: dict[str, Change] = field(default_factory=dict)
    mapped: int = 0  # rows whose old INSEE code was mapped to the current commune
    skipped: Counter = field(default_factory=Counter)  # reason → rows
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    fields_dropped: int = 0

    @property
    def changed(self) -> bool:
        return any(change.changed for change in self.sources.values())

    def skip(self, reason: str, example: str) -> None:
        self.skipped[reason] += 1
        if len(self.examples[reason]) < 3:
            self.examples[reason].append(example)

    def lines(self) -> list[str]:
        lines = [
            _("%(source)s : %(c)d créés, %(u)d modifiés, %(d)d supprimés, %(n)d inchangés")
            % {"source": key, "c": ch.created, "u": ch.updated, "d": ch.deleted, "n": ch.unchanged}
            for key, ch in sorted(self.sources.items())
        ]
        if self.mapped:
            lines.append(
                ngettext(
                    "%(n)d ancien code INSEE rattaché à sa commune actuelle",
                    "%(n)d anciens codes INSEE rattachés à leur commune actuelle",
                    self.mapped,
                )
                % {"n": self.mapped}
            )
        if self.fields_dropped:
            lines.append(
                ngettext(
                    "%(n)d courriel ou site web invalide ignoré",
                    "%(n)d courriels ou sites web invalides ignorés",
                    self.fields_dropped,
                )
                % {"n": self.fields_dropped}
            )
        for reason, count in self.skipped.most_common():
            lines.append(
                ngettext("%(n)d ligne écartée : %(reason)s", "%(n)d lignes écartées : %(reason)s", count)
                % {"n": count, "reason": reason}
                + f" ({', '.join(self.examples[reason])})"
            )
        return lines


def read_offer_file(path: Path = DATA_FILE) -> dict:
    """Read and verify the data file; raise NationalOfferError with a clear message."""
    try:
        with gzip.open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError as exc:
        raise NationalOfferError(
            _("Fichier de l'offre nationale introuvable : %(path)s") % {"path": path}
        ) from exc
    except (OSError, EOFError, zlib.error) as exc:
        raise NationalOfferError(
            _("Fichier de l'offre nationale illisible (tronqué ou corrompu) : %(path)s — %(error)s")
            % {"path": path, "error": exc}
        ) from exc
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise NationalOfferError(
            _("Fichier de l'offre nationale corrompu (JSON invalide) : %(error)s") % {"error": exc}
        ) from exc
    if (
        not isinstance(document, dict)
        or document.get("format") != FORMAT
        or document.get("columns") != COLUMNS
    ):
        raise NationalOfferError(_("Format de fichier de l'offre nationale inconnu."))
    for section in SECTIONS:
        rows = document.get(section)
        expected = (document.get("counts") or {}).get(section)
        if not isinstance(rows, list) or len(rows) != expected:
            raise NationalOfferError(
                _("Section « %(section)s » incomplète : %(found)s lignes au lieu de %(expected)s.")
                % {
                    "section": section,
                    "found": len(rows) if isinstance(rows, list) else 0,
                    "expected": expected,
                }
            )
    body = {section: document[section] for section in SECTIONS}
    digest = hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    if digest != document.get("sha256"):
        raise NationalOfferError(
            _("Empreinte SHA-256 incorrecte : le fichier de l'offre nationale a été altéré.")
        )
    sources = document.get("sources") or {}
    if any(row[0] not in sources or len(row) != len(COLUMNS) for row in document["actors"]):
        raise NationalOfferError(_("Ligne d'acteur mal formée dans le fichier de l'offre nationale."))
    return document


_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])


def _valid(validator, value: str, report: NationalOfferReport) -> str:
    if not value:
        return ""
    try:
        validator(value)
    except ValidationError:
        report.fields_dropped += 1
        return ""
    return value


def _slug(source: str, ref: str) -> str:
    return f"{SLUG_PREFIX.get(source, 'x')}-{slugify(ref)}"[:80]


def _source_text(meta: dict) -> str:
    return f"{meta['title']} ({meta['date'][:7]})"[:300]


def _wanted(document: dict, report: NationalOfferReport, progress) -> dict[str, tuple[dict, dict, tuple]]:
    """slug → (organisation values, programme values, zone key) for every loadable row."""
    communes = dict(Commune.objects.values_list("code", "departement_id"))
    aliases = dict(CommuneAlias.objects.values_list("code", "commune_id"))
    departements = dict(Departement.objects.values_list("code", "name"))
    stage_field = Programme._meta.get_field("stages")
    need_field = Programme._meta.get_field("needs")
    public_field = Programme._meta.get_field("publics")
    wanted = {}
    for source, ref, reason in document["skipped"]:
        report.skip(reason, f"{source}:{ref}")
    for row in document["actors"]:
        data = dict(zip(COLUMNS, row, strict=True))
        label = f"{data['source']}:{data['ref']}"
        commune = data["commune"]
        if commune and commune not in communes:
            current = aliases.get(commune)
            if current is None:
                report.skip(_("code INSEE inconnu du référentiel (commune disparue ou non chargée)"), label)
                continue
            report.mapped += 1
            commune = current
        dep = communes[commune] if commune else data["departement"]
        if dep not in departements:
            report.skip(_("département inconnu du référentiel"), label)
            continue
        kind = data["kind"]
        meta = document["sources"][data["source"]]
        family = OfferFamily.SHARED_PLACE if kind == ProgrammeKind.SHARED_PLACE else OfferFamily.MAINSTREAM
        if data["zone"] == NATIONAL_ZONE:
            zone = (Level.NATIONAL.value, NATIONAL_CODE)
        elif commune and kind not in DEPARTEMENTAL_KINDS:
            zone = (Level.COMMUNE.value, commune)
        else:
            zone = (Level.DEPARTEMENT.value, dep)
        website = _valid(_url, data["website"], report)
        email = _valid(_email, data["email"], report)
        org = {
            "name": data["name"],
            "address": data["address"],
            "postal_code": data["postal_code"],
            "city": data["city"],
            # Open data as published: normalised when it parses, kept as written otherwise.
            "phone": phone_normalised(data["phone"]) or data["phone"],
            "email": email,
            "website": website,
            "opening_hours": data["hours"],
            "latitude": data["latitude"],
            "longitude": data["longitude"],
            "commune_id": commune or None,
        }
        programme = {
            "name": data["name"],
            "summary": data["summary"],
            "kind": kind,
            "family": family,
            "stages": stage_field.to_python(data["stages"]),
            "needs": need_field.to_python(data["needs"]),
            "publics": public_field.to_python(data["publics"]),
            "source": _source_text(meta),
            "licence": meta["licence"][:120],
            "updated_on": datetime.date.fromisoformat(meta["date"]),
            "source_key": data["source"],
            "website": website,
            "contact_email": email,
            "zone_description": (
                _("À distance, partout en France")
                if data["zone"] == NATIONAL_ZONE
                else data["city"] or departements[dep]
            )[:250],
            "is_published": True,
        }
        wanted[_slug(data["source"], data["ref"])] = (org, programme, zone)
    progress(_("%(n)d acteurs à charger, lignes vérifiées.") % {"n": len(wanted)})
    return wanted


def _differs(current: dict, values: dict) -> bool:
    return any(current[name] != value for name, value in values.items())


def national_offer_load(
    *,
    path: Path = DATA_FILE,
    by=None,
    dry_run: bool = False,
    progress: Callable[[str], None] = lambda _m: None,
) -> NationalOfferReport:
    """Load (or refresh) the national offer from the data file, atomically and idempotently.

    `by` is the person running the load (None: the system). Side effects: creates, updates
    or deletes Organisation, Programme (family mainstream / shared place) and ZoneItem rows of
    the national offer; the study's programmes are never touched. A second run with the same
    file changes nothing. On any error (or a dry run) the transaction is rolled back.
    """
    document = read_offer_file(path)
    progress(_("Fichier vérifié : %(counts)s") % {"counts": document["counts"]})
    report = NationalOfferReport()
    with transaction.atomic():
        wanted = _wanted(document, report, progress)
        _sync(wanted, document, report, progress)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _sync(wanted: dict, document: dict, report: NationalOfferReport, progress) -> None:
    keys = list(document["sources"])
    for key in keys:
        report.sources[key] = Change()
    existing = {
        p["slug"]: p
        for p in Programme.objects.filter(source_key__in=keys).values(
            "pk", "slug", "organisation_id", *PROGRAMME_FIELDS
        )
    }
    orgs = {
        o["pk"]: o
        for o in Organisation.objects.filter(pk__in=[p["organisation_id"] for p in existing.values()]).values(
            "pk", *ORG_FIELDS
        )
    }
    zones = defaultdict(set)
    for programme_id, level, code in ZoneItem.objects.filter(programme__source_key__in=keys).values_list(
        "programme_id", "level", "code"
    ):
        zones[programme_id].add((level, code))

    stale = [p for slug, p in existing.items() if slug not in wanted]
    if stale:
        for p in stale:
            report.sources[p["source_key"]].deleted += 1
        Programme.objects.filter(pk__in=[p["pk"] for p in stale]).delete()
        Organisation.objects.filter(
            pk__in=[p["organisation_id"] for p in stale], programmes__isnull=True
        ).delete()

    new_orgs, new_programmes, changed_orgs, changed_programmes, zone_fix = [], [], [], [], []
    for slug, (org, programme, zone) in wanted.items():
        change = report.sources[programme["source_key"]]
        current = existing.get(slug)
        if current is None:
            new_orgs.append(Organisation(slug=slug, **org))
            new_programmes.append((slug, programme, zone))
            change.created += 1
            continue
        dirty = False
        if _differs(orgs[current["organisation_id"]], org):
            changed_orgs.append(Organisation(pk=current["organisation_id"], slug=slug, **org))
            dirty = True
        if _differs(current, programme):
            changed_programmes.append(Programme(pk=current["pk"], slug=slug, **programme))
            dirty = True
        if zones.get(current["pk"]) != {zone}:
            zone_fix.append((current["pk"], zone))
            dirty = True
        if dirty:
            change.updated += 1
        else:
            change.unchanged += 1

    Organisation.objects.bulk_create(new_orgs, batch_size=1000)
    org_ids = dict(Organisation.objects.filter(slug__in=[o.slug for o in new_orgs]).values_list("slug", "pk"))
    progress(_("Organisations à jour."))
    Programme.objects.bulk_create(
        [
            Programme(slug=slug, organisation_id=org_ids[slug], name_norm=normalise(values["name"]), **values)
            for slug, values, _zone in new_programmes
        ],
        batch_size=1000,
    )
    programme_ids = dict(
        Programme.objects.filter(slug__in=[slug for slug, _v, _z in new_programmes]).values_list("slug", "pk")
    )
    ZoneItem.objects.bulk_create(
        [ZoneItem(programme_id=programme_ids[slug], level=z[0], code=z[1]) for slug, _v, z in new_programmes],
        batch_size=2000,
    )
    if changed_orgs:
        Organisation.objects.bulk_update(changed_orgs, ORG_FIELDS, batch_size=500)
    if changed_programmes:
        for programme in changed_programmes:
            programme.name_norm = normalise(programme.name)
        Programme.objects.bulk_update(changed_programmes, [*PROGRAMME_FIELDS, "name_norm"], batch_size=500)
    if zone_fix:
        ZoneItem.objects.filter(programme_id__in=[pk for pk, _z in zone_fix]).delete()
        ZoneItem.objects.bulk_create([ZoneItem(programme_id=pk, level=z[0], code=z[1]) for pk, z in zone_fix])
    progress(_("Offres et zones à jour."))
