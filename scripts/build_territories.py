#!/usr/bin/env python3
"""Build essaim/territories/data/territories.json.gz from @etalab/decoupage-administratif.

Source: npm package `@etalab/decoupage-administratif` 6.0.0 (MIT licence, Etalab), itself
derived from INSEE's Code officiel géographique and La Poste's postal code base.

Usage (needs npm and the npm registry, never needed at run time):

    python3 scripts/build_territories.py            # fetches the package with `npm pack`
    python3 scripts/build_territories.py --from DIR # DIR holds the unpacked package/data/

The output is a compact, deterministic JSON document (sorted, gzip with a fixed mtime) so
that rebuilding from the same package yields the same bytes. Its "counts" header lets the
loader detect a truncated or edited file before it touches the database.
"""

import argparse
import gzip
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
OUTPUT = Path(__file__).resolve().parent.parent / "essaim" / "territories" / "data" / "territories.json.gz"


def fetch(workdir: Path) -> Path:
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=workdir, check=True)
    archive = next(workdir.glob("*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package" / "data"


def build(data_dir: Path) -> dict:
    def load(name: str):
        return json.loads((data_dir / f"{name}.json").read_text(encoding="utf-8"))

    regions = sorted([r["code"], r["nom"], r.get("chefLieu", "")] for r in load("regions"))
    departements = sorted(
        [d["code"], d["nom"], d["region"], d.get("chefLieu", "")] for d in load("departements")
    )
    communes_raw = load("communes")
    epcis_raw = load("epci")

    epci_of: dict[str, str] = {}
    epcis = []
    for epci in epcis_raw:
        epcis.append([epci["code"], epci["nom"], epci["type"], epci.get("populationMunicipale", 0)])
        for member in epci["membres"]:
            epci_of[member["code"]] = epci["code"]
    epcis.sort()

    communes = []
    aliases = []
    for c in communes_raw:
        if c["type"] == "commune-actuelle":
            communes.append(
                [
                    c["code"],
                    c["nom"],
                    c["departement"],
                    c["region"],
                    epci_of.get(c["code"], ""),
                    c.get("population", 0),
                    sorted(set(c.get("codesPostaux", []))),
                ]
            )
        else:
            # Paris/Lyon/Marseille arrondissements, communes déléguées and associées resolve
            # to the current commune they belong to.
            parent = c.get("commune") or c.get("chefLieu")
            if parent and parent != c["code"] or c["type"] == "arrondissement-municipal":
                aliases.append(
                    [c["code"], c["nom"], c["type"], parent, sorted(set(c.get("codesPostaux", [])))]
                )
    communes.sort()
    aliases.sort()
    body = {
        "regions": regions,
        "departements": departements,
        "epcis": epcis,
        "communes": communes,
        "aliases": aliases,
    }
    digest = hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    return {
        "format": 1,
        "source": f"npm {PACKAGE}@{VERSION}",
        "licence": "MIT (Etalab); data from INSEE COG and La Poste",
        "counts": {key: len(value) for key, value in body.items()},
        "sha256": digest,
        **body,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--from", dest="source", type=Path, help="directory holding the package's data/*.json"
    )
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.source or fetch(Path(tmp))
        document = build(data_dir)
    raw = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    print(f"{args.output}: {document['counts']} ({args.output.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
