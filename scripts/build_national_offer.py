#!/usr/bin/env python3
"""Build essaim/directory/data/national_offer.json.gz: the mainstream ("droit commun") actors
and shared places present in every territory, beside the study's ESS programmes.

Inputs (real open data, see their README; never read at run time):

    anct_france_services_20240801.csv               France services points (ANCT, 2024-08-01)
    annuaire_administration_2019_accompagnement.csv CCI, CMA, chambres d'agriculture, missions
                                                    locales, greffes des associations, missions
                                                    d'accueil et d'information des associations
                                                    (MAIA), tribunaux de commerce, Apec (DILA
                                                    annuaire, 2019-08)
    pass_emploi_agences_ft_milo_par_departement.csv France Travail agencies, missions locales by
                                                    département (France Travail, 2023-12)
    data_inclusion_dora_creation_activite_2022-12.csv data·inclusion business-creation services
    tiers_lieux_ftl2023_numerique_echantillon.csv   a sample of tiers-lieux (France Tiers-Lieux 2023)

Usage:

    python3 scripts/build_national_offer.py --from ../shared/data/real

The territory file shipped in the repo (essaim/territories/data/territories.json.gz) is read
to place the France Travail agencies, which the source gives by département only: the agency
is put in the commune of that département whose name its own name carries ("Agence Pôle emploi
AUBUSSON" → Aubusson); the source still files Saint-Martin's agency under Guadeloupe (971),
whose commune Saint-Martin was until 2007, so the communes of Saint-Barthélemy and Saint-Martin
are searched for the agencies of 971. INSEE codes are kept as the sources give them (the loader
maps merged communes to their current commune and reports the others), except the few that
`CORRECTIONS` puts right, each with its evidence.

Zone: an actor serves its commune, or its département for the departmental ones (loader); a
data·inclusion service whose own description says it is given at a distance everywhere in
France ("partout en France", "en distanciel") gets the zone "national".

The output is deterministic (sorted rows, gzip with a fixed mtime) with a "counts" header and
a SHA-256 of its body, checked by the loader before it touches the database.
"""

import argparse
import csv
import gzip
import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "essaim" / "directory" / "data" / "national_offer.json.gz"
TERRITORIES = ROOT / "essaim" / "territories" / "data" / "territories.json.gz"

FORMAT = 2
SECTIONS = ("actors", "skipped")
# Column order of one actor row (the loader reads the same list).
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

SOURCES = {
    "anct-france-services": {
        "title": "ANCT, liste des France services",
        "file": "anct_france_services_20240801.csv",
        "origin": "anct-carto/france_services @ 77f42baab04eae687d5eef1acdc79ee395f9562b : data/liste-fs-20240801.csv",
        "licence": "Licence Ouverte 2.0 (ANCT)",
        "date": "2024-08-01",
    },
    "dila-annuaire-2019": {
        "title": "DILA, Annuaire de l'administration – Base de données locales (service-public.fr)",
        "file": "annuaire_administration_2019_accompagnement.csv",
        "origin": "okfnfr/dada-france-authorities @ 6811933f508e4a97988d6a32a57c05b35edd0a49 : emails_valide*.csv",
        "licence": "Licence Ouverte (DILA)",
        "date": "2019-08-01",
    },
    "france-travail-2023": {
        "title": "France Travail, agences et missions locales (pass-emploi)",
        "file": "pass_emploi_agences_ft_milo_par_departement.csv",
        "origin": "France-Travail/pass-emploi-api @ 7666930f59949004dea22d10fba788e55b304653 : "
        "src/infrastructure/sequelize/seeders/data/agences_pe.json, agences_milo.json",
        "licence": "MIT (France Travail)",
        "date": "2023-12-01",
    },
    "data-inclusion-2022": {
        "title": "data·inclusion, services de la thématique création d'activité (source DORA)",
        "file": "data_inclusion_dora_creation_activite_2022-12.csv",
        "origin": "anct-cartographie-nationale/mednum-cli @ cccc878b3b6dcc98b6b003445bf9b12ac71848a6 : "
        "assets/input/data-inclusion-services.json (+ structures @ 5c7c8a2adb6e982011017da01989d106f8b33205)",
        "licence": "Licence Ouverte 2.0 (data·inclusion)",
        "date": "2022-12-01",
    },
    "france-tiers-lieux-2023": {
        "title": "France Tiers-Lieux, recensement 2023 (échantillon de tiers-lieux numériques)",
        "file": "tiers_lieux_ftl2023_numerique_echantillon.csv",
        "origin": "augustindeche-bit/ess-numerique-database @ 94bbd8cf61d5c5224bddeb6dbe9bf0762eae78db : "
        "data/processed/candidates/03_tierslieux_numerique.csv",
        "licence": "MIT (dépôt) ; recensement publié par France Tiers-Lieux",
        "date": "2023-01-01",
    },
}

