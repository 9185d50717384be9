from datetime import datetime

from ninja import Field, Schema


class TokenRequest(Schema):
    email: str = Field(..., max_length=254, examples=["porteur@demo.essaim.fr"])
    password: str = Field(..., max_length=4096)
    name: str = Field("", max_length=100, description="Nom libre pour reconnaître le jeton.")
    code: str = Field(
        "",
        max_length=32,
        description="Code de l'application d'authentification (ou code de secours) : exigé des comptes "
        "à double authentification.",
    )


class TokenCreated(Schema):
    token: str = Field(..., description="Valeur en clair, montrée une seule fois.")


class TokenOut(Schema):
    id: int
    name: str
    hint: str = Field(..., description="Début du jeton, pour le reconnaître.")
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    active: bool
