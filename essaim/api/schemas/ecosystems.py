"""Ecosystems (GET /api/v1/ecosystems) and events (GET /api/v1/events): read-only, public."""

from datetime import datetime

from ninja import Field, Schema

from essaim.api.routers.params import PAGE, PAGE_SIZE
from essaim.api.schemas.common import PlaceRef
from essaim.api.schemas.programmes import OrganisationRef


class PageQuery(Schema):
    page: PAGE = None
    page_size: PAGE_SIZE = None


class Leader(OrganisationRef):
    role: str = Field(
        ...,
        description="Rôle d'une collectivité animatrice (`encourager`, `conductor`, "
        "`engaged_actor`), vide pour un réseau ou une entreprise de l'ESS.",
    )
    role_label: str = Field(..., description="Le rôle en toutes lettres (vide s'il n'y en a pas).")


class EcosystemSummary(Schema):
    slug: str
    name: str
    model: str = Field(..., description="`coordination`, `common_brand` ou `joint_projects`.")
    model_label: str
    leader: Leader | None
    territory: list[PlaceRef]
    territory_description: str = Field(..., description="Le territoire en mots, tel que la source le donne.")
    brand: str | None = Field(..., description="La marque commune, pour un écosystème de marque commune.")
    member_count: int = Field(..., description="Nombre de dispositifs membres publiés.")
    url: str = Field(..., description="Adresse de l'écosystème dans l'API.")
    page_url: str = Field(..., description="Page publique de l'écosystème sur le site.")


class EcosystemPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[EcosystemSummary]


class MemberProgramme(Schema):
    slug: str
    name: str
    family: str
    kind: str
    organisation: OrganisationRef
    url: str


class MemberOrganisation(Schema):
    organisation: OrganisationRef
    role: str = Field(..., description="`member`, ou pour une collectivité son rôle.")
    role_label: str


class EcosystemDetail(EcosystemSummary):
    description: str
    members: list[MemberProgramme] = Field(..., description="Dispositifs membres publiés, par nom.")
    organisations: list[MemberOrganisation] = Field(
        ..., description="Structures membres actives (une collectivité, par exemple), avec leur rôle."
    )
    source: str


class SessionOut(Schema):
    starts_at: datetime
    ends_at: datetime


class EventPlace(Schema):
    kind: str = Field(..., description="`address` (sur place) ou `online` (en ligne).")
    in_words: str = Field(..., description="Le lieu en mots : « En ligne », ou l'adresse et la commune.")
    address: str
    commune: PlaceRef | None


class RegistrationWindow(Schema):
    opens_at: datetime | None
    closes_at: datetime | None = Field(..., description="Par défaut, le début de la première séance.")
    open: bool = Field(..., description="Les inscriptions sont-elles ouvertes maintenant ?")
    message: str = Field(..., description="Pourquoi elles ne le sont pas, en mots (vide sinon).")


class OwnerRef(Schema):
    slug: str
    name: str


class EventOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    description: str
    state: str = Field(..., description="`published`, `cancelled` ou `closed`.")
    audience: str
    sessions: list[SessionOut]
    place: EventPlace
    capacity: int
    seats_left: int
    registration: RegistrationWindow
    programme: OwnerRef | None
    ecosystem: OwnerRef | None
    url: str = Field(..., description="Adresse de l'événement dans l'API.")
    page_url: str = Field(..., description="Page publique de l'événement (inscription).")


class EventPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[EventOut]
