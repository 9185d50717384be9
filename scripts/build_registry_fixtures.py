"""Build the registry's shipped fixtures (essaim/registry/data/) from the real SIRENE extracts of
../shared/data/real/ (see essaim/registry/data/README.md for sources and licence).

- lyon4_StockEtablissement.zip and lyon4_StockEtablissementHistorique.zip: the establishments of
  Lyon 4e (69384) whose first period starts in 2015–2019, and all their periods, written in
  INSEE's layouts. The extract has no creation date column: the start of an establishment's
  first period is its creation date (INSEE starts the history there), unless it is INSEE's
  1900-01-01 placeholder (then unknown). The current state is that of the open period.
- ess_StockUniteLegale.zip: 300 real ESS legal units (every 11th row of the extract, inactive
  ones included), in INSEE's StockUniteLegale layout, ESS flag "O".
- manifest.json: the stock's date (the latest date in the extract) and the counts.

Usage: uv run --frozen python scripts/build_registry_fixtures.py [path/to/shared/data/real]
"""

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from essaim.registry.enums import StockKind  # noqa: E402
from essaim.registry.formats import write_stock  # noqa: E402

OUT = ROOT / "essaim" / "registry" / "data"
FIRST_YEAR, LAST_YEAR = 2015, 2019
UNKNOWN = "1900-01-01"


def lyon(source: Path) -> dict:
    periods = defaultdict(list)
    latest = ""
    with (source / "sirene_etablissements_periodes_lyon4_69384.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            periods[row["siret"]].append(row)
            latest = max(latest, row["dateDebut"], row["dateFin"])
    kept = {}
    for siret, rows in periods.items():
        rows.sort(key=lambda r: r["dateDebut"])
        start = rows[0]["dateDebut"]
        if start not in ("", UNKNOWN) and FIRST_YEAR <= int(start[:4]) <= LAST_YEAR:
            kept[siret] = rows
    establishments = []
    history = []
    for siret in sorted(kept):
        rows = kept[siret]
        current = next((r for r in rows if not r["dateFin"]), rows[-1])
        establishments.append(
            {
                "siren": siret[:9],
                "nic": siret[9:],
                "siret": siret,
                "statutDiffusionEtablissement": "O",
                "dateCreationEtablissement": rows[0]["dateDebut"],
                "trancheEffectifsEtablissement": current["code_tranche"],
                "nombrePeriodesEtablissement": len(rows),
                "libelleCommuneEtablissement": current["libelle_commune"],
                "codeCommuneEtablissement": current["code_commune"],
                "dateDebut": current["dateDebut"],
                "etatAdministratifEtablissement": current["etat"],
                "activitePrincipaleEtablissement": current["code_ape"],
            }
        )
        previous = None
        for r in rows:
            history.append(
                {
                    "siret": siret,
                    "dateFin": r["dateFin"],
                    "dateDebut": r["dateDebut"],
                    "etatAdministratifEtablissement": r["etat"],
                    "changementEtatAdministratifEtablissement": str(
                        previous is not None and previous["etat"] != r["etat"]
                    ).lower(),
                    "activitePrincipaleEtablissement": r["code_ape"],
                }
            )
            previous = r
    history.sort(key=lambda r: (r["siret"], r["dateDebut"]), reverse=False)
    write_stock(OUT / "lyon4_StockEtablissement.zip", StockKind.ETABLISSEMENT, establishments)
    write_stock(OUT / "lyon4_StockEtablissementHistorique.zip", StockKind.HISTORIQUE, history)
    return {"as_of": latest, "establishments": len(establishments), "periods": len(history)}


def ess(source: Path) -> dict:
    units = []
    with (source / "sirene_ess_unites_legales_numerique.csv").open(encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            if i % 11:
                continue
            units.append(
                {
                    "siren": row["siren"],
                    "statutDiffusionUniteLegale": "O",
                    "dateCreationUniteLegale": row["date_creation"],
                    "trancheEffectifsUniteLegale": row["tranche_effectifs"],
                    "categorieEntrepriseUniteLegale": row["categorie_entreprise"],
                    "etatAdministratifUniteLegale": "A" if row["est_active"] == "True" else "C",
                    "denominationUniteLegale": row["denomination"],
                    "categorieJuridiqueUniteLegale": row["categorie_juridique"],
                    "activitePrincipaleUniteLegale": row["naf"],
                    "nomenclatureActivitePrincipaleUniteLegale": "NAFRev2",
                    "nicSiegeUniteLegale": row["siret_siege"][9:],
                    "economieSocialeSolidaireUniteLegale": "O" if row["flag_ess_sirene"] == "True" else "N",
                    "caractereEmployeurUniteLegale": row["caractere_employeur"],
                }
            )
            if len(units) == 300:
                break
    write_stock(OUT / "ess_StockUniteLegale.zip", StockKind.UNITE_LEGALE, units)
    return {"legal_units": len(units)}


def main(source: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = {"lyon4": lyon(source), "ess": ess(source), "years": [FIRST_YEAR, LAST_YEAR]}
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(json.dumps(manifest))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "real")
