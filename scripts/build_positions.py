#!/usr/bin/env python3
"""Build essaim/replication/data/positions.json: approximate positions (latitude, longitude) of
départements and communes, for the replication map (docs/replication.md).

The territory referential has no coordinates; the national offer shipped in the repo
(essaim/directory/data/national_offer.json.gz, real open data: France services, chambers,
agencies… with their coordinates) has 5,000-odd located actors. A commune's position is the mean
of its actors' positions; a département's the mean of its actors' (France services are spread
over every département, so this lands near its centre of population, not its geometric centre).
Rounded to 0.01° (about a kilometre): the map is drawn a few hundred pixels wide.

Usage: python3 scripts/build_positions.py
"""

import gzip
import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "essaim/directory/data/national_offer.json.gz"
TARGET = ROOT / "essaim/replication/data/positions.json"


def mean(points):
    return [
        round(sum(p[0] for p in points) / len(points), 2),
        round(sum(p[1] for p in points) / len(points), 2),
    ]


def main() -> None:
    document = json.loads(gzip.decompress(SOURCE.read_bytes()))
    col = {name: i for i, name in enumerate(document["columns"])}
    communes, departements = defaultdict(list), defaultdict(list)
    for actor in document["actors"]:
        lat, lon = actor[col["latitude"]], actor[col["longitude"]]
        if lat is None or lon is None:
            continue
        if actor[col["commune"]]:
            communes[actor[col["commune"]]].append((lat, lon))
        if actor[col["departement"]]:
            departements[actor[col["departement"]]].append((lat, lon))
    out = {
        "source": "essaim/directory/data/national_offer.json.gz (means of located actors); scripts/build_positions.py",
        "licence": "Licence Ouverte 2.0 (the national offer's sources)",
        "departements": {code: mean(p) for code, p in sorted(departements.items())},
        "communes": {code: mean(p) for code, p in sorted(communes.items())},
    }
    TARGET.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n")
    print(f"{len(out['departements'])} départements, {len(out['communes'])} communes → {TARGET}")


if __name__ == "__main__":
    main()
