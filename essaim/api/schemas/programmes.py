from datetime import date

from ninja import Field, Schema

from essaim.api.routers.params import PAGE, PAGE_SIZE, choice, text
from essaim.api.schemas.common import PlaceRef
from essaim.directory.enums import AccompanimentModel, LifeStage, Need, OfferFamily, ProgrammeKind, Public


class ProgrammeQuery(Schema):
    """The directory's filters (validated by essaim.directory.selectors.parse_filters)."""

    territory: text(
        "Territoire où le dispositif agit, `niveau:code` (ex. `departement:34`) : "
        "zones qui le contiennent ou qui sont à l'intérieur."
    ) = None
    family: choice(
        OfferFamily.values,
        "Famille d'offre : dispositif d'appui à l'ESS, acteur de droit commun, lieu partagé.",
    ) = None
    stage: choice(LifeStage.values, "Étape de vie couverte.") = None
    kind: choice(ProgrammeKind.values, "Type de dispositif.") = None
    model: choice(AccompanimentModel.values, "Modèle d'accompagnement.") = None
    public: choice(Public.values, "Public accompagné.") = None
    need: choice(Need.values, "Besoin servi.") = None
    ecosystem: text("Écosystème dont le dispositif est membre, par son identifiant (ex. `realis`).") = None
    q: text("Texte libre (nom du dispositif ou de sa structure).") = None
    page: PAGE = None
    page_size: PAGE_SIZE = None


class OrganisationRef(Schema):
    slug: str
    name: str


class ProgrammeSummary(Schema):
    slug: str
    name: str
    family: str = Field(..., description="Famille d'offre : `ess`, `mainstream` ou `shared_place`.")
    kind: str
    model: str
    stages: list[str]
    needs: list[str]
    publics: list[str]
    organisation: OrganisationRef
    zone: list[PlaceRef]
    url: str = Field(..., description="Adresse du dispositif dans l'API.")
    page_url: str = Field(..., description="Page publique du dispositif sur le site.")
    source: str
    licence: str


class ProgrammePage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[ProgrammeSummary]


class OrganisationDetail(OrganisationRef):
    legal_form: str
    year_created: int | None
    initiator: str
    website: str


class EconomicModel(Schema):
    share_public_funding: int | None
    share_service_sales: int | None
    share_member_contributions: int | None
    share_private_funding: int | None
    notes: str


class EcosystemRef(Schema):
    slug: str
    name: str
    model: str


class Contact(Schema):
    email: str
    phone: str
    website: str
    address: str


class ProgrammeDetail(ProgrammeSummary):
    organisation: OrganisationDetail
    summary: str
    description: str
    activities: list[str]
    beneficiaries: str
    duration: str
    rhythm: str
    zone_description: str
    zone_in_words: str
    economic_model: EconomicModel
    ecosystems: list[EcosystemRef]
    contact: Contact
    updated_on: date | None