# The national line of France Travail: the source gives agencies without any contact, and every
# agency is reached through it (public, stable facts of francetravail.fr).
FRANCE_TRAVAIL_PHONE = "3949"
FRANCE_TRAVAIL_WEBSITE = "https://www.francetravail.fr"

DILA_KINDS = {
    "cci": "cci",
    "chambre_metier": "cma",
    "chambre_agriculture": "chamber_agriculture",
    "mission_locale": "mission_locale",
    "prefecture_greffe_associations": "associations_registry",
    "tribunal_commerce": "commercial_court",
    "apec": "apec",
    # Mission d'accueil et d'information des associations: the State's desk that informs and
    # advises people creating or running an association, one per département and collectivity.
    "maia": "associations_help",
}
DILA_OUT_OF_SCOPE = {
    "direccte_ut": "unité territoriale de la DIRECCTE (devenue DDETS) : pas un guichet pour créer",
}
# Records the source places wrongly, put right with the evidence (the source's id → commune,
# département, why).
CORRECTIONS = {
    "prefecture_greffe_associations-97502-01": (
        "97416",
        "974",
        "la sous-préfecture de Saint-Pierre (La Réunion) porte dans l'annuaire le code INSEE de "
        "Saint-Pierre-et-Miquelon (97502) ; son nom, son code postal (97448) et son téléphone "
        "(+262) sont ceux de La Réunion",
    ),
}
# Saint-Barthélemy and Saint-Martin were communes of Guadeloupe until 2007.
FORMER_COMMUNES_OF = {"971": ["977", "978"]}
# A data·inclusion service given at a distance everywhere, in its own words.
_NATIONAL_REMOTE = (
    re.compile(r"partout en france", re.IGNORECASE),
    re.compile(r"distanciel|à distance", re.IGNORECASE),
)

ALL_STAGES = ["emergence", "creation", "consolidation", "developpement"]
# What each kind of actor does for a carrier, as the directory's vocabulary (stages, needs, publics).
KIND_FACTS = {
    "france_services": (ALL_STAGES, ["legal_structure", "financing"], []),
    "cci": (ALL_STAGES, ["business_plan", "financing", "training", "legal_structure", "markets"], []),
    "cma": (ALL_STAGES, ["business_plan", "financing", "training", "legal_structure"], []),
    "chamber_agriculture": (ALL_STAGES, ["feasibility", "business_plan", "financing", "training"], []),
    "france_travail": (ALL_STAGES, ["financing", "training", "recruiting"], ["job_seekers"]),
    "mission_locale": (["emergence", "creation"], ["idea", "training", "financing"], ["young_people"]),
    "associations_registry": (["creation"], ["legal_structure"], []),
    "commercial_court": (["creation", "consolidation"], ["legal_structure"], []),
    "apec": (["emergence", "creation", "developpement"], ["idea", "recruiting"], []),
    "associations_help": (["emergence", "creation", "consolidation"], ["legal_structure", "financing"], []),
    "shared_place": (["creation", "consolidation", "developpement"], ["premises", "peers"], []),
}
DATA_INCLUSION_STAGES = {
    "creation-activite--definir-son-projet-de-creation-dentreprise": ("emergence", "idea"),
    "creation-activite--structurer-son-projet-de-creation-dentreprise": ("creation", "business_plan"),
    "creation-activite--financer-son-projet": ("creation", "financing"),
    "creation-activite--reseautage-pour-createurs-dentreprise": ("consolidation", "peers"),
    "creation-activite--developper-son-entreprise": ("developpement", "markets"),
}
DAYS = [
    ("h_lundi", "lundi"),
    ("h_mardi", "mardi"),
    ("h_mercredi", "mercredi"),
    ("h_jeudi", "jeudi"),
    ("h_vendredi", "vendredi"),
    ("h_samedi", "samedi"),
]
# A named agent's address (prénom.nom@préfecture) is personal data: the service's address is kept,
# a person's is not.
_PERSONAL_EMAIL = re.compile(
    r"^[a-z]+(?:-[a-z]+)?\.[a-z]+(?:-[a-z]+)?@(?:[a-z-]+\.)*(?:gouv\.fr|justice\.fr|gouv\.nc|gov\.pf)$"
)
_GENERIC_LOCAL = re.compile(r"^(?:pref|sp|ddcs|ddcspp|ddcs\d+|sous|greffe|associations?|courrier|contact)\b")


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe"))
    return re.sub(r"[^a-z0-9]+", " ", decomposed.encode("ascii", "ignore").decode("ascii").lower()).strip()


