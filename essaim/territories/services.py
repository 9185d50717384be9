"""Loading the territory referential into the database."""

import gzip
import hashlib
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from essaim.core.text import normalise
from essaim.territories.models import (
    Commune,
    CommuneAlias,
    Departement,
    Epci,
    Level,
    PostalCode,
    Region,
    SearchWord,
)

DATA_FILE = Path(__file__).resolve().parent / "data" / "territories.json.gz"
SECTIONS = ("regions", "departements", "epcis", "communes", "aliases")


class TerritoryDataError(Exception):
    """The data file cannot be trusted; the database was not touched."""


@dataclass
class TableChange:
    created: int = 0
    updated: int = 0
    deleted: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.deleted


@dataclass
class LoadReport:
    tables: dict[str, TableChange] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(change.total for change in self.tables.values())

    def lines(self) -> list[str]:
        return [
            _("%(table)s : %(c)d créés, %(u)d modifiés, %(d)d supprimés")
            % {"table": name, "c": ch.created, "u": ch.updated, "d": ch.deleted}
            for name, ch in self.tables.items()
        ]


def read_data_file(path: Path = DATA_FILE) -> dict:
    """Read and verify the data file; raise TerritoryDataError with a clear message."""
    try:
        with gzip.open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError as exc:
        raise TerritoryDataError(_("Fichier de territoires introuvable : %(path)s") % {"path": path}) from exc
    except (OSError, EOFError, zlib.error) as exc:
        raise TerritoryDataError(
            _("Fichier de territoires illisible (tronqué ou corrompu) : %(path)s — %(error)s")
            % {"path": path, "error": exc}
        ) from exc
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise TerritoryDataError(
            _("Fichier de territoires corrompu (JSON invalide) : %(error)s") % {"error": exc}
        ) from exc
    if not isinstance(document, dict) or document.get("format") != 1:
        raise TerritoryDataError(_("Format de fichier de territoires inconnu."))
    for section in SECTIONS:
        rows = document.get(section)
        expected = document.get("counts", {}).get(section)
        if not isinstance(rows, list) or len(rows) != expected:
            raise TerritoryDataError(
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
        raise TerritoryDataError(_("Empreinte SHA-256 incorrecte : le fichier de territoires a été altéré."))
    return document


def _sync(model, wanted: dict[str, dict], fields: list[str]) -> TableChange:
    """Make `model`'s rows equal to `wanted` (pk → field values) with bulk operations."""
    change = TableChange()
    existing = {row["pk"]: row for row in model.objects.values("pk", *fields)}
    to_create, to_update = [], []
    for pk, values in wanted.items():
        current = existing.get(pk)
        if current is None:
            to_create.append(model(pk=pk, **values))
        elif any(current[f] != values[f] for f in fields):
            to_update.append(model(pk=pk, **values))
    stale = [pk for pk in existing if pk not in wanted]
    if stale:
        for start in range(0, len(stale), 500):
            model.objects.filter(pk__in=stale[start : start + 500]).delete()
    model.objects.bulk_create(to_create, batch_size=2000)
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=1000)
    change.created, change.updated, change.deleted = len(to_create), len(to_update), len(stale)
    return change


def _search_words(document: dict, populations: dict[tuple[str, str], int]) -> list[tuple]:
    rows = []
    entries = [(Level.REGION, r[0], r[1]) for r in document["regions"]]
    entries += [(Level.DEPARTEMENT, d[0], d[1]) for d in document["departements"]]
    entries += [(Level.EPCI, e[0], e[1]) for e in document["epcis"]]
    entries += [(Level.COMMUNE, c[0], c[1]) for c in document["communes"]]
    for level, code, name in entries:
        norm = normalise(name)
        for word in sorted(set(norm.split())):
            rows.append((word[:60], str(level), code, name, norm, populations.get((level, code), 0)))
    return rows


def restrict_to_regions(
    document: dict, regions: set[str], *, departements: set[str] = frozenset(), names: set[str] = frozenset()
) -> dict:
    """A copy of the document keeping all régions and départements but only the communes (and
    the EPCI, aliases) of `regions`, of `departements` and those whose normalised name is in
    `names` ("saint martin"): a fast, smaller referential for tests and trials."""
    communes = [
        c for c in document["communes"] if c[3] in regions or c[2] in departements or normalise(c[1]) in names
    ]
    kept = {c[0] for c in communes}
    epcis_kept = {c[4] for c in communes if c[4]}
    return {
        **document,
        "communes": communes,
        "epcis": [e for e in document["epcis"] if e[0] in epcis_kept],
        "aliases": [a for a in document["aliases"] if a[3] in kept],
    }


