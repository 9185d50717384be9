"""Personal API tokens: obtain one with e-mail and password, list them, revoke one."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from ninja import Path, Router, Status

from essaim.accounts.models import ApiToken
from essaim.accounts.services import (
    login_is_rate_limited,
    login_record_failure,
    login_reset,
    token_create,
    token_revoke,
)
from essaim.api.auth import required_auth
from essaim.api.errors import ApiError, not_found
from essaim.api.schemas.auth import TokenCreated, TokenOut, TokenRequest
from essaim.api.schemas.common import ERRORS

router = Router(tags=["authentification"])


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or ""


@router.post(
    "/token",
    auth=None,
    response={201: TokenCreated, **ERRORS},
    url_name="token-create",
    summary="Obtenir un jeton",
)
def token_obtain(request, payload: TokenRequest):
    """Échange une adresse électronique et un mot de passe contre un jeton personnel.

    Limité comme la connexion au site : trop d'échecs depuis une adresse → 429.
    """
    email = payload.email.strip().lower()
    if login_is_rate_limited(address=_address(request), email=email):
        raise ApiError(429, _("Trop de tentatives de connexion. Réessayez dans quelques minutes."))
    user = authenticate(request, email=email, password=payload.password)
    if user is None:
        login_record_failure(address=_address(request), email=email)
        raise ApiError(
            401,
            _("Adresse électronique ou mot de passe incorrect."),
            headers={"WWW-Authenticate": "Bearer"},
        )
    login_reset(address=_address(request), email=email)
    _token, clear = token_create(user=user, name=payload.name.strip() or _("Jeton obtenu par l'API"))
    return Status(201, {"token": clear})


@router.get(
    "/tokens",
    auth=required_auth,
    response={200: list[TokenOut], **ERRORS},
    url_name="token-list",
    summary="Lister mes jetons",
)
def token_list(request):
    """Vos jetons, actifs et révoqués (jamais leur valeur en clair)."""
    return [
        {
            "id": token.pk,
            "name": token.name,
            "hint": token.hint,
            "created_at": token.created_at,
            "last_used_at": token.last_used_at,
            "revoked_at": token.revoked_at,
            "active": token.is_active,
        }
        for token in ApiToken.objects.filter(user=request.user).order_by("-created_at", "-pk")
    ]


@router.delete(
    "/tokens/{token_id}",
    auth=required_auth,
    response={204: None, **ERRORS},
    url_name="token-revoke",
    summary="Révoquer un jeton",
)
def token_delete(request, token_id: int = Path(..., ge=1, le=2**63 - 1)):
    """Révoque l'un de vos jetons ; celui d'un autre compte, ou déjà révoqué, donne 404."""
    if not token_revoke(user=request.user, token_id=token_id):
        raise not_found(_("Jeton introuvable ou déjà révoqué."))
    return Status(204, None)