def clean(text: str | None) -> str:
    # The DILA export turned typographic apostrophes into a C1 control character.
    text = (text or "").replace("\x92", "’").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def clean_phone(text: str) -> str:
    text = clean(text)
    # "08 09 36 12 12 / Numéro gris : service gratuit + prix d'un appel…": the number itself.
    text = text.split(" / ")[0].strip()
    # Saint-Pierre-et-Miquelon's numbers have six digits: the annuaire repeats its country code.
    return re.sub(r"^\+508 508 ", "+508 ", text)[:30]


def clean_email(text: str) -> str:
    text = clean(text).lower()
    if not text or "@" not in text:
        return ""
    local = text.split("@")[0]
    if _PERSONAL_EMAIL.match(text) and not _GENERIC_LOCAL.match(local):
        return ""
    return text


def clean_website(text: str) -> str:
    text = clean(text)
    if not text:
        return ""
    if not re.match(r"^https?://", text, re.IGNORECASE):
        text = "https://" + text
    return text if re.match(r"^https?://[\w.-]+\.[a-z]{2,}(?:[/?#].*)?$", text, re.IGNORECASE) else ""


def title_city(text: str) -> str:
    """ "NICE CEDEX" → "Nice" (the postal routing word is no use to a person)."""
    text = re.sub(r"\s+cedex(?:\s+\d+)?$", "", clean(text), flags=re.IGNORECASE)
    if text.isupper():
        text = "-".join(part.capitalize() for part in text.lower().split("-"))
        text = " ".join(
            w if w in {"de", "du", "des", "la", "le", "les", "en", "sur"} else w[:1].upper() + w[1:]
            for w in text.split(" ")
        )
    return text


def row(source, ref, kind, name, **values) -> list:
    stages, needs, publics = KIND_FACTS.get(kind, (ALL_STAGES, [], []))
    data = {
        "source": source,
        "ref": ref,
        "kind": kind,
        "name": clean(name)[:200],
        "commune": "",
        "departement": "",
        "address": "",
        "postal_code": "",
        "city": "",
        "phone": "",
        "email": "",
        "website": "",
        "hours": "",
        "latitude": None,
        "longitude": None,
        "summary": "",
        "stages": stages,
        "needs": needs,
        "publics": publics,
        "zone": "",
        **values,
    }
    return [data[column] for column in COLUMNS]