def load_territories(
    *,
    path: Path = DATA_FILE,
    regions: set[str] | None = None,
    departements: set[str] = frozenset(),
    names: set[str] = frozenset(),
    progress: Callable[[str], None] = lambda _m: None,
) -> LoadReport:
    """Load (or refresh) every territory from the data file, atomically and idempotently.

    Side effects: writes regions, départements, EPCI, communes, aliases, postal codes and the
    search index. A second run with the same file changes nothing. On any error the
    transaction is rolled back and the database is left as it was.
    """
    document = read_data_file(path)
    if regions:
        document = restrict_to_regions(document, regions, departements=departements, names=names)
    progress(_("Fichier vérifié : %(counts)s") % {"counts": document["counts"]})
    report = LoadReport()

    communes = document["communes"]
    dep_population: dict[str, int] = {}
    reg_population: dict[str, int] = {}
    for _code, _name, dep, reg, _epci, pop, _cps in communes:
        dep_population[dep] = dep_population.get(dep, 0) + pop
        reg_population[reg] = reg_population.get(reg, 0) + pop

    with transaction.atomic():
        report.tables["regions"] = _sync(
            Region,
            {
                code: {
                    "name": name,
                    "name_norm": normalise(name),
                    "chef_lieu": chef,
                    "population": reg_population.get(code, 0),
                }
                for code, name, chef in document["regions"]
            },
            ["name", "name_norm", "chef_lieu", "population"],
        )
        report.tables["departements"] = _sync(
            Departement,
            {
                code: {
                    "name": name,
                    "name_norm": normalise(name),
                    "region_id": region,
                    "chef_lieu": chef,
                    "population": dep_population.get(code, 0),
                }
                for code, name, region, chef in document["departements"]
            },
            ["name", "name_norm", "region_id", "chef_lieu", "population"],
        )
        report.tables["epcis"] = _sync(
            Epci,
            {
                code: {"name": name, "name_norm": normalise(name), "kind": kind, "population": pop}
                for code, name, kind, pop in document["epcis"]
            },
            ["name", "name_norm", "kind", "population"],
        )
        progress(_("Régions, départements et EPCI à jour."))
        report.tables["communes"] = _sync(
            Commune,
            {
                code: {
                    "name": name,
                    "name_norm": normalise(name),
                    "departement_id": dep,
                    "region_id": reg,
                    "epci_id": epci or None,
                    "population": pop,
                }
                for code, name, dep, reg, epci, pop, _cps in communes
            },
            ["name", "name_norm", "departement_id", "region_id", "epci_id", "population"],
        )
        progress(_("Communes à jour."))
        report.tables["aliases"] = _sync(
            CommuneAlias,
            {
                code: {"name": name, "kind": kind, "commune_id": parent}
                for code, name, kind, parent, _cps in document["aliases"]
            },
            ["name", "kind", "commune_id"],
        )

        wanted_postal = {(cp, code) for code, *_rest, cps in communes for cp in cps}
        existing_postal = {
            (cp, commune): pk
            for pk, cp, commune in PostalCode.objects.values_list("pk", "code", "commune_id")
        }
        stale = [pk for key, pk in existing_postal.items() if key not in wanted_postal]
        missing = sorted(wanted_postal - existing_postal.keys())
        for start in range(0, len(stale), 500):
            PostalCode.objects.filter(pk__in=stale[start : start + 500]).delete()
        PostalCode.objects.bulk_create(
            [PostalCode(code=cp, commune_id=c) for cp, c in missing], batch_size=2000
        )
        report.tables["postal_codes"] = TableChange(created=len(missing), deleted=len(stale))
        progress(_("Codes postaux à jour."))

        populations = {(Level.REGION, k): v for k, v in reg_population.items()}
        populations |= {(Level.DEPARTEMENT, k): v for k, v in dep_population.items()}
        populations |= {(Level.EPCI, e[0]): e[3] for e in document["epcis"]}
        populations |= {(Level.COMMUNE, c[0]): c[5] for c in communes}
        wanted_words = _search_words(document, populations)
        existing_words = set(
            SearchWord.objects.values_list("word", "level", "code", "name", "name_norm", "population")
        )
        if existing_words != set(wanted_words):
            SearchWord.objects.all().delete()
            SearchWord.objects.bulk_create(
                [
                    SearchWord(word=w, level=lv, code=c, name=n, name_norm=nn, population=p)
                    for w, lv, c, n, nn, p in wanted_words
                ],
                batch_size=2000,
            )
            report.tables["search_words"] = TableChange(
                created=len(wanted_words), deleted=len(existing_words)
            )
        else:
            report.tables["search_words"] = TableChange()
        progress(_("Index de recherche à jour."))
    return report
