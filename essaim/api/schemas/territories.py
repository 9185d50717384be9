from ninja import Schema
from pydantic import ConfigDict

from essaim.api.routers.params import documented, required, required_text
from essaim.api.schemas.common import PlaceRef

LEVELS = "(commune|epci|departement|region)"


class TerritoryQuery(Schema):
    model_config = ConfigDict(json_schema_extra=required("q"))

    q: required_text(
        "Nom (début des mots, sans accents, dans n'importe quel ordre), code postal ou code INSEE."
    ) = None
    level: documented(
        {
            "type": "string",
            "pattern": rf"^\s*({LEVELS}\s*)?(,\s*({LEVELS}\s*)?)*$",
            "description": "Niveaux cherchés, séparés par des virgules : commune, epci, departement, region.",
            "example": "commune,departement",
        }
    ) = None
    limit: documented(
        {"type": "integer", "minimum": 1, "maximum": 50, "default": 10, "description": "Nombre de résultats."}
    ) = None


class TerritoryHit(PlaceRef):
    population: int
    url: str


class TerritoryResults(Schema):
    results: list[TerritoryHit]


class TerritoryDetail(PlaceRef):
    population: int
    parents: list[PlaceRef]
    url: str
    # Communes
    postal_codes: list[str] | None = None
    epci: PlaceRef | None = None
    departement: PlaceRef | None = None
    # Communes and départements
    region: PlaceRef | None = None
    # EPCI
    kind: str | None = None
    # Régions
    departements: list[PlaceRef] | None = None
    # France
    regions: list[PlaceRef] | None = None