def read(directory: Path, key: str) -> list[dict]:
    with open(directory / SOURCES[key]["file"], encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def france_services(directory: Path) -> tuple[list, list]:
    actors = []
    for r in read(directory, "anct-france-services"):
        hours = [f"{label} : {clean(r[col])}" for col, label in DAYS if clean(r[col])]
        if r["prise_rdv"] == "Oui":
            hours.append("sur rendez-vous")
        if clean(r["commentaire"]):
            hours.append(clean(r["commentaire"]))
        address = ", ".join(p for p in (clean(r["adresse"]), clean(r["complement_adresse"])) if p)
        actors.append(
            row(
                "anct-france-services",
                r["id_fs"],
                "france_services",
                r["lib_fs"],
                commune=r["insee_com"],
                departement=r["insee_dep"],
                address=address[:250],
                postal_code=r["code_postal"],
                city=clean(r["lib_com"]),
                phone=clean_phone(r["telephone"]),
                email=clean_email(r["mail"]),
                hours=" ; ".join(hours)[:500],
                latitude=round(float(r["latitude"]), 6),
                longitude=round(float(r["longitude"]), 6),
            )
        )
    return actors, []


def dila(directory: Path) -> tuple[list, list]:
    actors, skipped = [], []
    for r in read(directory, "dila-annuaire-2019"):
        if r["type"] in DILA_OUT_OF_SCOPE:
            skipped.append(["dila-annuaire-2019", r["id_annuaire"], DILA_OUT_OF_SCOPE[r["type"]]])
            continue
        commune, dep = r["code_insee"], r["code_departement"]
        if r["id_annuaire"] in CORRECTIONS:
            commune, dep, why = CORRECTIONS[r["id_annuaire"]]
            print(f"  corrigé : {r['id_annuaire']} → {commune} ({why})")
        elif dep == "98":  # the Pacific collectivities share "98": their code says which
            dep = commune[:3]
        actors.append(
            row(
                "dila-annuaire-2019",
                r["id_annuaire"],
                DILA_KINDS[r["type"]],
                r["nom"],
                commune=commune,
                departement=dep,
                address=clean(r["adresse"])[:250],
                postal_code=r["code_postal"],
                city=title_city(r["commune"]),
                phone=clean_phone(r["telephone"]),
                email=clean_email(r["courriel"]),
                website=clean_website(r["site_web"]),
            )
        )
    return actors, skipped


def _communes_by_departement() -> dict[str, list[tuple[str, str]]]:
    with gzip.open(TERRITORIES, "rb") as fh:
        document = json.loads(fh.read())
    result: dict[str, list[tuple[str, str]]] = {}
    for code, name, dep, *_rest in document["communes"]:
        # Corsica is "20" in the source: both of its départements are searched.
        for key in {dep, "20"} if dep in ("2A", "2B") else {dep}:
            result.setdefault(key, []).append((normalise(name), code, dep))
    for rows in result.values():
        rows.sort(key=lambda item: (-len(item[0]), item[1]))  # longest name first
    return result


def _place_in_name(name: str, candidates: list[tuple[str, str, str]]) -> tuple[str, str] | None:
    words = f" {normalise(name)} "
    words = re.sub(r" ste ", " sainte ", re.sub(r" st ", " saint ", words))
    for norm, code, dep in candidates:
        if len(norm) >= 3 and f" {norm} " in words:
            return code, dep
    return None


def _corsica(name: str) -> str:
    """The département of a Corsican structure the source files under "20", from its name."""
    norm = normalise(name)
    if "haute corse" in norm or "bastia" in norm:
        return "2B"
    if "corse du sud" in norm or "sud corse" in norm or "ajaccio" in norm:
        return "2A"
    return "20"


def france_travail(directory: Path, dila_ml_departements: set[str]) -> tuple[list, list]:
    actors, skipped = [], []
    communes = _communes_by_departement()
    for r in read(directory, "france-travail-2023"):
        ref = f"{r['structure'].lower()}-{r['id']}"
        dep = r["code_departement"].zfill(2) if r["code_departement"].isdigit() else r["code_departement"]
        if dep == "20":
            dep = _corsica(r["nom"])
        if r["structure"] == "MILO":
            if dep in dila_ml_departements:
                skipped.append(
                    [
                        "france-travail-2023",
                        ref,
                        "mission locale sans adresse ni contact : le département en a avec leurs "
                        "coordonnées dans l'annuaire de 2019",
                    ]
                )
                continue
            name = re.sub(r"^\d+[AB]?\s*-\s*", "", r["nom"])
            placed = _place_in_name(name, communes.get(dep, []))
            actors.append(
                row(
                    "france-travail-2023",
                    ref,
                    "mission_locale",
                    name,
                    commune=placed[0] if placed else "",
                    departement=placed[1] if placed else dep,
                )
            )
            continue
        candidates = communes.get(dep, []) + [
            c for d in FORMER_COMMUNES_OF.get(dep, []) for c in communes.get(d, [])
        ]
        placed = _place_in_name(r["nom"], sorted(candidates, key=lambda c: (-len(c[0]), c[1])))
        if placed is None and dep == "20":
            skipped.append(
                ["france-travail-2023", ref, "agence de Corse dont le nom ne dit pas le département"]
            )
            continue
        name = re.sub(r"\bPôle emploi\b", "France Travail", clean(r["nom"]))
        actors.append(
            row(
                "france-travail-2023",
                ref,
                "france_travail",
                name,
                commune=placed[0] if placed else "",
                departement=placed[1] if placed else dep,
                phone=FRANCE_TRAVAIL_PHONE,
                website=FRANCE_TRAVAIL_WEBSITE,
                summary="Agence France Travail (ex-Pôle emploi) ; contact par le numéro national 3949.",
            )
        )
    return actors, skipped


def data_inclusion(directory: Path) -> tuple[list, list]:
    actors = []
    for r in read(directory, "data-inclusion-2022"):
        themes = r["thematiques"].split("|")
        stages = sorted(
            {DATA_INCLUSION_STAGES[t][0] for t in themes if t in DATA_INCLUSION_STAGES}, key=ALL_STAGES.index
        )
        needs = sorted({DATA_INCLUSION_STAGES[t][1] for t in themes if t in DATA_INCLUSION_STAGES})
        structure = clean(r["structure_nom"])
        actors.append(
            row(
                "data-inclusion-2022",
                r["service_id"],
                "inclusion_service",
                f"{clean(r['service_nom'])} — {structure}",
                commune=r["code_insee"],
                departement="",
                address=clean(r["adresse"])[:250],
                postal_code=r["code_postal"],
                city=title_city(r["commune"]),
                phone=clean_phone(r["telephone"]),
                website=clean_website(r["site_web"]),
                summary=clean(r["presentation_resume"])[:300],
                stages=stages or ["emergence", "creation"],
                needs=needs,
                publics=["job_seekers"] if r["typologie"] in ("CAP_EMPLOI",) else [],
                zone="national" if all(p.search(r["presentation_resume"]) for p in _NATIONAL_REMOTE) else "",
            )
        )
    return actors, []


def tiers_lieux(directory: Path) -> tuple[list, list]:
    actors = []
    for r in read(directory, "france-tiers-lieux-2023"):
        carrier = clean(r["structure_porteuse"])
        actors.append(
            row(
                "france-tiers-lieux-2023",
                r["id_ftl"],
                "shared_place",
                r["nom"],
                commune=r["code_insee"],
                address=clean(r["adresse"])[:250],
                postal_code=r["code_postal"],
                city=title_city(r["commune"]),
                website=clean_website(r["site_web"]),
                summary=(f"Tiers-lieu porté par {carrier}." if carrier else "Tiers-lieu.")[:300],
            )
        )
    return actors, []


def build(directory: Path) -> dict:
    actors, skipped = [], []
    for part in (france_services, dila):
        found, dropped = part(directory)
        actors += found
        skipped += dropped
    dila_ml = {a[COLUMNS.index("departement")] for a in actors if a[2] == "mission_locale"}
    for found, dropped in (
        france_travail(directory, dila_ml),
        data_inclusion(directory),
        tiers_lieux(directory),
    ):
        actors += found
        skipped += dropped
    actors.sort(key=lambda a: (a[0], a[1]))
    skipped.sort()
    body = {"actors": actors, "skipped": skipped}
    digest = hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    return {
        "format": FORMAT,
        "columns": COLUMNS,
        "sources": SOURCES,
        "counts": {key: len(value) for key, value in body.items()},
        "sha256": digest,
        **body,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--from", dest="source", type=Path, required=True, help="directory of the real data files"
    )
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    document = build(args.source)
    raw = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    kinds: dict[str, int] = {}
    for actor in document["actors"]:
        kinds[actor[2]] = kinds.get(actor[2], 0) + 1
    print(f"{args.output}: {document['counts']} ({args.output.stat().st_size} bytes)")
    print("  " + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
