"""INSEE's published layouts of the SIRENE stock files (the column names and their order), and a
writer of files in that layout: used by the fixture builder, the benchmark and the tests, which
need files exactly as INSEE publishes them (CSV, UTF-8, comma, a header row, zipped)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from essaim.registry.enums import StockKind

UNITE_LEGALE = [
    "siren",
    "statutDiffusionUniteLegale",
    "unitePurgeeUniteLegale",
    "dateCreationUniteLegale",
    "sigleUniteLegale",
    "sexeUniteLegale",
    "prenom1UniteLegale",
    "prenom2UniteLegale",
    "prenom3UniteLegale",
    "prenom4UniteLegale",
    "prenomUsuelUniteLegale",
    "pseudonymeUniteLegale",
    "identifiantAssociationUniteLegale",
    "trancheEffectifsUniteLegale",
    "anneeEffectifsUniteLegale",
    "dateDernierTraitementUniteLegale",
    "nombrePeriodesUniteLegale",
    "categorieEntrepriseUniteLegale",
    "anneeCategorieEntrepriseUniteLegale",
    "dateDebut",
    "etatAdministratifUniteLegale",
    "nomUniteLegale",
    "nomUsageUniteLegale",
    "denominationUniteLegale",
    "denominationUsuelle1UniteLegale",
    "denominationUsuelle2UniteLegale",
    "denominationUsuelle3UniteLegale",
    "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale",
    "nomenclatureActivitePrincipaleUniteLegale",
    "nicSiegeUniteLegale",
    "economieSocialeSolidaireUniteLegale",
    "societeMissionUniteLegale",
    "caractereEmployeurUniteLegale",
]

ETABLISSEMENT = [
    "siren",
    "nic",
    "siret",
    "statutDiffusionEtablissement",
    "dateCreationEtablissement",
    "trancheEffectifsEtablissement",
    "anneeEffectifsEtablissement",
    "activitePrincipaleRegistreMetiersEtablissement",
    "dateDernierTraitementEtablissement",
    "etablissementSiege",
    "nombrePeriodesEtablissement",
    "complementAdresseEtablissement",
    "numeroVoieEtablissement",
    "indiceRepetitionEtablissement",
    "dernierNumeroVoieEtablissement",
    "indiceRepetitionDernierNumeroVoieEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "codePostalEtablissement",
    "libelleCommuneEtablissement",
    "libelleCommuneEtrangerEtablissement",
    "distributionSpecialeEtablissement",
    "codeCommuneEtablissement",
    "codeCedexEtablissement",
    "libelleCedexEtablissement",
    "codePaysEtrangerEtablissement",
    "libellePaysEtrangerEtablissement",
    "identifiantAdresseEtablissement",
    "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement",
    "complementAdresse2Etablissement",
    "numeroVoie2Etablissement",
    "indiceRepetition2Etablissement",
    "typeVoie2Etablissement",
    "libelleVoie2Etablissement",
    "codePostal2Etablissement",
    "libelleCommune2Etablissement",
    "libelleCommuneEtranger2Etablissement",
    "distributionSpeciale2Etablissement",
    "codeCommune2Etablissement",
    "codeCedex2Etablissement",
    "libelleCedex2Etablissement",
    "codePaysEtranger2Etablissement",
    "libellePaysEtranger2Etablissement",
    "dateDebut",
    "etatAdministratifEtablissement",
    "enseigne1Etablissement",
    "enseigne2Etablissement",
    "enseigne3Etablissement",
    "denominationUsuelleEtablissement",
    "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement",
    "caractereEmployeurEtablissement",
]

HISTORIQUE = [
    "siret",
    "dateFin",
    "dateDebut",
    "etatAdministratifEtablissement",
    "changementEtatAdministratifEtablissement",
    "enseigne1Etablissement",
    "enseigne2Etablissement",
    "enseigne3Etablissement",
    "changementEnseigneEtablissement",
    "denominationUsuelleEtablissement",
    "changementDenominationUsuelleEtablissement",
    "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement",
    "changementActivitePrincipaleEtablissement",
    "caractereEmployeurEtablissement",
    "changementCaractereEmployeurEtablissement",
]

HEADERS = {
    StockKind.UNITE_LEGALE: UNITE_LEGALE,
    StockKind.ETABLISSEMENT: ETABLISSEMENT,
    StockKind.HISTORIQUE: HISTORIQUE,
}
FILE_NAMES = {
    StockKind.UNITE_LEGALE: "StockUniteLegale_utf8.csv",
    StockKind.ETABLISSEMENT: "StockEtablissement_utf8.csv",
    StockKind.HISTORIQUE: "StockEtablissementHistorique_utf8.csv",
}


def write_stock(path: Path, kind: str, rows: Iterable[dict], *, zipped: bool = True) -> Path:
    """Write rows (dicts by INSEE column name; missing columns empty) as INSEE publishes them."""
    header = HEADERS[kind]
    path = Path(path)
    if not zipped:
        with path.open("w", encoding="utf-8", newline="") as f:
            _write(f, header, rows)
        return path
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open(FILE_NAMES[kind], "w", force_zip64=True) as raw,
    ):
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        _write(text, header, rows)
        text.flush()
        text.detach()
    return path


def _write(f, header: list[str], rows: Iterable[dict]) -> None:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
